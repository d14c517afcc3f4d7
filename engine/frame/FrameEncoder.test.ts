import { describe, expect, it } from 'vitest';
import type { FrameMessage } from '../protocol/LiveMessages.ts';
import { FrameEncoder, type FramePayload } from './FrameEncoder.ts';
import { createCameraSnapshot, createInnerFrustumSnapshot, createMoveSnapshot, createSectionSnapshot, type FrameSnapshot } from './FrameSnapshot.ts';

const FRUSTUM = { enabled: true, priority: 1, overscanPct: 15, color: '#ffb020' };

/** What /live sends a client subscribed to every wall (LiveServer joins the pieces the same way). */
function parse(p: FramePayload): unknown {
  return JSON.parse(`{${p.head},"walls":{${[...p.walls].map(([id, json]) => `${JSON.stringify(id)}:${json}`).join(',')}}}`);
}

function snapshot(): FrameSnapshot {
  const cam = createCameraSnapshot('cam1', 1.5, FRUSTUM);
  cam.position.splice(0, 3, 1.234567891, 1.6, -2);
  cam.rotation.splice(0, 4, 0, 0.7071067812, 0, 0.7071067812);
  cam.lens = { focalLengthMm: 35, sensorWidthMm: 24.89, focusM: 3.2 };
  cam.vFovRad = 0.61234567;
  cam.stale = false;
  const visible = createSectionSnapshot();
  const f = createInnerFrustumSnapshot();
  f.cameraId = 'cam1';
  for (let i = 0; i < 16; i++) {
    f.projection[i] = i === 0 ? 1.0000004 : i / 3;
    f.view[i] = i % 5 === 0 ? 1 : 0;
  }
  f.footprint.set([0.1, 0.2, 0.9, 0.2, 0.9, 0.8, 0.1, 0.123456789]);
  visible.frusta.push(f);
  visible.count = 1;
  return {
    frame: 42,
    timeS: 0.84,
    presentAtS: 12.3456789,
    timecode: '00:00:00:42',
    activeCameraId: 'cam1',
    cameras: [cam, createCameraSnapshot('not-this-frame', 1, FRUSTUM)],
    cameraCount: 1,
    move: createMoveSnapshot(),
    hasMove: false,
    subjects: [
      { subjectId: 'talent', position: [0.12345, 0, -3], velocity: [0.5, 0, 0.0004], stale: false },
      { subjectId: 'gone', position: [1, 0, -2], velocity: [0, 0, 0], stale: true },
    ],
    take: { recording: null, playback: null },
    calibrationGrid: false,
    walls: [
      { id: 'main', sections: [visible, createSectionSnapshot()] },
      { id: 'ceiling', sections: [createSectionSnapshot()] },
    ],
  };
}

describe('FrameEncoder', () => {
  it('encodes a snapshot as the FrameMessage the browsers read (golden)', () => {
    const expected: FrameMessage = {
      type: 'frame',
      frame: 42,
      timeS: 0.84,
      presentAtS: 12.345679,
      timecode: '00:00:00:42',
      activeCameraId: 'cam1',
      cameras: [
        {
          id: 'cam1',
          color: '#ffb020',
          innerFrustum: { enabled: true, priority: 1, overscanPct: 15 },
          position: [1.23457, 1.6, -2],
          rotation: [0, 0.707107, 0, 0.707107],
          lens: { focalLengthMm: 35, sensorWidthMm: 24.89, focusM: 3.2 },
          vFovRad: 0.612346,
          aspect: 1.5,
          stale: false,
        },
      ],
      move: null,
      subjects: [
        { id: 'talent', position: [0.1235, 0, -3], velocity: [0.5, 0, 0], stale: false },
        { id: 'gone', position: [1, 0, -2], velocity: [0, 0, 0], stale: true },
      ],
      walls: {
        main: {
          sections: [
            {
              frusta: [
                {
                  cameraId: 'cam1',
                  footprint: [0.1, 0.2, 0.9, 0.2, 0.9, 0.8, 0.1, 0.12346],
                },
              ],
            },
            { frusta: [] },
          ],
        },
        ceiling: { sections: [{ frusta: [] }] },
      },
    };
    expect(parse(new FrameEncoder().encode(snapshot()))).toEqual(expected);
  });

  it('gives the off-axis matrices only to clients that ask, serialised once per tick and fresh on the next', () => {
    const encoder = new FrameEncoder();
    const snap = snapshot();
    const payload = encoder.encode(snap);
    const withMatrices = JSON.parse(`{${payload.head},"walls":{"main":${payload.wallsWithProjections().get('main')}}}`) as FrameMessage;
    expect(withMatrices.walls.main!.sections[0]!.frusta[0]).toEqual({
      cameraId: 'cam1',
      projection: [1, 0.333333, 0.666667, 1, 1.333333, 1.666667, 2, 2.333333, 2.666667, 3, 3.333333, 3.666667, 4, 4.333333, 4.666667, 5],
      view: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
      footprint: [0.1, 0.2, 0.9, 0.2, 0.9, 0.8, 0.1, 0.12346],
    });
    expect(payload.wallsWithProjections()).toBe(payload.wallsWithProjections());
    expect(payload.walls.get('main')).not.toContain('projection');
    // The next tick's matrices, not the cached ones.
    snap.walls[0]!.sections[0]!.frusta[0]!.view[12] = 2;
    const next = encoder.encode(snap);
    expect(next.wallsWithProjections().get('main')).toContain('"view":[1,0,0,0,0,1,0,0,0,0,1,0,2,0,0,1]');
  });

  it('encodes the active move with its plan, and re-serialises the plan only when its revision changes', () => {
    const snap = snapshot();
    snap.hasMove = true;
    const m = snap.move;
    m.moveId = 'move-1';
    m.kind = 'dolly';
    m.status = 'running';
    m.progress = 0.123456;
    m.elapsedS = 0.24691;
    m.durationS = 2;
    m.speed = 1;
    m.planRevision = 1;
    m.plan = { spec: { kind: 'dolly', distanceM: 1, durationS: 2, easing: 'ease-in-out' }, provenance: 'ai-approved', suggestionId: 's1', path: { positions: [0, 1.6, 0], rotations: [0, 0, 0, 1] } };
    const encoder = new FrameEncoder();
    const first = parse(encoder.encode(snap)) as FrameMessage;
    expect(first.move).toEqual({
      moveId: 'move-1',
      kind: 'dolly',
      status: 'running',
      progress: 0.1235,
      elapsedS: 0.247,
      durationS: 2,
      speed: 1,
      spec: { kind: 'dolly', distanceM: 1, durationS: 2, easing: 'ease-in-out' },
      provenance: 'ai-approved',
      suggestionId: 's1',
      path: { positions: [0, 1.6, 0], rotations: [0, 0, 0, 1] },
    } satisfies FrameMessage['move']);

    // Same revision: the cached plan is reused even though the object changed under it.
    m.plan = { ...m.plan, provenance: 'ai-modified' };
    expect((parse(encoder.encode(snap)) as FrameMessage).move?.provenance).toBe('ai-approved');
    m.planRevision = 2;
    expect((parse(encoder.encode(snap)) as FrameMessage).move?.provenance).toBe('ai-modified');
  });

  it('reuses one payload object and never keeps walls or cameras from an earlier frame', () => {
    const encoder = new FrameEncoder();
    const snap = snapshot();
    const a = encoder.encode(snap);
    snap.cameraCount = 0;
    snap.walls[0]!.sections[0]!.count = 0;
    const b = encoder.encode(snap);
    expect(b).toBe(a);
    const msg = parse(b) as FrameMessage;
    expect(msg.cameras).toEqual([]);
    expect(msg.walls.main!.sections[0]).toEqual({ frusta: [] });
  });
});
