import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { paintTexture } from './PngTexture.ts';
import { glbCost, pngSize } from './sceneAssetReport.ts';
import { SetBuilder, type MaterialSpec } from './SetBuilder.ts';

const grey: MaterialSpec = { name: 'grey', color: '#808080', roughness: 0.7 };

describe('SetBuilder', () => {
  it('batches every piece of one material into one mesh, placed, with linear vertex colours and the material in linear', () => {
    const set = new SetBuilder();
    set.add(grey, new THREE.BoxGeometry(1, 1, 1), { position: [10, 0, 0], color: '#ff0000' });
    set.add(grey, new THREE.BoxGeometry(1, 1, 1), { position: [-10, 0, 0], scale: 2 });
    const doc = set.toDocument('test');
    const meshes = doc.getRoot().listMeshes();
    expect(meshes).toHaveLength(1);
    const prim = meshes[0]!.listPrimitives()[0]!;
    expect(prim.getAttribute('POSITION')!.getCount()).toBe(48);
    expect(prim.getIndices()!.getCount()).toBe(72);
    const min = prim.getAttribute('POSITION')!.getMin([]);
    const max = prim.getAttribute('POSITION')!.getMax([]);
    expect(min[0]).toBe(-11);
    expect(max[0]).toBe(10.5);
    expect(prim.getAttribute('COLOR_0')!.getElement(0, [])).toEqual([1, 0, 0, 1]);
    expect(doc.getRoot().listMaterials()[0]!.getBaseColorFactor()[0]).toBeCloseTo(0.2158605, 5); // sRGB 0x80 → linear
    expect(glbCost(doc)).toMatchObject({ drawCalls: 1, triangles: 24, textures: 0, materials: 1 });
  });

  it('flat-shaded materials drop normals and weld shared corners', () => {
    const set = new SetBuilder();
    set.add({ ...grey, name: 'flat', flatShading: true }, new THREE.BoxGeometry(1, 1, 1).toNonIndexed());
    const prim = set.toDocument('test').getRoot().listMeshes()[0]!.listPrimitives()[0]!;
    expect(prim.getAttribute('NORMAL')).toBeNull();
    expect(prim.getAttribute('POSITION')!.getCount()).toBe(8);
    expect(prim.getIndices()!.getCount()).toBe(36);
  });

  it('a mirrored placement keeps triangles facing outwards', () => {
    const set = new SetBuilder();
    const g = new THREE.PlaneGeometry(1, 1); // faces +Z
    set.add(grey, g, { scale: [-1, 1, 1] });
    const prim = set.toDocument('test').getRoot().listMeshes()[0]!.listPrimitives()[0]!;
    const p = prim.getAttribute('POSITION')!;
    const idx = prim.getIndices()!;
    const v = (k: number) => new THREE.Vector3().fromArray(p.getElement(idx.getScalar(k), []));
    const normal = new THREE.Vector3().crossVectors(v(1).sub(v(0)), v(2).sub(v(0)));
    expect(normal.z).toBeGreaterThan(0);
  });

  it('flips v for glTF, embeds PNG textures once, and counts their memory with mipmaps', () => {
    const tex = paintTexture('checker', 16, 8, (x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0]));
    expect(pngSize(tex.png)).toEqual({ widthPx: 16, heightPx: 8 });
    const mat: MaterialSpec = { name: 'tex', color: '#ffffff', baseColorTexture: tex, emissiveTexture: tex, emissive: '#ffffff' };
    const set = new SetBuilder();
    set.add(mat, new THREE.PlaneGeometry(1, 1));
    const doc = set.toDocument('test');
    expect(doc.getRoot().listTextures()).toHaveLength(1);
    const uv = doc.getRoot().listMeshes()[0]!.listPrimitives()[0]!.getAttribute('TEXCOORD_0')!;
    expect(uv.getElement(0, [])).toEqual([0, 0]); // three's top-left corner (v = 1) is glTF's v = 0
    expect(glbCost(doc).textureBytes).toBe(Math.round(16 * 8 * 4 * (4 / 3)));
  });

  it('blended materials write BLEND and per-vertex alpha', () => {
    const set = new SetBuilder();
    set.add({ name: 'beam', color: '#000000', emissive: '#ffffff', opacity: 0.2 }, new THREE.PlaneGeometry(1, 1), { alphaAt: (p) => (p.y > 0 ? 1 : 0) });
    const doc = set.toDocument('test');
    expect(doc.getRoot().listMaterials()[0]!.getAlphaMode()).toBe('BLEND');
    const colors = doc.getRoot().listMeshes()[0]!.listPrimitives()[0]!.getAttribute('COLOR_0')!;
    expect([colors.getElement(0, [])[3], colors.getElement(2, [])[3]]).toEqual([1, 0]);
  });

  it('refuses two different materials with one name', () => {
    const set = new SetBuilder();
    set.add(grey, new THREE.BoxGeometry());
    expect(() => set.add({ ...grey }, new THREE.BoxGeometry())).toThrow('two different materials are named "grey"');
  });
});
