// city-rooftop-dusk: the flat roof of a 60 m building at dusk (parapet, water tower, AC units, stair bulkhead, string
// lights) among lit skyscrapers, with the skyline fading into the haze. The roof is the stage floor (y = 0).
import * as THREE from 'three';
import { Random, ValueNoise } from '../random.ts';
import { SetBuilder, type MaterialSpec } from '../SetBuilder.ts';
import { glassTextures, OFFICE_CELLS, officeTextures, roofTexture } from './cityRooftopDuskTextures.ts';
import { box, cylinder, facadeWalls, floorQuad, sagPoints, tubeAlong } from '../shapes.ts';

/** Street level, metres below the roof. */
const STREET_Y = -60;
/** Our roof: x ∈ [-ROOF_HALF_W, ROOF_HALF_W], z ∈ [ROOF_BACK_Z, ROOF_FRONT_Z]. */
const ROOF_HALF_W = 12;
const ROOF_BACK_Z = -16;
const ROOF_FRONT_Z = 10;
const PARAPET_H = 1.1;
/** One office window: 1.6 m wide, 3.6 m floor to floor; the facade texture holds 32 × 32 of them. */
const WINDOW_W = 1.6;
const FLOOR_H = 3.6;
/** Glass towers: 16 mullion bays of 1.5 m by 32 floors of 3.8 m per texture tile. */
const GLASS_BAY_W = 1.5;
const GLASS_FLOOR_H = 3.8;

export function buildCityRooftopDusk(): SetBuilder {
  const rng = new Random(0x5eed_c17e);
  const noise = new ValueNoise(41);
  const set = new SetBuilder();
  const m = materials(rng);

  roof(set, m, rng);
  waterTower(set, m);
  acUnits(set, m, rng);
  bulkhead(set, m);
  stringLights(set, m);
  furniture(set, m, rng);
  neighbours(set, m, rng);
  skyline(set, m, rng, noise);
  return set;
}

interface CityMaterials {
  roof: MaterialSpec;
  concrete: MaterialSpec;
  coping: MaterialSpec;
  metal: MaterialSpec;
  darkMetal: MaterialSpec;
  wood: MaterialSpec;
  tar: MaterialSpec;
  door: MaterialSpec;
  bulb: MaterialSpec;
  lamp: MaterialSpec;
  beacon: MaterialSpec;
  foliage: MaterialSpec;
  office: MaterialSpec;
  glass: MaterialSpec;
  buildingRoof: MaterialSpec;
}

function materials(rng: Random): CityMaterials {
  const office = officeTextures(rng);
  const glass = glassTextures(rng);
  return {
    roof: { name: 'roof-membrane', color: '#ffffff', roughness: 0.92, baseColorTexture: roofTexture(rng) },
    concrete: { name: 'concrete', color: '#9a8f84', roughness: 0.9 },
    coping: { name: 'coping', color: '#b9b1a4', roughness: 0.8 },
    metal: { name: 'galvanised-metal', color: '#a3a8ad', metallic: 0.7, roughness: 0.45 },
    darkMetal: { name: 'dark-metal', color: '#2e3033', metallic: 0.6, roughness: 0.6 },
    wood: { name: 'tank-wood', color: '#8a5c3b', roughness: 0.85 },
    tar: { name: 'tar', color: '#2b2726', roughness: 0.95 },
    door: { name: 'door', color: '#3a3f45', metallic: 0.4, roughness: 0.55 },
    bulb: { name: 'bulb', color: '#201810', roughness: 0.4, emissive: '#ffc47a' },
    lamp: { name: 'wall-lamp', color: '#201810', emissive: '#ffd9a0' },
    beacon: { name: 'aviation-light', color: '#200000', emissive: '#ff2a14' },
    foliage: { name: 'foliage', color: '#4d6b34', roughness: 0.95 },
    office: { name: 'facade-office', color: '#ffffff', metallic: 0.1, roughness: 0.55, baseColorTexture: office.base, emissiveTexture: office.lit, emissive: '#ffffff' },
    glass: { name: 'facade-glass', color: '#ffffff', metallic: 0.35, roughness: 0.22, baseColorTexture: glass.base, emissiveTexture: glass.lit, emissive: '#ffffff' },
    buildingRoof: { name: 'building-roof', color: '#4a4a4e', roughness: 0.9 },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Our roof.

function roof(set: SetBuilder, m: CityMaterials, rng: Random): void {
  // Deck, 4 m per texture tile; the parapet stands on its edge.
  set.add(m.roof, floorQuad(-ROOF_HALF_W, ROOF_BACK_Z, ROOF_HALF_W, ROOF_FRONT_Z, 0, 4));
  const t = 0.3;
  const walls: [number, number, number, number][] = [
    // [centre x, centre z, length along x, length along z]
    [0, ROOF_BACK_Z + t / 2, ROOF_HALF_W * 2, t],
    [0, ROOF_FRONT_Z - t / 2, ROOF_HALF_W * 2, t],
    [-ROOF_HALF_W + t / 2, (ROOF_BACK_Z + ROOF_FRONT_Z) / 2, t, ROOF_FRONT_Z - ROOF_BACK_Z],
    [ROOF_HALF_W - t / 2, (ROOF_BACK_Z + ROOF_FRONT_Z) / 2, t, ROOF_FRONT_Z - ROOF_BACK_Z],
  ];
  for (const [x, z, w, d] of walls) {
    set.add(m.concrete, box(w, PARAPET_H, d), { position: [x, 0, z], colorAt: (p) => brickTint(p) });
    set.add(m.coping, box(w + 0.12, 0.08, d + 0.12), { position: [x, PARAPET_H, z] });
  }
  // The building's own facade below the parapet (seen when looking over the side).
  set.add(m.office, facadeWalls(ROOF_HALF_W * 2, -STREET_Y, ROOF_FRONT_Z - ROOF_BACK_Z, WINDOW_W * OFFICE_CELLS, FLOOR_H * OFFICE_CELLS, [0.3, 0.1]), {
    position: [0, STREET_Y, (ROOF_BACK_Z + ROOF_FRONT_Z) / 2],
    color: '#c9b9a3',
  });
  // Drains, vent stacks and a conduit run along the parapet.
  for (const [x, z] of [[-9, -14], [6, -3], [-3, -8], [10, 4]] as const) {
    set.add(m.metal, cylinder(0.12, 0.12, rng.range(0.6, 1.2), 10), { position: [x, 0, z] });
    set.add(m.darkMetal, cylinder(0.16, 0.16, 0.08, 10), { position: [x, 0, z] });
  }
  set.add(m.metal, tubeAlong([new THREE.Vector3(-11.6, 0.25, 8), new THREE.Vector3(-11.6, 0.25, -15.6), new THREE.Vector3(11.6, 0.25, -15.6)], 0.04, 6));
  // Low pipes on sleepers crossing the roof to the AC units.
  const pipeY = 0.35;
  set.add(m.metal, tubeAlong([new THREE.Vector3(3.2, pipeY, -9), new THREE.Vector3(-2, pipeY, -9), new THREE.Vector3(-2, pipeY, -12.5), new THREE.Vector3(-5, pipeY, -12.5)], 0.09, 8));
  for (let x = -1.5; x <= 3; x += 1.5) set.add(m.darkMetal, box(0.15, pipeY - 0.08, 0.5), { position: [x, 0, -9] });
}

/** Old brick-coloured concrete, mottled. */
function brickTint(p: THREE.Vector3): THREE.ColorRepresentation {
  const v = 0.85 + 0.15 * Math.sin(p.x * 1.7 + p.z * 2.3) * Math.cos(p.y * 3.1 + p.x);
  return new THREE.Color('#c07a5c').multiplyScalar(v);
}

function waterTower(set: SetBuilder, m: CityMaterials): void {
  const [cx, cz] = [-8.5, -12];
  const standH = 4.2, tankH = 4.6, r = 2.3;
  // Steel stand: six legs, a ring beam and X bracing.
  for (let i = 0; i < 6; i++) {
    const a = (i / 6) * Math.PI * 2;
    set.add(m.darkMetal, box(0.22, standH, 0.22), { position: [cx + Math.cos(a) * r * 0.85, 0, cz + Math.sin(a) * r * 0.85] });
    const a2 = ((i + 1) / 6) * Math.PI * 2;
    const p1 = new THREE.Vector3(cx + Math.cos(a) * r * 0.85, 0.3, cz + Math.sin(a) * r * 0.85);
    const p2 = new THREE.Vector3(cx + Math.cos(a2) * r * 0.85, standH - 0.3, cz + Math.sin(a2) * r * 0.85);
    const p3 = new THREE.Vector3(cx + Math.cos(a2) * r * 0.85, 0.3, cz + Math.sin(a2) * r * 0.85);
    const p4 = new THREE.Vector3(cx + Math.cos(a) * r * 0.85, standH - 0.3, cz + Math.sin(a) * r * 0.85);
    set.add(m.darkMetal, tubeAlong([p1, p2], 0.035, 4));
    set.add(m.darkMetal, tubeAlong([p3, p4], 0.035, 4));
  }
  set.add(m.darkMetal, cylinder(r * 0.95, r * 0.95, 0.3, 24), { position: [cx, standH - 0.3, cz] });
  // Tank of vertical staves (alternating tints), iron hoops, a conical tar roof with a finial.
  set.add(m.wood, cylinder(r, r, tankH, 36), {
    position: [cx, standH, cz],
    colorAt: (p) => {
      const a = Math.atan2(p.z - cz, p.x - cx);
      const stave = Math.floor(((a + Math.PI) / (Math.PI * 2)) * 36);
      const weather = 0.75 + 0.25 * ((stave * 7) % 5) / 4;
      return new THREE.Color('#ffffff').multiplyScalar(weather * (p.y > standH + tankH - 0.4 ? 0.8 : 1));
    },
  });
  for (let i = 0; i < 5; i++) set.add(m.darkMetal, cylinder(r + 0.03, r + 0.03, 0.07, 36, true), { position: [cx, standH + 0.4 + i * 0.95, cz] });
  set.add(m.tar, new THREE.ConeGeometry(r + 0.15, 1.6, 36, 1, true).translate(0, 0.8, 0), { position: [cx, standH + tankH, cz] });
  set.add(m.darkMetal, new THREE.SphereGeometry(0.14, 10, 6), { position: [cx, standH + tankH + 1.65, cz] });
  // Access ladder up one leg.
  const lx = cx + r * 0.85 + 0.35;
  for (const dz of [-0.22, 0.22]) set.add(m.darkMetal, box(0.05, standH + tankH, 0.05), { position: [lx, 0, cz + dz] });
  for (let y = 0.3; y < standH + tankH; y += 0.35) set.add(m.darkMetal, box(0.04, 0.04, 0.44), { position: [lx, y, cz] });
}

function acUnits(set: SetBuilder, m: CityMaterials, rng: Random): void {
  const units: [number, number, number][] = [
    [4.2, -9.5, 0],
    [7.0, -9.5, 0],
    [4.2, -12.6, Math.PI],
  ];
  for (const [x, z, ry] of units) {
    // Curb, cabinet with louvres, two fans on top.
    set.add(m.concrete, box(2.6, 0.25, 1.9), { position: [x, 0, z], rotation: [0, ry, 0], color: '#9a9a9a' });
    set.add(m.metal, box(2.4, 1.25, 1.7), { position: [x, 0.25, z], rotation: [0, ry, 0], color: rng.pick(['#d8d6cf', '#c9ccc9', '#bfc4c0']) });
    for (let k = 0; k < 6; k++) set.add(m.darkMetal, box(2.1, 0.05, 0.02), { position: [x, 0.5 + k * 0.15, z + 0.86], rotation: [0, 0, 0] });
    for (const dx of [-0.6, 0.6]) {
      set.add(m.darkMetal, cylinder(0.5, 0.5, 0.06, 20), { position: [x + dx, 1.5, z] });
      set.add(m.metal, cylinder(0.08, 0.08, 0.09, 8), { position: [x + dx, 1.5, z] });
    }
  }
  // A big duct from the units into the bulkhead.
  set.add(m.metal, box(6, 0.7, 0.7), { position: [7, 0.6, -14.2], color: '#bfc3c6' });
  for (const x of [5, 7, 9]) set.add(m.darkMetal, box(0.1, 0.6, 0.8), { position: [x, 0, -14.2] });
}

function bulkhead(set: SetBuilder, m: CityMaterials): void {
  // Stair bulkhead in the back-right corner: brick box, steel door, wall lamp, an antenna mast with an aviation light.
  const [x, z] = [9.2, -12.5];
  set.add(m.concrete, box(3.6, 3.2, 5), { position: [x, 0, z], colorAt: (p) => brickTint(p) });
  set.add(m.coping, box(3.8, 0.15, 5.2), { position: [x, 3.2, z] });
  set.add(m.door, box(0.08, 2.1, 1.0), { position: [x - 1.82, 0, z + 1.2] });
  set.add(m.lamp, new THREE.SphereGeometry(0.12, 12, 8), { position: [x - 1.9, 2.45, z + 1.2] });
  set.add(m.darkMetal, cylinder(0.16, 0.16, 0.1, 12), { position: [x - 1.84, 2.52, z + 1.2], rotation: [0, 0, Math.PI / 2] });
  set.add(m.darkMetal, cylinder(0.05, 0.07, 7, 8), { position: [x + 0.8, 3.35, z - 1.5] });
  set.add(m.beacon, new THREE.SphereGeometry(0.13, 10, 6), { position: [x + 0.8, 10.4, z - 1.5] });
  // Satellite dish on the bulkhead roof.
  set.add(m.metal, new THREE.SphereGeometry(0.6, 16, 8, 0, Math.PI * 2, 0, Math.PI / 3.5).scale(1, 0.5, 1), {
    position: [x - 0.6, 3.9, z + 1.2],
    rotation: [-1.0, -0.6, 0],
  });
  set.add(m.darkMetal, box(0.08, 0.55, 0.08), { position: [x - 0.6, 3.35, z + 1.2] });
}

function stringLights(set: SetBuilder, m: CityMaterials): void {
  // Festoon lights across the roof from poles: a rooftop bar's string lights.
  const poles: [number, number][] = [[-10.5, 6], [-10.5, -6], [10.5, 6], [10.5, -6], [-3, -14.5], [3, -14.5]];
  for (const [x, z] of poles) set.add(m.darkMetal, cylinder(0.05, 0.06, 3.6, 8), { position: [x, 0, z] });
  const spans: [number, number][] = [[1, 3], [1, 4], [4, 5], [5, 3]];
  const bulb = new THREE.SphereGeometry(0.055, 8, 5);
  for (const [i, j] of spans) {
    const [ax, az] = poles[i]!, [bx, bz] = poles[j]!;
    const pts = sagPoints(new THREE.Vector3(ax, 3.55, az), new THREE.Vector3(bx, 3.55, bz), 0.7, 24);
    set.add(m.darkMetal, tubeAlong(pts, 0.008, 3));
    const length = Math.hypot(bx - ax, bz - az);
    const count = Math.round(length / 0.8);
    const curve = sagPoints(new THREE.Vector3(ax, 3.47, az), new THREE.Vector3(bx, 3.47, bz), 0.7, count);
    for (const p of curve.slice(1, -1)) set.add(m.bulb, bulb, { position: [p.x, p.y, p.z] });
  }
}

function furniture(set: SetBuilder, m: CityMaterials, rng: Random): void {
  // Two planter boxes with shrubs and a bench, near the left parapet.
  for (const z of [-2, -6.5]) {
    set.add(m.wood, box(1, 0.6, 2.4), { position: [-10.8, 0, z], color: '#7a6a5c' });
    for (let k = 0; k < 4; k++) {
      const g = new THREE.IcosahedronGeometry(rng.range(0.35, 0.5), 1);
      set.add(m.foliage, g, { position: [-10.8 + rng.range(-0.2, 0.2), 0.85 + rng.range(0, 0.2), z - 0.9 + k * 0.6], color: rng.pick(['#ffffff', '#d8e6c8', '#c2d0a8']) });
    }
  }
  set.add(m.wood, box(2, 0.08, 0.5), { position: [-10.7, 0.45, -4.25], rotation: [0, Math.PI / 2, 0] });
  for (const dz of [-0.8, 0.8]) set.add(m.darkMetal, box(0.45, 0.45, 0.06), { position: [-10.7, 0, -4.25 + dz] });
}

// ---------------------------------------------------------------------------------------------------------------
// The city around.

interface Tower {
  x: number;
  z: number;
  w: number;
  d: number;
  /** Height above the street, metres. */
  h: number;
  glass: boolean;
}

function neighbours(set: SetBuilder, m: CityMaterials, rng: Random): void {
  // Hand-placed blocks around ours (x, z of the centre, footprint, height above the street): a tall glass tower
  // ahead-right, a lower roof ahead-left to look down on, an opening towards the sunset.
  const towers: Tower[] = [
    // Framing the view: a glass tower at the right edge, an office tower at the left.
    { x: 74, z: -118, w: 36, d: 34, h: 205, glass: true },
    { x: -78, z: -104, w: 34, d: 30, h: 150, glass: false },
    // The middle distance, low enough to see the skyline over.
    { x: -32, z: -74, w: 30, d: 26, h: 64, glass: false },
    { x: 26, z: -96, w: 28, d: 24, h: 82, glass: false },
    { x: -4, z: -168, w: 40, d: 30, h: 104, glass: false },
    { x: -56, z: -206, w: 30, d: 30, h: 92, glass: true },
    { x: 52, z: -230, w: 34, d: 36, h: 128, glass: false },
    // Around and behind (for the side walls and the ceiling).
    { x: 96, z: -20, w: 30, d: 40, h: 120, glass: false },
    { x: -92, z: 10, w: 30, d: 40, h: 96, glass: false },
    { x: 78, z: 66, w: 36, d: 30, h: 72, glass: true },
    { x: 0, z: 90, w: 40, d: 30, h: 110, glass: false },
    { x: -84, z: 96, w: 30, d: 30, h: 150, glass: true },
  ];
  for (const t of towers) tower(set, m, rng, t, true);
  // The neighbour ahead-left is only a few metres taller than us: its water tank and machinery are in view.
  const roofY = STREET_Y + 64 + 0.8;
  const [tx, tz] = [-38, -70];
  for (let i = 0; i < 4; i++) set.add(m.darkMetal, box(0.3, 3.2, 0.3), { position: [tx + (i < 2 ? -1.9 : 1.9), roofY, tz + (i % 2 ? -1.9 : 1.9)] });
  set.add(m.wood, cylinder(2.7, 2.7, 4.6, 28), { position: [tx, roofY + 3.2, tz], color: '#c0a890' });
  set.add(m.tar, new THREE.ConeGeometry(2.85, 1.5, 28, 1, true).translate(0, 0.75, 0), { position: [tx, roofY + 7.8, tz] });
  set.add(m.metal, box(6, 2.2, 4), { position: [-24, roofY, -66], color: '#c8c8c0' });
}

/** A tower on the street grid: facade walls, a roof, setbacks and rooftop machinery for the taller ones. */
function tower(set: SetBuilder, m: CityMaterials, rng: Random, t: Tower, detailed: boolean): void {
  const material = t.glass ? m.glass : m.office;
  const tileW = t.glass ? GLASS_BAY_W * 16 : WINDOW_W * OFFICE_CELLS;
  const tileH = t.glass ? GLASS_FLOOR_H * 32 : FLOOR_H * OFFICE_CELLS;
  const tint = t.glass ? rng.pick(['#ffffff', '#d6e6f0', '#c8dcd8']) : rng.pick(['#ffffff', '#e8dccb', '#d4c7b8', '#c9c2bb', '#bfb0a0']);
  // Whole cells of offset, so windows meet the corners.
  const cellsU = t.glass ? 16 : OFFICE_CELLS, cellsV = t.glass ? 32 : OFFICE_CELLS;
  const offset: [number, number] = [rng.int(0, cellsU - 1) / cellsU, rng.int(0, cellsV - 1) / cellsV];
  const setback = detailed && t.h > 100 && rng.chance(0.7);
  const mainH = setback ? t.h * 0.78 : t.h;
  set.add(material, facadeWalls(t.w, mainH, t.d, tileW, tileH, offset), { position: [t.x, STREET_Y, t.z], color: tint });
  set.add(m.buildingRoof, box(t.w + 0.6, 0.8, t.d + 0.6), { position: [t.x, STREET_Y + mainH, t.z] });
  let topY = STREET_Y + mainH + 0.8;
  let topW = t.w, topD = t.d;
  if (setback) {
    topW = t.w * 0.7;
    topD = t.d * 0.7;
    const h2 = t.h - mainH;
    set.add(material, facadeWalls(topW, h2, topD, tileW, tileH, [offset[0] + 0.25, offset[1] + mainH / tileH]), { position: [t.x, topY, t.z], color: tint });
    set.add(m.buildingRoof, box(topW + 0.6, 0.8, topD + 0.6), { position: [t.x, topY + h2, t.z] });
    topY += h2 + 0.8;
  }
  if (!detailed) return;
  // Mechanical penthouse, a couple of units and, on the tallest, a mast with a red light.
  set.add(m.concrete, box(topW * 0.4, 4, topD * 0.35), { position: [t.x + topW * 0.1, topY, t.z - topD * 0.1], color: '#a8a8a8' });
  set.add(m.metal, box(3, 1.6, 2), { position: [t.x - topW * 0.3, topY, t.z + topD * 0.25] });
  if (t.h > 140) {
    set.add(m.darkMetal, cylinder(0.3, 0.5, 24, 8), { position: [t.x, topY + 4, t.z] });
    set.add(m.beacon, new THREE.SphereGeometry(0.6, 10, 6), { position: [t.x, topY + 28.3, t.z] });
  }
  // Red obstruction lights on the roof corners.
  for (const [sx, sz] of [[-1, -1], [1, 1]] as const) set.add(m.beacon, new THREE.SphereGeometry(0.35, 8, 5), { position: [t.x + (sx * topW) / 2, topY + 0.3, t.z + (sz * topD) / 2] });
}

function skyline(set: SetBuilder, m: CityMaterials, rng: Random, noise: ValueNoise): void {
  // Blocks on a 70 m grid from 250 m to 1.4 km out, taller towards a downtown cluster ahead-left.
  const downtown = new THREE.Vector2(-250, -900);
  for (let gx = -1400; gx <= 1400; gx += 70) {
    for (let gz = -1400; gz <= 1400; gz += 70) {
      const x = gx + rng.range(-15, 15), z = gz + rng.range(-15, 15);
      const dist = Math.hypot(x, z);
      if (dist < 230 || dist > 1450) continue;
      if (rng.chance(0.35)) continue;
      const nearDowntown = Math.exp(-new THREE.Vector2(x, z).distanceTo(downtown) / 350);
      const h = 25 + 60 * (0.5 + 0.5 * noise.fbm(x / 400, z / 400, 3)) + rng.range(0, 40) + 260 * nearDowntown * rng.range(0.3, 1);
      tower(set, m, rng, { x, z, w: rng.range(20, 40), d: rng.range(20, 40), h, glass: rng.chance(0.3) }, false);
    }
  }
  // A landmark: a stepped art-deco tower with a spire, in the downtown cluster.
  const [lx, lz] = [downtown.x + 60, downtown.y + 40];
  let y = STREET_Y;
  for (const [w, h] of [[60, 180], [44, 90], [32, 60], [22, 40], [12, 20]] as const) {
    set.add(m.office, facadeWalls(w, h, w, WINDOW_W * OFFICE_CELLS, FLOOR_H * OFFICE_CELLS, [0.1, 0.2]), { position: [lx, y, lz], color: '#e8dcc4' });
    set.add(m.buildingRoof, box(w + 1, 1, w + 1), { position: [lx, y + h, lz], color: '#c9c0b0' });
    y += h + 1;
  }
  set.add(m.metal, cylinder(0.4, 3, 70, 8), { position: [lx, y, lz] });
  set.add(m.beacon, new THREE.SphereGeometry(1.6, 10, 6), { position: [lx, y + 70, lz] });
}
