// What a scene costs a render node: draw calls, triangles, texture memory and download size of its glTF assets.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeIO, type Document } from '@gltf-transform/core';
import { assetPathOf, type SceneManifest } from '../../engine/protocol/SceneManifest.ts';

/** Mipmaps add a third to a texture's base level (1 + 1/4 + 1/16 + … → 4/3). */
export const MIPMAP_FACTOR = 4 / 3;

export interface GlbCost {
  /** One per primitive of each mesh node. */
  drawCalls: number;
  triangles: number;
  /** Decoded RGBA8 size with mipmaps, bytes: width × height × 4 × 4/3 per image. */
  textureBytes: number;
  textures: number;
  materials: number;
}

export interface SceneCost extends GlbCost {
  id: string;
  /** Sum of the distinct asset files' sizes, bytes (what a render node downloads). */
  downloadBytes: number;
}

/** Cost of one glTF document (every node that holds a mesh, as placed in its default scene). */
export function glbCost(doc: Document): GlbCost {
  let drawCalls = 0;
  let triangles = 0;
  const root = doc.getRoot();
  for (const node of root.listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    for (const prim of mesh.listPrimitives()) {
      drawCalls++;
      const mode = prim.getMode();
      const count = prim.getIndices()?.getCount() ?? prim.getAttribute('POSITION')?.getCount() ?? 0;
      if (mode === 4) triangles += count / 3; // TRIANGLES
      else if (mode === 5 || mode === 6) triangles += Math.max(0, count - 2); // strip, fan
    }
  }
  let textureBytes = 0;
  for (const t of root.listTextures()) {
    const size = pngSize(t.getImage());
    if (size) textureBytes += Math.round(size.widthPx * size.heightPx * 4 * MIPMAP_FACTOR);
  }
  return { drawCalls, triangles, textureBytes, textures: root.listTextures().length, materials: root.listMaterials().length };
}

/** Cost of a whole scene: every placement of every asset (placements of one file share its textures and download). */
export async function sceneCost(manifest: SceneManifest, projectDir: string): Promise<SceneCost> {
  const io = new NodeIO();
  const perFile = new Map<string, { cost: GlbCost; bytes: number }>();
  const total: SceneCost = { id: manifest.id, drawCalls: 0, triangles: 0, textureBytes: 0, textures: 0, materials: 0, downloadBytes: 0 };
  for (const asset of manifest.assets) {
    const path = join(projectDir, assetPathOf(asset.uri));
    let file = perFile.get(path);
    if (!file) {
      const bytes = await readFile(path);
      file = { cost: glbCost(await io.readBinary(new Uint8Array(bytes))), bytes: (await stat(path)).size };
      perFile.set(path, file);
      total.textureBytes += file.cost.textureBytes;
      total.textures += file.cost.textures;
      total.materials += file.cost.materials;
      total.downloadBytes += file.bytes;
    }
    total.drawCalls += file.cost.drawCalls;
    total.triangles += file.cost.triangles;
  }
  return total;
}

/** Width and height from a PNG's IHDR (bytes 16..23), or undefined for anything else. */
export function pngSize(image: Uint8Array | null): { widthPx: number; heightPx: number } | undefined {
  if (!image || image.byteLength < 24 || image[0] !== 0x89 || image[1] !== 0x50) return undefined;
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  return { widthPx: view.getUint32(16), heightPx: view.getUint32(20) };
}
