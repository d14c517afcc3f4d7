// Serialises a FrameSnapshot into the `frame` message (FrameMessage), in pieces: everything but the walls once, and
// each wall once, so /live joins the walls each subscription wants without re-serialising (see FramePayload).
// Numbers are rounded to what a wall can show (full doubles would triple the size); the golden test checks the
// result against the FrameMessage type field by field.
import type { LensWire } from '../protocol/LiveMessages.ts';
import type { FrameSnapshot, MoveSnapshot, SectionSnapshot } from './FrameSnapshot.ts';

/** The frame of one tick, in pieces so each subscription's JSON is concatenated, not re-serialised. */
export interface FramePayload {
  frame: number;
  /** Engine clock time the frame is meant to be on screen, s. */
  presentAtS: number;
  /** `"type":"frame",...,"subjects":[...]`: every member but `walls`, as JSON object members. */
  head: string;
  /** wall id → serialised WallFrameWire, each frustum its camera and footprint */
  walls: ReadonlyMap<string, string>;
  /** …the same with each frustum's off-axis projection and view, serialised on the first call in the tick. */
  wallsWithProjections: () => ReadonlyMap<string, string>;
}


export class FrameEncoder {
  private readonly walls = new Map<string, string>();
  private readonly wallsFull = new Map<string, string>();
  /** The snapshot `wallsFull` is owed for (null once serialised): only clients that ask for matrices pay for them. */
  private pending: FrameSnapshot | null = null;
  private readonly payload: FramePayload = { frame: 0, presentAtS: 0, head: '', walls: this.walls, wallsWithProjections: () => this.fullWalls() };
  /** The active move's plan (spec, provenance, path) as JSON members, re-serialised only when its revision changes. */
  private planJson = '';
  private planRevision = -1;
  private planMoveId = '';

  /** Encodes `snap`; the returned payload (and its map) is reused by the next call. */
  encode(snap: FrameSnapshot): FramePayload {
    let cameras = '';
    for (let i = 0; i < snap.cameraCount; i++) {
      const c = snap.cameras[i]!;
      cameras +=
        `${i ? ',' : ''}{"id":${JSON.stringify(c.id)},"color":"${c.frustum.color}",` +
        `"innerFrustum":{"enabled":${c.frustum.enabled},"priority":${c.frustum.priority},"overscanPct":${c.frustum.overscanPct}},` +
        `"position":${nums(c.position, 5)},"rotation":${nums(c.rotation, 6)},` +
        `"lens":${lensJson(c.lens)},"vFovRad":${round(c.vFovRad, 6)},"aspect":${round(c.aspect, 6)},"stale":${c.stale}}`;
    }
    let subjects = '';
    for (let i = 0; i < snap.subjects.length; i++) {
      const s = snap.subjects[i]!;
      subjects += `${i ? ',' : ''}{"id":${JSON.stringify(s.subjectId)},"position":${nums(s.position, 4)},"velocity":${nums(s.velocity, 3)},"stale":${s.stale}}`;
    }
    this.payload.frame = snap.frame;
    this.payload.presentAtS = snap.presentAtS;
    this.payload.head =
      `"type":"frame","frame":${snap.frame},"timeS":${round(snap.timeS, 6)},"presentAtS":${round(snap.presentAtS, 6)},"timecode":${JSON.stringify(snap.timecode)},` +
      `"activeCameraId":${JSON.stringify(snap.activeCameraId)},"cameras":[${cameras}],` +
      `"move":${snap.hasMove ? this.moveJson(snap.move) : 'null'},"subjects":[${subjects}]` +
      (snap.take.recording || snap.take.playback ? `,"take":${JSON.stringify(snap.take)}` : '') +
      (snap.calibrationGrid ? ',"calibration":"grid"' : '');
    for (const wall of snap.walls) {
      let sections = '';
      for (let i = 0; i < wall.sections.length; i++) sections += (i ? ',' : '') + sectionJson(wall.sections[i]!, false);
      this.walls.set(wall.id, `{"sections":[${sections}]}`);
    }
    this.pending = snap;
    return this.payload;
  }

  /** The walls with matrices, for this tick's snapshot (valid until the next `encode`, which reuses the snapshot). */
  private fullWalls(): ReadonlyMap<string, string> {
    const snap = this.pending;
    if (snap) {
      for (const wall of snap.walls) {
        let sections = '';
        for (let i = 0; i < wall.sections.length; i++) sections += (i ? ',' : '') + sectionJson(wall.sections[i]!, true);
        this.wallsFull.set(wall.id, `{"sections":[${sections}]}`);
      }
      this.pending = null;
    }
    return this.wallsFull;
  }

  private moveJson(m: MoveSnapshot): string {
    if (m.planRevision !== this.planRevision || m.moveId !== this.planMoveId) {
      const { spec, provenance, suggestionId, path } = m.plan;
      this.planJson = `"spec":${JSON.stringify(spec)},"provenance":${JSON.stringify(provenance)},"suggestionId":${JSON.stringify(suggestionId)},"path":${JSON.stringify(path)}`;
      this.planRevision = m.planRevision;
      this.planMoveId = m.moveId;
    }
    return (
      `{"moveId":${JSON.stringify(m.moveId)},"kind":${JSON.stringify(m.kind)},"status":${JSON.stringify(m.status)},` +
      `"progress":${round(m.progress, 4)},"elapsedS":${round(m.elapsedS, 3)},"durationS":${m.durationS},"speed":${m.speed},${this.planJson}}`
    );
  }
}

function sectionJson(s: SectionSnapshot, matrices: boolean): string {
  let frusta = '';
  for (let k = 0; k < s.count; k++) {
    const f = s.frusta[k]!;
    const m = matrices ? `"projection":${nums(f.projection, 6)},"view":${nums(f.view, 6)},` : '';
    frusta += `${k ? ',' : ''}{"cameraId":${JSON.stringify(f.cameraId)},${m}"footprint":${nums(f.footprint, 5)}}`;
  }
  return `{"frusta":[${frusta}]}`;
}

/** The lens fields of the wire type only, in a fixed order. */
function lensJson(lens: Readonly<LensWire>): string {
  let out = `{"focalLengthMm":${lens.focalLengthMm},"sensorWidthMm":${lens.sensorWidthMm}`;
  if (lens.focusM !== undefined) out += `,"focusM":${lens.focusM}`;
  if (lens.iris !== undefined) out += `,"iris":${lens.iris}`;
  if (lens.zoom !== undefined) out += `,"zoom":${lens.zoom}`;
  if (lens.sensorHeightMm !== undefined) out += `,"sensorHeightMm":${lens.sensorHeightMm}`;
  if (lens.distortionOverscan !== undefined) out += `,"distortionOverscan":${lens.distortionOverscan}`;
  if (lens.entrancePupilOffsetM !== undefined) out += `,"entrancePupilOffsetM":${lens.entrancePupilOffsetM}`;
  return out + '}';
}

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/** A JSON array of rounded numbers. */
function nums(values: ArrayLike<number>, decimals: number): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) out += (i ? ',' : '') + round(values[i]!, decimals);
  return out + ']';
}
