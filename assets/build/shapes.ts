// Geometry pieces the procedural sets are made of (three.js BufferGeometry, metres, Y up), beyond three's own primitives.
import * as THREE from 'three';
import type { Random, ValueNoise } from './random.ts';

/** A box standing on y = 0 (three's BoxGeometry is centred). */
export function box(w: number, h: number, d: number): THREE.BufferGeometry {
  return new THREE.BoxGeometry(w, h, d).translate(0, h / 2, 0);
}

/** A cylinder (or cone frustum) standing on y = 0. */
export function cylinder(radiusTop: number, radiusBottom: number, h: number, segments = 12, openEnded = false): THREE.BufferGeometry {
  return new THREE.CylinderGeometry(radiusTop, radiusBottom, h, segments, 1, openEnded).translate(0, h / 2, 0);
}

/** Same surface, one normal per face: the faceted look of rock and low-poly terrain. */
export function flatShaded(geometry: THREE.BufferGeometry): THREE.BufferGeometry {
  const g = geometry.index ? geometry.toNonIndexed() : geometry.clone();
  g.deleteAttribute('normal');
  g.computeVertexNormals();
  return g;
}

/**
 * The four walls of a w × h × d block standing on y = 0 (no roof, no floor), with UVs in texture tiles: one tile is
 * `tileWM` wide and `tileHM` tall in the world (the top of the image up), and `offset` shifts the pattern (in tiles)
 * so neighbouring buildings differ.
 */
export function facadeWalls(w: number, h: number, d: number, tileWM: number, tileHM: number, offset: readonly [number, number] = [0, 0]): THREE.BufferGeometry {
  const positions: number[] = [];
  const normals: number[] = [];
  const uvs: number[] = [];
  const indices: number[] = [];
  const x0 = -w / 2, x1 = w / 2, z0 = -d / 2, z1 = d / 2;
  // Walls in turn: front (+Z), right (+X), back (-Z), left (-X); each runs from a to b, left to right seen from outside.
  const corners: [number, number][] = [[x0, z1], [x1, z1], [x1, z0], [x0, z0]];
  let u = offset[0];
  for (let i = 0; i < 4; i++) {
    const [ax, az] = corners[i]!;
    const [bx, bz] = corners[(i + 1) % 4]!;
    const len = Math.hypot(bx - ax, bz - az);
    const nx = -(bz - az) / len, nz = (bx - ax) / len; // a→b turned 90° outwards
    const base = positions.length / 3;
    const u0 = u, u1 = u + len / tileWM;
    const v0 = offset[1], v1 = offset[1] + h / tileHM;
    positions.push(ax, 0, az, bx, 0, bz, bx, h, bz, ax, h, az);
    for (let k = 0; k < 4; k++) normals.push(nx, 0, nz);
    uvs.push(u0, v0, u1, v0, u1, v1, u0, v1);
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
    u = u1;
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  g.setAttribute('normal', new THREE.Float32BufferAttribute(normals, 3));
  g.setAttribute('uv', new THREE.Float32BufferAttribute(uvs, 2));
  g.setIndex(indices);
  return g;
}

/** A horizontal rectangle at height y facing up, UVs in world metres / `tileM`. */
export function floorQuad(x0: number, z0: number, x1: number, z1: number, y = 0, tileM = 1): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute([x0, y, z1, x1, y, z1, x1, y, z0, x0, y, z0], 3));
  g.setAttribute('normal', new THREE.Float32BufferAttribute([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0], 3));
  g.setAttribute('uv', new THREE.Float32BufferAttribute([x0 / tileM, z1 / tileM, x1 / tileM, z1 / tileM, x1 / tileM, z0 / tileM, x0 / tileM, z0 / tileM], 2));
  g.setIndex([0, 1, 2, 0, 2, 3]);
  return g;
}

/** A boulder: an icosahedron pushed in and out by noise, flattened a little, faceted. */
export function rock(rng: Random, radiusM: number, detail = 1): THREE.BufferGeometry {
  const g = new THREE.IcosahedronGeometry(radiusM, detail);
  const pos = g.getAttribute('position');
  const squash = rng.range(0.45, 0.8);
  const stretch = rng.range(0.9, 1.4);
  const v = new THREE.Vector3();
  const phase = rng.range(0, 100);
  for (let i = 0; i < pos.count; i++) {
    v.fromBufferAttribute(pos, i);
    const n = Math.sin(v.x * 3.1 + phase) * Math.cos(v.z * 2.7 - phase) * 0.18 + Math.sin(v.y * 4.3 + phase * 0.5) * 0.1;
    v.multiplyScalar(1 + n + 0.08 * hashSigned(v, phase));
    v.y *= squash;
    v.x *= stretch;
    pos.setXYZ(i, v.x, Math.max(v.y, -radiusM * 0.15), v.z);
  }
  return flatShaded(g.translate(0, radiusM * squash * 0.55, 0));
}

/**
 * A tube following `points` (wires, cables, pipes): `radial` sides, one ring per point. Cheap and without the
 * curve-fitting of three's TubeGeometry, so a sagging wire stays exactly on its catenary.
 */
export function tubeAlong(points: THREE.Vector3[], radiusM: number, radial = 4): THREE.BufferGeometry {
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  const t = new THREE.Vector3(), n = new THREE.Vector3(), b = new THREE.Vector3(), up = new THREE.Vector3(0, 1, 0);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const prev = points[Math.max(0, i - 1)]!, next = points[Math.min(points.length - 1, i + 1)]!;
    t.subVectors(next, prev).normalize();
    n.crossVectors(t, Math.abs(t.y) > 0.9 ? new THREE.Vector3(1, 0, 0) : up).normalize();
    b.crossVectors(t, n).normalize();
    for (let k = 0; k < radial; k++) {
      const a = (k / radial) * Math.PI * 2;
      const dx = Math.cos(a) * n.x + Math.sin(a) * b.x, dy = Math.cos(a) * n.y + Math.sin(a) * b.y, dz = Math.cos(a) * n.z + Math.sin(a) * b.z;
      positions.push(p.x + dx * radiusM, p.y + dy * radiusM, p.z + dz * radiusM);
      normals.push(dx, dy, dz);
    }
  }
  for (let i = 0; i < points.length - 1; i++) {
    for (let k = 0; k < radial; k++) {
      const a = i * radial + k, bb = i * radial + ((k + 1) % radial), c = (i + 1) * radial + k, d = (i + 1) * radial + ((k + 1) % radial);
      indices.push(a, c, bb, bb, c, d);
    }
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  g.setAttribute('normal', new THREE.Float32BufferAttribute(normals, 3));
  g.setIndex(indices);
  return g;
}

/** Points of a hanging cable from a to b sagging `sagM` at mid-span (a parabola: close enough to a catenary). */
export function sagPoints(a: THREE.Vector3, b: THREE.Vector3, sagM: number, segments: number): THREE.Vector3[] {
  const out: THREE.Vector3[] = [];
  for (let i = 0; i <= segments; i++) {
    const s = i / segments;
    out.push(new THREE.Vector3().lerpVectors(a, b, s).add(new THREE.Vector3(0, -4 * sagM * s * (1 - s), 0)));
  }
  return out;
}

/**
 * A flat-topped rock formation (mesa or butte): an irregular outline (noise on the radius) stepped up in ledges
 * from a wide talus apron to the cap, faceted. `radiusM` is the cliff radius; the talus reaches 1.7 × further.
 */
export function mesa(noise: ValueNoise, rng: Random, radiusM: number, heightM: number, sides = 28): THREE.BufferGeometry {
  const seed = rng.range(0, 1000);
  const outline = (a: number, scale: number, layer: number): [number, number] => {
    const r = radiusM * scale * (1 + 0.28 * noise.fbm(Math.cos(a) * 1.5 + seed, Math.sin(a) * 1.5 + seed, 3) + 0.05 * noise.at(a * 7 + layer * 3.1, seed));
    return [Math.cos(a) * r, Math.sin(a) * r];
  };
  // [height fraction, radius scale]: a talus apron, then a cliff of thin strata (each ring a ledge in or out), the rim.
  const rings: [number, number][] = [
    [0, 1.8],
    [0.08, 1.5],
    [0.17, 1.24],
    [0.25, 1.08],
  ];
  for (let f = 0.3; f < 0.97; f += 0.045) rings.push([f, 1.0 + rng.range(-0.03, 0.03) - (f - 0.3) * 0.06]);
  rings.push([1, 0.93]);
  const positions: number[] = [];
  const indices: number[] = [];
  rings.forEach(([hf, scale], layer) => {
    for (let i = 0; i < sides; i++) {
      const a = (i / sides) * Math.PI * 2;
      const [x, z] = outline(a, scale, layer);
      const jitter = layer > 0 && layer < 4 ? rng.range(-0.03, 0.03) * heightM : 0;
      positions.push(x, hf * heightM + jitter, z);
    }
  });
  for (let l = 0; l < rings.length - 1; l++) {
    for (let i = 0; i < sides; i++) {
      const a = l * sides + i, b = l * sides + ((i + 1) % sides), c = (l + 1) * sides + i, d = (l + 1) * sides + ((i + 1) % sides);
      indices.push(a, c, b, b, c, d);
    }
  }
  // Cap: a fan from the centre of the top ring.
  const top = (rings.length - 1) * sides;
  const centre = positions.length / 3;
  positions.push(0, heightM, 0);
  for (let i = 0; i < sides; i++) indices.push(centre, top + ((i + 1) % sides), top + i);
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  g.setIndex(indices);
  return flatShaded(g);
}

/** A creosote or sage bush: a lumpy, flattened, faceted mound standing on y = 0, about `radiusM` across. */
export function bush(rng: Random, radiusM: number, detail = 1): THREE.BufferGeometry {
  const g = new THREE.IcosahedronGeometry(radiusM, detail);
  const pos = g.getAttribute('position');
  const v = new THREE.Vector3();
  const phase = rng.range(0, 100);
  for (let i = 0; i < pos.count; i++) {
    v.fromBufferAttribute(pos, i);
    v.multiplyScalar(1 + 0.25 * Math.sin(v.x * 9 + phase) * Math.sin(v.z * 8 - phase) + 0.1 * hashSigned(v, phase));
    pos.setXYZ(i, v.x, Math.max(v.y * 0.65, -radiusM * 0.05), v.z);
  }
  return flatShaded(g.translate(0, radiusM * 0.05, 0));
}

/**
 * A repeatable number in [-1, 1) from a position: three's polyhedra repeat each corner once per face, and every copy
 * must move the same way or the surface cracks open.
 */
function hashSigned(v: THREE.Vector3, seed: number): number {
  const h = Math.sin(Math.round(v.x * 1e4) * 12.9898 + Math.round(v.y * 1e4) * 78.233 + Math.round(v.z * 1e4) * 37.719 + seed) * 43758.5453;
  return (h - Math.floor(h)) * 2 - 1;
}
