// desert-road: a straight two-lane highway running from the stage to the horizon (-Z) through high desert in the late
// afternoon: dashed centre line, telephone poles, boulders and scrub, dunes, and mesas and buttes in the haze.
import * as THREE from 'three';
import { Random, ValueNoise } from '../random.ts';
import { SetBuilder, type MaterialSpec } from '../SetBuilder.ts';
import { paintTexture, type PngTexture } from '../PngTexture.ts';
import { box, bush, cylinder, mesa, rock, sagPoints, tubeAlong } from '../shapes.ts';

const LANE_W = 3.7;
const SHOULDER_W = 1.8;
/** The road runs along x = 0 from ROAD_NEAR_Z (behind the stage) to ROAD_FAR_Z (the horizon), metres. */
const ROAD_NEAR_Z = 400;
const ROAD_FAR_Z = -1900;
/** Terrain: ±TERRAIN_HALF_M in x, z from -TERRAIN_HALF_M to +TERRAIN_HALF_M; inside the 2 km far plane. */
const TERRAIN_HALF_M = 1950;
/** Grid lines per side of the centre; spacing grows with distance (fine near the stage, coarse at the horizon). */
const TERRAIN_STEPS = 52;
/** US striping: 3 m dashes every 12 m. */
const DASH_M = 3;
const DASH_PERIOD_M = 12;
const POLE_SPACING_M = 55;
const POLE_X = 11;
/** Texture tiles in the world, metres. */
const SAND_TILE_M = 5;
const ROAD_TILE_M = 2.5;

export function buildDesertRoad(): SetBuilder {
  const rng = new Random(0xde5e_7001);
  const noise = new ValueNoise(7);
  const set = new SetBuilder();
  const m = materials(rng);
  terrain(set, m, noise);
  road(set, m, rng);
  poles(set, m, rng);
  formations(set, m, rng, noise);
  boulders(set, m, rng, noise);
  scrub(set, m, rng, noise);
  roadside(set, m);
  cacti(set, m, rng, noise);
  return set;
}

interface DesertMaterials {
  sand: MaterialSpec;
  asphalt: MaterialSpec;
  gravel: MaterialSpec;
  paintYellow: MaterialSpec;
  paintWhite: MaterialSpec;
  wood: MaterialSpec;
  wire: MaterialSpec;
  insulator: MaterialSpec;
  rock: MaterialSpec;
  sandstone: MaterialSpec;
  scrub: MaterialSpec;
  signFace: MaterialSpec;
  steel: MaterialSpec;
  reflector: MaterialSpec;
  cactus: MaterialSpec;
}

function materials(rng: Random): DesertMaterials {
  return {
    sand: { name: 'sand', color: '#ffffff', roughness: 0.97, baseColorTexture: sandTexture(rng) },
    asphalt: { name: 'asphalt', color: '#ffffff', roughness: 0.88, baseColorTexture: asphaltTexture(rng) },
    gravel: { name: 'gravel-shoulder', color: '#ffffff', roughness: 0.95, baseColorTexture: gravelTexture(rng) },
    paintYellow: { name: 'paint-yellow', color: '#e8b92c', roughness: 0.6 },
    paintWhite: { name: 'paint-white', color: '#e6e4de', roughness: 0.6 },
    wood: { name: 'pole-wood', color: '#5e4a38', roughness: 0.9 },
    wire: { name: 'wire', color: '#1e1e1e', roughness: 0.6, metallic: 0.5 },
    insulator: { name: 'insulator', color: '#7fa0a8', roughness: 0.2 },
    rock: { name: 'rock', color: '#ffffff', roughness: 0.92, flatShading: true },
    sandstone: { name: 'sandstone', color: '#ffffff', roughness: 0.95, flatShading: true },
    scrub: { name: 'scrub', color: '#ffffff', roughness: 0.95, flatShading: true },
    signFace: { name: 'sign-yellow', color: '#f2c230', roughness: 0.45 },
    steel: { name: 'galvanised-steel', color: '#9a9ea2', metallic: 0.8, roughness: 0.45 },
    reflector: { name: 'reflector', color: '#ff8a20', emissive: '#3a1400', roughness: 0.3 },
    cactus: { name: 'cactus', color: '#5f7a48', roughness: 0.75 },
  };
}

/** Ground height, metres: flat along the road, rolling further out, dunes off to the right. */
function groundHeight(noise: ValueNoise, x: number, z: number): number {
  const ax = Math.abs(x);
  const away = THREE.MathUtils.smoothstep(ax, 14, 70); // 0 on the road corridor, 1 beyond 70 m
  const rolling = 3.5 * noise.fbm(x / 180, z / 180, 4) + 1.2 * noise.fbm(x / 40, z / 40, 2);
  // Dune field: long crescent ridges across the wind, right of the road.
  const duneMask = THREE.MathUtils.smoothstep(x, 60, 220) * THREE.MathUtils.smoothstep(-z, -200, 200);
  const phase = (x * 0.55 + z * 0.85) / 38 + 1.8 * noise.fbm(x / 260, z / 260, 2);
  const ridge = Math.pow(1 - Math.abs(Math.sin(phase)), 2.2);
  const dunes = duneMask * (9 * ridge + 4 * noise.fbm(x / 120 + 5, z / 120, 2));
  // The far rim rises a little so the horizon is not a ruler line.
  const rim = 30 * THREE.MathUtils.smoothstep(Math.hypot(x, z), 900, 1900) * (0.5 + 0.5 * noise.fbm(x / 500, z / 500, 3));
  return away * (rolling + dunes + 1.2) + rim - 0.05 * (1 - away);
}

/** Sand colour: warm tan, redder in the hollows, paler on dune crests, greyer near the road. */
function sandColor(noise: ValueNoise, p: THREE.Vector3): THREE.Color {
  const c = new THREE.Color('#d4a673');
  const patch = noise.fbm(p.x / 90 + 20, p.z / 90, 3);
  c.lerp(new THREE.Color('#b9764c'), THREE.MathUtils.clamp(0.5 + patch, 0, 1) * 0.55);
  c.lerp(new THREE.Color('#ead2a8'), THREE.MathUtils.clamp(p.y / 10, 0, 1) * 0.5);
  const nearRoad = 1 - THREE.MathUtils.smoothstep(Math.abs(p.x), 7, 20);
  c.lerp(new THREE.Color('#a8957c'), nearRoad * 0.6);
  return c.multiplyScalar(0.92 + 0.08 * noise.at(p.x / 6, p.z / 6));
}

function terrain(set: SetBuilder, m: DesertMaterials, noise: ValueNoise): void {
  // Coordinates along each axis: cubic spacing, ~0.5 m apart at the centre, ~90 m at the edge.
  const coords: number[] = [];
  for (let i = -TERRAIN_STEPS; i <= TERRAIN_STEPS; i++) {
    const t = i / TERRAIN_STEPS;
    coords.push(Math.sign(t) * TERRAIN_HALF_M * (0.06 * Math.abs(t) + 0.94 * Math.abs(t) ** 3));
  }
  const n = coords.length;
  const positions: number[] = [];
  const uvs: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const x = coords[i]!, z = coords[j]!;
      positions.push(x, groundHeight(noise, x, z), z);
      uvs.push(x / SAND_TILE_M, z / SAND_TILE_M);
    }
  }
  const indices: number[] = [];
  for (let j = 0; j < n - 1; j++) {
    for (let i = 0; i < n - 1; i++) {
      const a = j * n + i, b = a + 1, c = a + n, d = c + 1;
      indices.push(a, c, b, b, c, d);
    }
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  g.setAttribute('uv', new THREE.Float32BufferAttribute(uvs, 2));
  g.setIndex(indices);
  g.computeVertexNormals();
  set.add(m.sand, g, { colorAt: (p) => sandColor(noise, p) });
}

function road(set: SetBuilder, m: DesertMaterials, rng: Random): void {
  const half = LANE_W;
  // Asphalt in 25 m slabs (each a little different: patched, sun-bleached), darker where the wheels run.
  const wear = new ValueNoise(rng.int(0, 1e6));
  set.add(m.asphalt, strip(-half, half, ROAD_NEAR_Z, ROAD_FAR_Z, 0.02, 16, 20), {
    colorAt: (p) => {
      const inLane = Math.abs(Math.abs(p.x) - LANE_W / 2); // from the lane's centre
      const wheel = Math.exp(-(((inLane - 0.9) / 0.35) ** 2)); // the wheel paths, 0.9 m either side
      const patch = 0.06 * wear.fbm(p.x / 4, p.z / 30, 2); // patched and bleached stretches
      return new THREE.Color(1, 1, 1).multiplyScalar(0.94 + patch - 0.14 * wheel);
    },
  });
  set.add(m.gravel, strip(-half - SHOULDER_W, -half, ROAD_NEAR_Z, ROAD_FAR_Z, 0.012, 1, 50));
  set.add(m.gravel, strip(half, half + SHOULDER_W, ROAD_NEAR_Z, ROAD_FAR_Z, 0.012, 1, 50));
  // Solid white edge lines, dashed yellow centre line.
  for (const x of [-half + 0.15, half - 0.15]) set.add(m.paintWhite, strip(x - 0.075, x + 0.075, ROAD_NEAR_Z, ROAD_FAR_Z, 0.03, 1, 50));
  for (let z = 60; z > -1400; z -= DASH_PERIOD_M) set.add(m.paintYellow, strip(-0.06, 0.06, z, z - DASH_M, 0.03, 1, 50));
}

/**
 * A flat strip across x0..x1 (in `cols` columns) from z0 to z1 (z0 > z1) at height y, facing up, in rows at most
 * `rowM` long (so vertex colours can vary along it); UVs in world metres / ROAD_TILE_M.
 */
function strip(x0: number, x1: number, z0: number, z1: number, y: number, cols: number, rowM: number): THREE.BufferGeometry {
  const positions: number[] = [];
  const uvs: number[] = [];
  const indices: number[] = [];
  const steps = Math.max(1, Math.ceil((z0 - z1) / rowM));
  for (let k = 0; k <= steps; k++) {
    const z = z0 + ((z1 - z0) * k) / steps;
    for (let c = 0; c <= cols; c++) {
      const x = x0 + ((x1 - x0) * c) / cols;
      positions.push(x, y, z);
      uvs.push(x / ROAD_TILE_M, z / ROAD_TILE_M);
      if (k > 0 && c > 0) {
        const a = (k - 1) * (cols + 1) + c - 1, b = a + 1, d = a + cols + 1, e = d + 1;
        indices.push(a, b, d, b, e, d);
      }
    }
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  g.setAttribute('normal', new THREE.Float32BufferAttribute(positions.map((_, i) => (i % 3 === 1 ? 1 : 0)), 3));
  g.setAttribute('uv', new THREE.Float32BufferAttribute(uvs, 2));
  g.setIndex(indices);
  return g;
}

function poles(set: SetBuilder, m: DesertMaterials, rng: Random): void {
  // Wooden poles down the right side with a crossarm, three insulators and three sagging wires to the next pole.
  const heightM = 9.5;
  const tops: THREE.Vector3[][] = [];
  for (let z = 160; z > -1500; z -= POLE_SPACING_M) {
    const x = POLE_X + rng.range(-0.3, 0.3);
    const lean: [number, number, number] = [rng.range(-0.025, 0.025), 0, rng.range(-0.025, 0.025)];
    set.add(m.wood, cylinder(0.12, 0.16, heightM, 8), { position: [x, 0, z], rotation: lean, color: rng.pick(['#ffffff', '#e0d6cc', '#cfc4b8']) });
    const armY = heightM - 0.6;
    // Lean moves the top: follow it so the arm sits on the pole.
    const top = new THREE.Vector3(0, armY, 0).applyEuler(new THREE.Euler(...lean)).add(new THREE.Vector3(x, 0, z));
    set.add(m.wood, box(2.6, 0.12, 0.12), { position: [top.x, top.y, top.z], color: '#d8cfc4' });
    set.add(m.wood, box(0.06, 0.9, 0.06), { position: [top.x - 0.7, top.y - 0.7, top.z], rotation: [0, 0, -0.9] });
    const attach: THREE.Vector3[] = [];
    for (const dx of [-1.1, 0.3, 1.1]) {
      set.add(m.insulator, cylinder(0.05, 0.06, 0.2, 6), { position: [top.x + dx, top.y + 0.12, top.z] });
      attach.push(new THREE.Vector3(top.x + dx, top.y + 0.32, top.z));
    }
    tops.push(attach);
  }
  for (let k = 0; k + 1 < tops.length; k++) {
    for (let w = 0; w < 3; w++) {
      const pts = sagPoints(tops[k]![w]!, tops[k + 1]![w]!, 0.9 + w * 0.05, 12);
      set.add(m.wire, tubeAlong(pts, 0.012, 3));
    }
  }
}

/** Sandstone strata: darker red at the foot, bands up the cliff, a pale caprock. */
function strataColor(heightM: number, p: THREE.Vector3, noise: ValueNoise, baseY: number): THREE.Color {
  const f = THREE.MathUtils.clamp((p.y - baseY) / heightM, 0, 1);
  const band = 0.5 + 0.5 * Math.sin(f * 38 + noise.at(p.x / 40, p.z / 40) * 2);
  const c = new THREE.Color('#a8502c').lerp(new THREE.Color('#c97a4a'), band * 0.6);
  if (f < 0.3) c.lerp(new THREE.Color('#b06a48'), 0.6); // talus: broken rock, dustier
  if (f > 0.9) c.lerp(new THREE.Color('#d9b088'), 0.7); // caprock
  return c.multiplyScalar(0.9 + 0.1 * noise.at(p.x / 8, p.y / 8));
}

function formations(set: SetBuilder, m: DesertMaterials, rng: Random, noise: ValueNoise): void {
  // [x, z, cliff radius, height]: big mesas on the horizon, buttes closer in, one behind the stage.
  const list: [number, number, number, number][] = [
    [-520, -1250, 230, 140],
    [-190, -1500, 70, 175],
    [330, -880, 52, 115],
    [760, -1450, 280, 160],
    [-980, -620, 210, 110],
    [1150, -420, 160, 95],
    [110, -1750, 120, 90],
    [-700, 900, 260, 120],
    [900, 1100, 200, 140],
  ];
  for (const [x, z, r, h] of list) {
    const baseY = groundHeight(noise, x, z) - 6;
    set.add(m.sandstone, mesa(noise, rng, r, h + 6, r > 150 ? 40 : 26), {
      position: [x, baseY, z],
      colorAt: (p) => strataColor(h, p, noise, baseY),
    });
    // Fallen blocks around the foot.
    for (let k = 0; k < 6; k++) {
      const a = rng.range(0, Math.PI * 2), d = r * rng.range(1.5, 2.0);
      const bx = x + Math.cos(a) * d, bz = z + Math.sin(a) * d;
      set.add(m.rock, rock(rng, rng.range(4, 12), 0), { position: [bx, groundHeight(noise, bx, bz) - 1, bz], rotation: [0, rng.range(0, 6), 0], color: '#b8704c' });
    }
  }
}

function boulders(set: SetBuilder, m: DesertMaterials, rng: Random, noise: ValueNoise): void {
  // Clusters of boulders either side of the road, a few big ones, more towards the left.
  for (let k = 0; k < 150; k++) {
    const side = rng.chance(0.6) ? -1 : 1;
    const x = side * rng.range(9, 160) * (side > 0 ? 1 : 1.2);
    const z = rng.range(-700, 80);
    if (side > 0 && Math.abs(x - POLE_X) < 2) continue;
    const near = Math.abs(x) < 40 && z > -120;
    const r = near ? rng.range(0.25, 1.3) : rng.range(0.6, 3.5);
    set.add(m.rock, rock(rng, r, Math.hypot(x, z) < 60 ? 1 : 0), {
      position: [x, groundHeight(noise, x, z) - r * 0.15, z],
      rotation: [0, rng.range(0, 6.28), 0],
      color: rng.pick(['#a0664a', '#8c5a44', '#b07a58', '#7a5446']),
    });
    // A couple of smaller stones beside each.
    for (let s = 0; s < (Math.hypot(x, z) < 120 ? 2 : 0); s++) {
      const sx = x + rng.range(-2.5, 2.5) * r, sz = z + rng.range(-2.5, 2.5) * r;
      set.add(m.rock, rock(rng, r * rng.range(0.2, 0.45), 0), { position: [sx, groundHeight(noise, sx, sz), sz], rotation: [0, rng.range(0, 6.28), 0], color: '#9a6a52' });
    }
  }
}

function scrub(set: SetBuilder, m: DesertMaterials, rng: Random, noise: ValueNoise): void {
  // Creosote and sage: low grey-green mounds, thinning out on the dunes and kept off the stage floor.
  const shapes = Array.from({ length: 6 }, () => bush(rng, 1));
  const farShapes = Array.from({ length: 4 }, () => bush(rng, 1, 0));
  for (let k = 0; k < 750; k++) {
    const near = k % 3 === 0; // a third of them within 60 m of the road, where they read as plants
    const x = near ? rng.range(-60, 60) : rng.range(-400, 400), z = near ? rng.range(-300, 60) : rng.range(-900, 120);
    if (Math.abs(x) < LANE_W + SHOULDER_W + 1) continue;
    if (Math.hypot(x, z - 4) < 14) continue;
    if (x > 70 && rng.chance(0.8)) continue; // the dunes are bare
    const r = rng.range(0.3, 0.75) * (Math.abs(x) < 30 && z > -60 ? 0.8 : 1.3);
    set.add(m.scrub, rng.pick(Math.hypot(x, z) < 90 ? shapes : farShapes), {
      position: [x, groundHeight(noise, x, z), z],
      scale: [r * rng.range(1, 1.4), r * rng.range(0.7, 1.1), r * rng.range(1, 1.4)],
      rotation: [0, rng.range(0, 6.28), 0],
      color: rng.pick(['#6e7348', '#7d7a50', '#5f6a44', '#8a8360', '#9a9070']),
    });
  }
}

function roadside(set: SetBuilder, m: DesertMaterials): void {
  // Reflector posts every 50 m both sides, and a curve-ahead sign on the right.
  for (let z = 80; z > -1200; z -= 50) {
    for (const side of [-1, 1]) {
      const x = side * (LANE_W + SHOULDER_W + 0.4);
      set.add(m.paintWhite, box(0.1, 1.1, 0.1), { position: [x, 0, z] });
      set.add(m.reflector, box(0.08, 0.18, 0.02), { position: [x, 0.85, z + 0.06] });
    }
  }
  const [sx, sz] = [LANE_W + SHOULDER_W + 1.2, -34];
  set.add(m.steel, box(0.08, 2.2, 0.08), { position: [sx, 0, sz] });
  set.add(m.signFace, box(0.9, 0.9, 0.03), { position: [sx, 1.8, sz + 0.06], rotation: [0, 0, Math.PI / 4] });
}

function cacti(set: SetBuilder, m: DesertMaterials, rng: Random, noise: ValueNoise): void {
  // Saguaros: a ribbed trunk with up to three arms that bend upwards; none on the dunes or the stage floor.
  for (let k = 0; k < 40; k++) {
    const side = rng.chance(0.55) ? -1 : 1;
    const x = side * rng.range(14, 220), z = rng.range(-520, 60);
    if (x > 60 || Math.hypot(x, z - 4) < 18) continue;
    const y = groundHeight(noise, x, z);
    const h = rng.range(4, 9), r = rng.range(0.22, 0.32);
    const tint = rng.pick(['#ffffff', '#e2ecd8', '#d0dcc0']);
    set.add(m.cactus, cylinder(r * 0.85, r, h, 8), { position: [x, y, z], color: tint });
    set.add(m.cactus, new THREE.SphereGeometry(r * 0.85, 10, 5, 0, Math.PI * 2, 0, Math.PI / 2), { position: [x, y + h, z], color: tint });
    const arms = rng.int(0, 3);
    for (let a = 0; a < arms; a++) {
      const yaw = rng.range(0, Math.PI * 2), at = h * rng.range(0.35, 0.6), out = rng.range(0.6, 1.1), up = rng.range(1.2, 2.5);
      const dx = Math.cos(yaw), dz = Math.sin(yaw);
      const pts = [
        new THREE.Vector3(x, y + at, z),
        new THREE.Vector3(x + dx * out * 0.7, y + at + 0.05, z + dz * out * 0.7),
        new THREE.Vector3(x + dx * out, y + at + 0.4, z + dz * out),
        new THREE.Vector3(x + dx * out, y + at + up, z + dz * out),
      ];
      set.add(m.cactus, tubeAlong(pts, r * 0.6, 6), { color: tint });
      set.add(m.cactus, new THREE.SphereGeometry(r * 0.6, 8, 4, 0, Math.PI * 2, 0, Math.PI / 2), { position: [pts[3]!.x, pts[3]!.y, pts[3]!.z], color: tint });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Textures: fine grain the vertex colours are multiplied by, so the ground near the camera is not flat paint.

/** Wind ripples and grains, 5 m per tile (4 cm texels), around mid grey (the vertex colours give the hue). */
function sandTexture(rng: Random): PngTexture {
  const n = new ValueNoise(rng.int(0, 1e6));
  return paintTexture('sand', 128, 128, (x, y) => {
    const ripple = Math.sin((y + 7 * n.fbm(x / 25, y / 25, 2)) * ((Math.PI * 2) / 8)) * 0.018 * (1 + n.at(x / 10, y / 10));
    const grain = (n.at(x * 0.9, y * 0.9) + n.at(x * 0.43 + 50, y * 0.43)) * 0.05;
    const v = 232 * (0.95 + ripple + grain);
    return [v, v, v];
  });
}

/** Sun-bleached asphalt: grey binder with pale and dark aggregate; 2.5 m per tile (no cracks: they would repeat). */
function asphaltTexture(rng: Random): PngTexture {
  const n = new ValueNoise(rng.int(0, 1e6));
  return paintTexture('asphalt', 256, 256, (x, y) => {
    const speck = n.at(x * 1.7, y * 1.7);
    const v = 104 + 8 * n.fbm(x / 30, y / 30, 2) + (speck > 0.55 ? 42 : speck < -0.6 ? -24 : speck * 8);
    return [v, v * 0.985, v * 0.97];
  });
}

/** Gravel shoulder: tan grit with stones. */
function gravelTexture(rng: Random): PngTexture {
  const n = new ValueNoise(rng.int(0, 1e6));
  return paintTexture('gravel', 128, 128, (x, y) => {
    const stone = n.at(x * 0.8, y * 0.8);
    const v = 150 + 18 * n.fbm(x / 16, y / 16, 2) + (stone > 0.5 ? 40 : stone < -0.5 ? -35 : 0);
    return [v * 1.05, v * 0.95, v * 0.82];
  });
}
