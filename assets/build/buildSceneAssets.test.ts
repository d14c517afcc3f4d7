import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { parseSceneManifest } from '../../engine/protocol/SceneManifest.ts';
import { BUDGET, buildSceneGlb, formatReport, PROJECT_DIR, reportScenes, SCENE_ASSETS } from './buildSceneAssets.ts';
import { glbCost } from './sceneAssetReport.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('buildSceneAssets', () => {
  it('builds the same bytes every time (seeded)', async () => {
    for (const spec of SCENE_ASSETS) expect(sha(await buildSceneGlb(spec))).toBe(sha(await buildSceneGlb(spec)));
  });

  it.each(SCENE_ASSETS.map((s) => [s.sceneId, s] as const))('%s: writes valid glTF that reads back with meshes, PBR materials and vertex colours', async (_id, spec) => {
    const doc = await new NodeIO().readBinary(await buildSceneGlb(spec));
    const root = doc.getRoot();
    expect(root.listScenes()).toHaveLength(1);
    expect(root.listMeshes().length).toBeGreaterThan(5);
    expect(root.listMaterials().length).toBe(root.listMeshes().length); // one batch (draw call) per material
    for (const mesh of root.listMeshes()) {
      for (const prim of mesh.listPrimitives()) {
        expect(prim.getMaterial()).not.toBeNull();
        expect(prim.getAttribute('POSITION')?.getType()).toBe('VEC3');
        expect(prim.getAttribute('COLOR_0')?.getNormalized()).toBe(true);
        expect(prim.getIndices()).not.toBeNull();
        // Flat-shaded batches leave NORMAL out (viewers shade them flat); textured ones carry UVs.
        const mat = prim.getMaterial()!;
        if (mat.getBaseColorTexture() || mat.getEmissiveTexture()) expect(prim.getAttribute('TEXCOORD_0')).not.toBeNull();
      }
    }
    expect(root.listMaterials().some((m) => m.getEmissiveFactor().some((c) => c > 0))).toBe(true);
    for (const t of root.listTextures()) expect(t.getMimeType()).toBe('image/png');
    const cost = glbCost(doc);
    expect(cost.drawCalls).toBeLessThanOrEqual(BUDGET.drawCalls);
    expect(cost.triangles).toBeLessThanOrEqual(BUDGET.triangles);
  });

  it('the committed scenes stay within budget (draw calls, triangles, download size) and report each number', async () => {
    const costs = await reportScenes(SCENE_ASSETS.map((s) => s.sceneId));
    for (const c of costs) {
      expect(c.drawCalls).toBeGreaterThan(0);
      expect(c.drawCalls).toBeLessThanOrEqual(BUDGET.drawCalls);
      expect(c.triangles).toBeLessThanOrEqual(BUDGET.triangles);
      expect(c.downloadBytes).toBeLessThanOrEqual(BUDGET.downloadBytes);
    }
    const table = formatReport(costs);
    expect(table.split('\n')[0]).toMatch(/^scene\s+draw calls\s+triangles\s+materials\s+textures\s+texture memory\s+GLB size$/);
    for (const c of costs) expect(table).toContain(c.id);
  });

  it('every scene file places an asset this script builds', () => {
    for (const spec of SCENE_ASSETS) {
      const file = `scenes/${spec.sceneId}.json`;
      const manifest = parseSceneManifest(JSON.parse(readFileSync(join(PROJECT_DIR, file), 'utf8')), file);
      expect(manifest.assets.map((a) => a.uri)).toContain(`../assets/scenes/${spec.file}`);
    }
  });
});
