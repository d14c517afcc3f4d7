// studio-talk-show: a late-night talk show set just behind the main wall: host desk and guest chairs on a round riser,
// an arched wall framing a night-skyline translight, slatted side flats, two screens with the show's graphics, light
// truss with fixtures and haze beams overhead, black drapes around.
import * as THREE from 'three';
import { Random } from '../random.ts';
import { SetBuilder, type MaterialSpec } from '../SetBuilder.ts';
import { floorTexture, showGraphicTexture, skylineTexture } from './studioTalkShowTextures.ts';
import { box, cylinder, floorQuad, tubeAlong } from '../shapes.ts';

/** The riser's centre on the floor, metres: just behind the main wall (z = -4). */
const RISER = new THREE.Vector3(0, 0, -6.8);
const RISER_R = 3.4;
const RISER_H = 0.25;
/** The arched wall's front face, and the translight behind it. */
const ARCH_WALL_Z = -11.5;
const BACKDROP_Z = -13.2;
/** Truss runs (chord centres), metres. */
const TRUSS_Y = 6.0;
const TRUSS_FRONT_Z = -8.6;
const TRUSS_BACK_Z = -11;
const TRUSS_HALF_X = 9;
const TRUSS_SIZE = 0.3;
/** Where the host sits: the desk curves around this point. */
const HOST = new THREE.Vector3(1.5, RISER_H, -7.6);

export function buildStudioTalkShow(): SetBuilder {
  const rng = new Random(0x57ad10);
  const set = new SetBuilder();
  const m = materials(rng);
  floor(set, m);
  riser(set, m);
  desk(set, m);
  chairs(set, m);
  archWall(set, m);
  sideFlats(set, m);
  screens(set, m);
  truss(set, m);
  drapes(set, m);
  return set;
}

interface StudioMaterials {
  floor: MaterialSpec;
  inlay: MaterialSpec;
  riser: MaterialSpec;
  ledCyan: MaterialSpec;
  ledWarm: MaterialSpec;
  glowPanel: MaterialSpec;
  deskWood: MaterialSpec;
  deskTop: MaterialSpec;
  leather: MaterialSpec;
  fabric: MaterialSpec;
  chrome: MaterialSpec;
  wall: MaterialSpec;
  stone: MaterialSpec;
  slats: MaterialSpec;
  backdrop: MaterialSpec;
  screen: MaterialSpec;
  bezel: MaterialSpec;
  truss: MaterialSpec;
  fixture: MaterialSpec;
  lens: MaterialSpec;
  beam: MaterialSpec;
  drape: MaterialSpec;
  mug: MaterialSpec;
  plant: MaterialSpec;
}

function materials(rng: Random): StudioMaterials {
  return {
    floor: { name: 'studio-floor', color: '#ffffff', roughness: 0.5, metallic: 0.1, baseColorTexture: floorTexture(rng) },
    inlay: { name: 'floor-inlay', color: '#8d9bb0', roughness: 0.25, metallic: 0.3 },
    riser: { name: 'riser', color: '#1b1e26', roughness: 0.2, metallic: 0.2 },
    ledCyan: { name: 'led-cyan', color: '#000000', emissive: '#3fd0ff' },
    ledWarm: { name: 'led-warm', color: '#000000', emissive: '#ffc98c' },
    glowPanel: { name: 'glow-panel', color: '#000000', emissive: '#8a5a32' },
    deskWood: { name: 'desk-wood', color: '#946042', roughness: 0.45 },
    deskTop: { name: 'desk-top', color: '#14161b', roughness: 0.15, metallic: 0.3 },
    leather: { name: 'leather', color: '#20201f', roughness: 0.45 },
    fabric: { name: 'fabric', color: '#2a6470', roughness: 0.9 },
    chrome: { name: 'chrome', color: '#d8dade', metallic: 1, roughness: 0.18 },
    wall: { name: 'set-wall', color: '#39445a', roughness: 0.7, flatShading: true },
    stone: { name: 'pilaster', color: '#cbb89a', roughness: 0.6, flatShading: true },
    slats: { name: 'slats', color: '#8a5a3a', roughness: 0.55, flatShading: true },
    backdrop: { name: 'skyline-translight', color: '#000000', emissive: '#ffffff', emissiveTexture: skylineTexture(rng) },
    screen: { name: 'screen', color: '#000000', roughness: 0.2, emissive: '#ffffff', emissiveTexture: showGraphicTexture(rng) },
    bezel: { name: 'bezel', color: '#0c0c0e', roughness: 0.35, flatShading: true },
    truss: { name: 'truss-aluminium', color: '#b9bec4', metallic: 0.85, roughness: 0.35 },
    fixture: { name: 'fixture', color: '#16171a', roughness: 0.5, metallic: 0.3 },
    lens: { name: 'fixture-lens', color: '#000000', emissive: '#fff1dc' },
    beam: { name: 'haze-beam', color: '#000000', emissive: '#fff0dc', opacity: 0.1, doubleSided: true },
    drape: { name: 'drape', color: '#0d0d10', roughness: 0.95 },
    mug: { name: 'mug', color: '#e9e6e0', roughness: 0.3 },
    plant: { name: 'plant', color: '#3e6a34', roughness: 0.8, flatShading: true },
  };
}

function floor(set: SetBuilder, m: StudioMaterials): void {
  set.add(m.floor, floorQuad(-14, -16, 14, 8, 0, 2));
  // Concentric inlays round the riser, and a walkway line to the camera.
  for (const [r0, r1] of [[3.65, 3.75], [4.6, 4.64], [5.9, 6.05]] as const) {
    set.add(m.inlay, new THREE.RingGeometry(r0, r1, 96).rotateX(-Math.PI / 2), { position: [RISER.x, 0.004, RISER.z] });
  }
  set.add(m.ledCyan, new THREE.RingGeometry(4.12, 4.16, 96).rotateX(-Math.PI / 2), { position: [RISER.x, 0.005, RISER.z] });
}

function riser(set: SetBuilder, m: StudioMaterials): void {
  set.add(m.riser, cylinder(RISER_R, RISER_R, RISER_H, 96), { position: [RISER.x, 0, RISER.z] });
  set.add(m.ledCyan, cylinder(RISER_R + 0.005, RISER_R + 0.005, 0.035, 96, true), { position: [RISER.x, RISER_H - 0.07, RISER.z] });
  // A step at the front.
  set.add(m.riser, cylinder(RISER_R + 0.35, RISER_R + 0.35, RISER_H / 2, 96, false), { position: [RISER.x, 0, RISER.z], color: '#c8c8d0' });
}

/** A band of a ring (radii r0 < r1, angles a0..a1 around -Z, radians) extruded `h` up: curved desk parts. */
function arcBand(r0: number, r1: number, a0: number, a1: number, h: number): THREE.BufferGeometry {
  const shape = new THREE.Shape();
  const pt = (r: number, a: number): [number, number] => [r * Math.sin(a), r * Math.cos(a)]; // shape y becomes world -z
  shape.moveTo(...pt(r1, a0));
  shape.absarc(0, 0, r1, Math.PI / 2 - a0, Math.PI / 2 - a1, true);
  shape.lineTo(...pt(r0, a1));
  shape.absarc(0, 0, r0, Math.PI / 2 - a1, Math.PI / 2 - a0, false);
  shape.closePath();
  return new THREE.ExtrudeGeometry(shape, { depth: h, bevelEnabled: false, curveSegments: 48 }).rotateX(-Math.PI / 2);
}

function desk(set: SetBuilder, m: StudioMaterials): void {
  // The desk wraps the host's chair: wood body, glossy black top, a cyan light line along its foot.
  const a = THREE.MathUtils.degToRad(38);
  const at = { position: [HOST.x, HOST.y, HOST.z] as const, rotation: [0, Math.PI, 0] as const };
  set.add(m.deskWood, arcBand(0.95, 1.55, -a, a, 0.72), at);
  set.add(m.deskTop, arcBand(0.9, 1.62, -a - 0.03, a + 0.03, 0.04), { ...at, position: [HOST.x, HOST.y + 0.72, HOST.z] });
  set.add(m.ledCyan, arcBand(1.55, 1.565, -a, a, 0.03), { ...at, position: [HOST.x, HOST.y + 0.06, HOST.z] });
  set.add(m.deskTop, arcBand(1.552, 1.56, -a, a, 0.5), { ...at, position: [HOST.x, HOST.y + 0.15, HOST.z], color: '#3a2a22' }); // recessed panel line
  // Props on the desk: two mugs and a stack of cue cards.
  for (const dx of [-0.45, 0.55]) {
    set.add(m.mug, cylinder(0.045, 0.04, 0.1, 16), { position: [HOST.x + dx, HOST.y + 0.76, HOST.z + 1.15] });
  }
  set.add(m.mug, box(0.1, 0.015, 0.15), { position: [HOST.x - 0.1, HOST.y + 0.76, HOST.z + 1.05], rotation: [0, 0.2, 0], color: '#f4f0e0' });
}

function chairs(set: SetBuilder, m: StudioMaterials): void {
  // Host: a high-back office chair on a chrome five-star base.
  const h = HOST;
  for (let i = 0; i < 5; i++) {
    const a = (i / 5) * Math.PI * 2;
    set.add(m.chrome, box(0.04, 0.03, 0.32), { position: [h.x + Math.sin(a) * 0.16, h.y + 0.05, h.z + Math.cos(a) * 0.16], rotation: [0, a, 0] });
  }
  set.add(m.chrome, cylinder(0.03, 0.03, 0.4, 12), { position: [h.x, h.y + 0.06, h.z] });
  set.add(m.leather, box(0.55, 0.1, 0.52), { position: [h.x, h.y + 0.46, h.z] });
  set.add(m.leather, box(0.52, 0.75, 0.09), { position: [h.x, h.y + 0.6, h.z - 0.3], rotation: [-0.12, 0, 0] });
  for (const dx of [-0.3, 0.3]) set.add(m.chrome, box(0.04, 0.22, 0.35), { position: [h.x + dx, h.y + 0.52, h.z - 0.02] });

  // Guests: two armchairs turned towards the host, a side table between them.
  const guests: [number, number, number][] = [
    [-0.9, -6.4, 0.75],
    [-2.3, -7.2, 0.95],
  ];
  for (const [x, z, yaw] of guests) armchair(set, m, x, z, yaw);
  set.add(m.chrome, cylinder(0.02, 0.02, 0.5, 10), { position: [-1.55, RISER_H, -6.3] });
  set.add(m.deskTop, cylinder(0.28, 0.28, 0.03, 32), { position: [-1.55, RISER_H + 0.5, -6.3] });
  set.add(m.mug, cylinder(0.04, 0.035, 0.1, 16), { position: [-1.5, RISER_H + 0.53, -6.25] });
  // A plant by the desk.
  set.add(m.bezel, cylinder(0.22, 0.17, 0.5, 16), { position: [3.1, RISER_H, -8.2] });
  for (let k = 0; k < 7; k++) {
    const a = (k / 7) * Math.PI * 2;
    set.add(m.plant, new THREE.ConeGeometry(0.07, 0.9, 4).translate(0, 0.45, 0), {
      position: [3.1 + Math.cos(a) * 0.08, RISER_H + 0.45, -8.2 + Math.sin(a) * 0.08],
      rotation: [Math.cos(a) * 0.5, 0, Math.sin(a) * 0.5],
      color: k % 2 ? '#ffffff' : '#c8d8b8',
    });
  }
}

function armchair(set: SetBuilder, m: StudioMaterials, x: number, z: number, yaw: number): void {
  const y = RISER_H;
  const place = (dx: number, dy: number, dz: number) => {
    const p = new THREE.Vector3(dx, dy, dz).applyAxisAngle(new THREE.Vector3(0, 1, 0), yaw);
    return [x + p.x, y + p.y, z + p.z] as const;
  };
  set.add(m.fabric, box(0.78, 0.2, 0.72), { position: place(0, 0.22, 0), rotation: [0, yaw, 0] }); // seat cushion
  set.add(m.fabric, box(0.92, 0.22, 0.8), { position: place(0, 0.06, -0.02), rotation: [0, yaw, 0], color: '#c8d8dc' }); // base
  set.add(m.fabric, box(0.92, 0.55, 0.16), { position: place(0, 0.28, -0.36), rotation: [-0.1, yaw, 0] }); // back
  for (const dx of [-0.42, 0.42]) set.add(m.fabric, box(0.12, 0.32, 0.76), { position: place(dx, 0.28, -0.02), rotation: [0, yaw, 0], color: '#d8e4e8' });
  for (const [dx, dz] of [[-0.4, 0.34], [0.4, 0.34], [-0.4, -0.38], [0.4, -0.38]] as const) set.add(m.chrome, cylinder(0.02, 0.015, 0.06, 8), { position: place(dx, 0, dz) });
}

function archWall(set: SetBuilder, m: StudioMaterials): void {
  // A 20 m wall with three arched openings (wide in the middle), pilasters between, a cornice, LED lines in the arches.
  const halfW = 10, h = 7.4, depth = 0.45;
  const arches: { cx: number; w: number; spring: number }[] = [
    { cx: 0, w: 5.2, spring: 3.6 },
    { cx: -6.2, w: 3.2, spring: 3.0 },
    { cx: 6.2, w: 3.2, spring: 3.0 },
  ];
  const shape = new THREE.Shape();
  shape.moveTo(-halfW, 0);
  shape.lineTo(halfW, 0);
  shape.lineTo(halfW, h);
  shape.lineTo(-halfW, h);
  shape.closePath();
  for (const a of arches) {
    const hole = new THREE.Path();
    hole.moveTo(a.cx - a.w / 2, 0.3);
    hole.lineTo(a.cx + a.w / 2, 0.3);
    hole.lineTo(a.cx + a.w / 2, a.spring);
    hole.absarc(a.cx, a.spring, a.w / 2, 0, Math.PI, false);
    hole.lineTo(a.cx - a.w / 2, 0.3);
    shape.holes.push(hole);
  }
  set.add(m.wall, new THREE.ExtrudeGeometry(shape, { depth, bevelEnabled: false, curveSegments: 24 }), { position: [0, 0, ARCH_WALL_Z - depth] });
  for (const x of [-9.6, -3.85, 3.85, 9.6]) {
    set.add(m.stone, box(0.7, h, 0.7), { position: [x, 0, ARCH_WALL_Z - 0.1] });
    set.add(m.stone, box(0.9, 0.3, 0.9), { position: [x, 0, ARCH_WALL_Z - 0.1] });
    set.add(m.stone, box(0.9, 0.25, 0.9), { position: [x, h - 0.6, ARCH_WALL_Z - 0.1] });
  }
  set.add(m.stone, box(20.6, 0.35, 0.9), { position: [0, h - 0.35, ARCH_WALL_Z - 0.15] });
  set.add(m.stone, box(20.2, 0.3, 0.6), { position: [0, 0, ARCH_WALL_Z - 0.1] });
  for (const a of arches) {
    const pts: THREE.Vector3[] = [new THREE.Vector3(a.cx - a.w / 2 + 0.06, 0.3, ARCH_WALL_Z + 0.02)];
    for (let k = 0; k <= 32; k++) {
      const t = Math.PI - (k / 32) * Math.PI;
      pts.push(new THREE.Vector3(a.cx + Math.cos(t) * (a.w / 2 - 0.06), a.spring + Math.sin(t) * (a.w / 2 - 0.06), ARCH_WALL_Z + 0.02));
    }
    pts.push(new THREE.Vector3(a.cx + a.w / 2 - 0.06, 0.3, ARCH_WALL_Z + 0.02));
    set.add(m.ledWarm, tubeAlong(pts, 0.025, 6));
  }
  // The translight behind: a night skyline, lit from behind.
  const backdrop = new THREE.PlaneGeometry(24, 8).translate(0, 4, 0);
  set.add(m.backdrop, backdrop, { position: [0, 0, BACKDROP_Z] });
}

function sideFlats(set: SetBuilder, m: StudioMaterials): void {
  // Angled flats either side: wooden slats over a warm glow.
  for (const side of [-1, 1]) {
    const yaw = -side * 0.55;
    const base = new THREE.Vector3(side * 8.6, 0, -8.6);
    const along = new THREE.Vector3(1, 0, 0).applyAxisAngle(new THREE.Vector3(0, 1, 0), yaw);
    set.add(m.glowPanel, box(3.6, 5.2, 0.05), { position: [base.x, 0.3, base.z], rotation: [0, yaw, 0] });
    for (let k = 0; k < 15; k++) {
      const o = (k - 7) * 0.25;
      set.add(m.slats, box(0.09, 5.6, 0.12), { position: [base.x + along.x * o, 0, base.z + along.z * o + 0.08], rotation: [0, yaw, 0] });
    }
    set.add(m.bezel, box(3.8, 0.3, 0.3), { position: [base.x, 5.6, base.z], rotation: [0, yaw, 0] });
  }
}

function screens(set: SetBuilder, m: StudioMaterials): void {
  // Two 16:9 screens on black pedestals, turned towards the centre, showing the show's graphic.
  for (const side of [-1, 1]) {
    const yaw = -side * 0.45;
    const [x, z] = [side * 5.6, -9.3];
    set.add(m.bezel, box(0.4, 1.2, 0.4), { position: [x, 0, z - 0.1], rotation: [0, yaw, 0] });
    set.add(m.bezel, box(3.3, 1.95, 0.12), { position: [x, 1.2, z - 0.1], rotation: [0, yaw, 0] });
    const n = new THREE.Vector3(Math.sin(yaw), 0, Math.cos(yaw)); // the screen's facing
    const front = 0.07; // just proud of the bezel's face (half its 0.12 m depth)
    set.add(m.screen, new THREE.PlaneGeometry(3.15, 1.77), { position: [x + n.x * front, 2.175, z - 0.1 + n.z * front], rotation: [0, yaw, 0] });
  }
}

function truss(set: SetBuilder, m: StudioMaterials): void {
  // Box truss: two runs across, two along the sides, with fixtures hanging under the back run and haze beams.
  trussRun(set, m, new THREE.Vector3(-TRUSS_HALF_X, TRUSS_Y, TRUSS_FRONT_Z), new THREE.Vector3(TRUSS_HALF_X, TRUSS_Y, TRUSS_FRONT_Z));
  trussRun(set, m, new THREE.Vector3(-TRUSS_HALF_X, TRUSS_Y + 0.4, TRUSS_BACK_Z), new THREE.Vector3(TRUSS_HALF_X, TRUSS_Y + 0.4, TRUSS_BACK_Z));
  for (const x of [-TRUSS_HALF_X, TRUSS_HALF_X]) {
    trussRun(set, m, new THREE.Vector3(x, TRUSS_Y + 0.2, TRUSS_FRONT_Z + 0.5), new THREE.Vector3(x, TRUSS_Y + 0.2, TRUSS_BACK_Z - 0.5));
    set.add(m.truss, cylinder(0.15, 0.15, TRUSS_Y + 0.2, 12), { position: [x, 0, (TRUSS_FRONT_Z + TRUSS_BACK_Z) / 2] });
    set.add(m.truss, box(0.8, 0.05, 0.8), { position: [x, 0, (TRUSS_FRONT_Z + TRUSS_BACK_Z) / 2] });
  }
  // Fixtures: [x on the run, which run, aim point].
  const fixtures: [number, number, THREE.Vector3][] = [
    [-5, TRUSS_BACK_Z, new THREE.Vector3(-2.2, 0.3, -5.2)],
    [-2, TRUSS_BACK_Z, new THREE.Vector3(-1, 0.3, -5.6)],
    [2, TRUSS_BACK_Z, new THREE.Vector3(1.2, 0.3, -5.8)],
    [5, TRUSS_BACK_Z, new THREE.Vector3(2.6, 0.3, -5.4)],
    [-7.5, TRUSS_FRONT_Z, new THREE.Vector3(-5.5, 0, -11.5)],
    [-3.5, TRUSS_FRONT_Z, new THREE.Vector3(-3, 2, -11.5)],
    [3.5, TRUSS_FRONT_Z, new THREE.Vector3(3, 2, -11.5)],
    [7.5, TRUSS_FRONT_Z, new THREE.Vector3(5.5, 0, -11.5)],
  ];
  for (const [x, z, aim] of fixtures) {
    const y = (z === TRUSS_BACK_Z ? TRUSS_Y + 0.4 : TRUSS_Y) - TRUSS_SIZE / 2 - 0.45;
    const pos = new THREE.Vector3(x, y, z);
    const dir = aim.clone().sub(pos).normalize();
    const q = new THREE.Quaternion().setFromUnitVectors(new THREE.Vector3(0, -1, 0), dir);
    const e = new THREE.Euler().setFromQuaternion(q, 'XYZ');
    const rot = [e.x, e.y, e.z] as const;
    set.add(m.fixture, cylinder(0.16, 0.2, 0.45, 16).translate(0, -0.225, 0), { position: [pos.x, pos.y, pos.z], rotation: rot });
    set.add(m.fixture, box(0.5, 0.06, 0.08), { position: [x, y + 0.3, z] }); // yoke
    const lensAt = pos.clone().addScaledVector(dir, 0.46);
    set.add(m.lens, new THREE.CircleGeometry(0.15, 20).rotateX(Math.PI / 2), { position: [lensAt.x, lensAt.y, lensAt.z], rotation: rot });
    // Haze beam: an open cone from the lens to where it lands, fading out.
    const length = aim.distanceTo(lensAt);
    const spread = z === TRUSS_BACK_Z ? 0.26 : 0.18;
    const cone = new THREE.CylinderGeometry(0.14, 0.14 + length * spread, length, 24, 1, true).translate(0, -length / 2, 0);
    set.add(m.beam, cone, {
      position: [lensAt.x, lensAt.y, lensAt.z],
      rotation: rot,
      alphaAt: (p) => Math.max(0, 1 - p.distanceTo(lensAt) / length) ** 1.5,
    });
  }
}

/** A 30 cm box truss from a to b: four chords, zig-zag lacing on every face. */
function trussRun(set: SetBuilder, m: StudioMaterials, a: THREE.Vector3, b: THREE.Vector3): void {
  const dir = b.clone().sub(a);
  const length = dir.length();
  dir.normalize();
  const side = Math.abs(dir.y) > 0.9 ? new THREE.Vector3(1, 0, 0) : new THREE.Vector3().crossVectors(dir, new THREE.Vector3(0, 1, 0)).normalize();
  const up = new THREE.Vector3().crossVectors(side, dir).normalize();
  const s = TRUSS_SIZE / 2;
  const corners = [
    side.clone().multiplyScalar(s).addScaledVector(up, s),
    side.clone().multiplyScalar(-s).addScaledVector(up, s),
    side.clone().multiplyScalar(-s).addScaledVector(up, -s),
    side.clone().multiplyScalar(s).addScaledVector(up, -s),
  ];
  for (const c of corners) set.add(m.truss, tubeAlong([a.clone().add(c), b.clone().add(c)], 0.024, 6));
  const bays = Math.round(length / TRUSS_SIZE);
  for (let f = 0; f < 4; f++) {
    const c0 = corners[f]!, c1 = corners[(f + 1) % 4]!;
    const pts: THREE.Vector3[] = [];
    for (let k = 0; k <= bays; k++) pts.push(a.clone().addScaledVector(dir, (k / bays) * length).add(k % 2 ? c1 : c0));
    for (let k = 0; k < bays; k++) set.add(m.truss, tubeAlong([pts[k]!, pts[k + 1]!], 0.012, 3));
  }
}

function drapes(set: SetBuilder, m: StudioMaterials): void {
  // Black drapes on three sides, in folds, and a dark grid ceiling.
  const fold = (length: number, height: number): THREE.BufferGeometry => {
    const positions: number[] = [];
    const indices: number[] = [];
    const folds = Math.round(length / 0.35);
    for (let k = 0; k <= folds; k++) {
      const x = (k / folds) * length - length / 2;
      const d = k % 2 ? 0.12 : -0.12;
      positions.push(x, 0, d, x, height, d);
      if (k > 0) {
        const i = (k - 1) * 2;
        indices.push(i, i + 2, i + 1, i + 1, i + 2, i + 3);
      }
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
    g.setIndex(indices);
    g.computeVertexNormals();
    return g;
  };
  set.add(m.drape, fold(28, 10), { position: [0, 0, -15.5] });
  set.add(m.drape, fold(24, 10), { position: [-13.5, 0, -4], rotation: [0, Math.PI / 2, 0] });
  set.add(m.drape, fold(24, 10), { position: [13.5, 0, -4], rotation: [0, -Math.PI / 2, 0] });
  set.add(m.drape, floorQuad(-14, -16, 14, 8, 0, 1).rotateX(Math.PI).translate(0, 0, -8), { position: [0, 10, 0] });
}
