// Collects a procedural set's geometry (three.js BufferGeometry, placed and vertex-coloured) into one batch per material,
// then writes it as a glTF document: one mesh, one primitive and so one draw call per material.
import { Accessor, Document, type Material, type Texture } from '@gltf-transform/core';
import * as THREE from 'three';
import type { PngTexture } from './PngTexture.ts';

/** A PBR metallic-roughness material; colours are sRGB hex as artists write them (stored linear, as glTF wants). */
export interface MaterialSpec {
  name: string;
  color: THREE.ColorRepresentation;
  metallic?: number;
  roughness?: number;
  /** Emitted light colour; with a texture, the texture is multiplied by it. */
  emissive?: THREE.ColorRepresentation;
  baseColorTexture?: PngTexture;
  emissiveTexture?: PngTexture;
  doubleSided?: boolean;
  /** Below 1 the material is blended (glTF alphaMode BLEND, no depth writes); vertex alpha (`alphaAt`) multiplies it. */
  opacity?: number;
  /**
   * Faceted: the batch is written without normals, with the vertices of adjoining faces welded; glTF viewers must
   * then shade each triangle flat (three.js sets `flatShading`). A third of the vertices for rock and boxes.
   */
  flatShading?: boolean;
}

/** Where a piece goes and its vertex colour (multiplies the material colour). */
export interface Placement {
  position?: readonly [number, number, number];
  /** Euler XYZ, radians. */
  rotation?: readonly [number, number, number];
  scale?: number | readonly [number, number, number];
  /** sRGB tint for the whole piece; white when absent. */
  color?: THREE.ColorRepresentation;
  /** Per-vertex tint from the world position and normal (hex is sRGB, a THREE.Color is linear); wins over `color`. */
  colorAt?: (p: THREE.Vector3, n: THREE.Vector3) => THREE.ColorRepresentation;
  /** Per-vertex opacity, 0..1, from the world position (only blended materials use it); 1 when absent. */
  alphaAt?: (p: THREE.Vector3) => number;
}

interface Batch {
  spec: MaterialSpec;
  positions: number[];
  normals: number[];
  uvs: number[];
  colors: number[];
  alphas: number[];
  indices: number[];
}

const _m = new THREE.Matrix4(); // placement matrix
const _n = new THREE.Matrix3(); // its normal matrix
const _q = new THREE.Quaternion();
const _p = new THREE.Vector3(); // vertex position, world
const _nv = new THREE.Vector3(); // vertex normal, world
const _c = new THREE.Color();

export class SetBuilder {
  private readonly batches = new Map<string, Batch>();

  /** Adds `geometry` (not modified; UVs in three's convention, v up the image) placed by `at` to the batch of `material`. */
  add(material: MaterialSpec, geometry: THREE.BufferGeometry, at: Placement = {}): void {
    const batch = this.batchFor(material);
    const pos = geometry.getAttribute('position');
    let normal = geometry.getAttribute('normal');
    if (!normal) {
      geometry = geometry.clone();
      geometry.computeVertexNormals();
      normal = geometry.getAttribute('normal');
    }
    const uv = geometry.getAttribute('uv');
    const [px, py, pz] = at.position ?? [0, 0, 0];
    const [rx, ry, rz] = at.rotation ?? [0, 0, 0];
    const s = at.scale ?? 1;
    _q.setFromEuler(new THREE.Euler(rx, ry, rz, 'XYZ'));
    _m.compose(new THREE.Vector3(px, py, pz), _q, typeof s === 'number' ? new THREE.Vector3(s, s, s) : new THREE.Vector3(...s));
    _n.getNormalMatrix(_m);
    const base = batch.positions.length / 3;
    const flat = at.color === undefined ? undefined : _c.set(at.color).clone(); // THREE.Color converts sRGB → linear
    for (let i = 0; i < pos.count; i++) {
      _p.fromBufferAttribute(pos, i).applyMatrix4(_m);
      _nv.fromBufferAttribute(normal!, i).applyMatrix3(_n).normalize();
      batch.positions.push(_p.x, _p.y, _p.z);
      batch.normals.push(_nv.x, _nv.y, _nv.z);
      if (uv) batch.uvs.push(uv.getX(i), 1 - uv.getY(i)); // three's v runs up the image, glTF's down
      else batch.uvs.push(0, 0);
      const c = at.colorAt ? _c.set(at.colorAt(_p, _nv)) : (flat ?? _c.setRGB(1, 1, 1));
      batch.colors.push(c.r, c.g, c.b);
      batch.alphas.push(at.alphaAt ? at.alphaAt(_p) : 1);
    }
    const index = geometry.getIndex();
    const flip = _m.determinant() < 0; // a mirror placement turns triangles inside out
    const count = index ? index.count : pos.count;
    for (let i = 0; i < count; i += 3) {
      const a = index ? index.getX(i) : i, b = index ? index.getX(i + 1) : i + 1, c = index ? index.getX(i + 2) : i + 2;
      if (flip) batch.indices.push(base + a, base + c, base + b);
      else batch.indices.push(base + a, base + b, base + c);
    }
  }

  /** Triangles added so far, all batches. */
  triangleCount(): number {
    let n = 0;
    for (const b of this.batches.values()) n += b.indices.length / 3;
    return n;
  }

  /** The set as a glTF document: one node per material batch, under one scene named `name`. */
  toDocument(name: string): Document {
    const doc = new Document();
    doc.getRoot().getAsset().generator = 'Vantage assets/build/buildSceneAssets.ts';
    const buffer = doc.createBuffer();
    const scene = doc.createScene(name);
    const textures = new Map<string, Texture>();
    const textureOf = (t: PngTexture): Texture => {
      let tex = textures.get(t.name);
      if (!tex) {
        tex = doc.createTexture(t.name).setImage(t.png).setMimeType('image/png').setURI(`${t.name}.png`);
        textures.set(t.name, tex);
      }
      return tex;
    };
    // Sorted by material name: the same set always writes the same bytes, whatever order pieces were added in.
    for (const batch of [...this.batches.values()].sort((a, b) => (a.spec.name < b.spec.name ? -1 : 1))) {
      if (batch.indices.length === 0) continue;
      const spec = batch.spec;
      const material = createMaterial(doc, spec, textureOf);
      const textured = spec.baseColorTexture !== undefined || spec.emissiveTexture !== undefined;
      const v = spec.flatShading ? weld(batch, textured) : batch;
      const vertexCount = v.positions.length / 3;
      const prim = doc
        .createPrimitive()
        .setMaterial(material)
        .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array(v.positions)).setBuffer(buffer))
        .setAttribute('COLOR_0', colorAccessor(doc, v.colors, v.alphas).setBuffer(buffer))
        .setIndices(
          doc
            .createAccessor()
            .setType('SCALAR')
            .setArray(vertexCount > 65535 ? new Uint32Array(v.indices) : new Uint16Array(v.indices))
            .setBuffer(buffer),
        );
      if (!spec.flatShading) prim.setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(new Float32Array(v.normals)).setBuffer(buffer));
      if (textured) prim.setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(new Float32Array(v.uvs)).setBuffer(buffer));
      const mesh = doc.createMesh(spec.name).addPrimitive(prim);
      scene.addChild(doc.createNode(spec.name).setMesh(mesh));
    }
    return doc;
  }

  private batchFor(spec: MaterialSpec): Batch {
    let b = this.batches.get(spec.name);
    if (!b) this.batches.set(spec.name, (b = { spec, positions: [], normals: [], uvs: [], colors: [], alphas: [], indices: [] }));
    else if (b.spec !== spec) throw new Error(`two different materials are named "${spec.name}"`);
    return b;
  }
}

/** The batch with vertices that share position, colour (and uv) merged: what a normal-less, flat-shaded batch needs. */
function weld(batch: Batch, keepUv: boolean): Batch {
  const out: Batch = { spec: batch.spec, positions: [], normals: [], uvs: [], colors: [], alphas: [], indices: [] };
  const seen = new Map<string, number>();
  const remap: number[] = [];
  const q = (v: number, step: number) => Math.round(v / step);
  for (let i = 0; i < batch.positions.length / 3; i++) {
    const p = batch.positions.slice(i * 3, i * 3 + 3);
    const c = [...batch.colors.slice(i * 3, i * 3 + 3), batch.alphas[i]!];
    const uv = keepUv ? batch.uvs.slice(i * 2, i * 2 + 2) : [];
    const key = [...p.map((x) => q(x, 1e-4)), ...c.map((x) => q(x, 1 / 65535)), ...uv.map((x) => q(x, 1e-5))].join(',');
    let j = seen.get(key);
    if (j === undefined) {
      j = out.positions.length / 3;
      seen.set(key, j);
      out.positions.push(...p);
      out.colors.push(c[0]!, c[1]!, c[2]!);
      out.alphas.push(c[3]!);
      out.uvs.push(...(keepUv ? uv : [0, 0]));
    }
    remap.push(j);
  }
  for (const i of batch.indices) out.indices.push(remap[i]!);
  return out;
}

function createMaterial(doc: Document, spec: MaterialSpec, textureOf: (t: PngTexture) => Texture): Material {
  const base = new THREE.Color(spec.color);
  const m = doc
    .createMaterial(spec.name)
    .setBaseColorFactor([base.r, base.g, base.b, spec.opacity ?? 1])
    .setMetallicFactor(spec.metallic ?? 0)
    .setRoughnessFactor(spec.roughness ?? 0.8)
    .setDoubleSided(spec.doubleSided ?? false);
  if (spec.opacity !== undefined && spec.opacity < 1) m.setAlphaMode('BLEND');
  if (spec.emissive !== undefined) {
    const e = new THREE.Color(spec.emissive);
    m.setEmissiveFactor([e.r, e.g, e.b]);
  }
  if (spec.baseColorTexture) m.setBaseColorTexture(textureOf(spec.baseColorTexture));
  if (spec.emissiveTexture) m.setEmissiveTexture(textureOf(spec.emissiveTexture));
  return m;
}

/**
 * Linear vertex colours as normalised unsigned shorts, RGBA (attributes must be 4-byte aligned): half the size of
 * floats, without the banding 8-bit linear values show in dark tints.
 */
function colorAccessor(doc: Document, rgb: number[], alpha: number[]): Accessor {
  const n = rgb.length / 3;
  const out = new Uint16Array(n * 4);
  const unit = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 65535);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) out[i * 4 + k] = unit(rgb[i * 3 + k]!);
    out[i * 4 + 3] = unit(alpha[i]!);
  }
  return doc.createAccessor().setType('VEC4').setArray(out).setNormalized(true);
}
