// The AI director keeps its word on a running engine: random tracked-camera poses and talent over real OSC, and
// every suggestion received on /live that names a target ends (its ghost path's last pose, with the camera's lens)
// with that target in frame.
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { quatFromPanTiltRollYUp } from '../../camera-bridge/math/quaternion.ts';
import { framePosition } from '../../engine/director/model/framePosition.ts';
import type { FrameMessage, SuggestionsMessage, SuggestionWire } from '../../engine/protocol/LiveMessages.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { mulberry32 } from '../support/mulberry32.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const CAMERA = 'sim-cam1';
const f = (value: number) => ({ type: 'float', value });

let te: TestEngine;
let udp: UdpClient;
let director: TestLiveClient;

beforeAll(async () => {
  te = await startTestEngine();
  udp = createUdpClient();
  director = await connectLive(te.url('/live', 'director'));
});
afterAll(async () => {
  await director?.close();
  await udp?.close();
  await te?.close();
});

function suggestionsAfter(count: number): SuggestionsMessage | undefined {
  const all = director.messages.filter((m): m is SuggestionsMessage => m.type === 'suggestions');
  return all.length > count ? all.at(-1) : undefined;
}

/** Where the target of `s` is, from the frame (subjects) or the hello (points of interest). */
function targetPosition(s: SuggestionWire, frame: FrameMessage): Vec3 | undefined {
  const t = s.target;
  if (!t) return undefined;
  if (t.type === 'point') return t.position;
  if (t.type === 'poi') return director.hello.pois.find((p) => p.id === t.id)?.position;
  return frame.subjects.find((x) => x.id === t.id)?.position;
}

describe('suggestions deliver what they name, on a running engine', () => {
  it('for random camera poses and still talent, every targeted suggestion ends with its target in frame', async () => {
    const random = mulberry32(20261201);
    let checked = 0;
    for (let round = 0; round < 10; round++) {
      const position: Vec3 = [(random() - 0.5) * 6, 0.8 + random() * 2, -1 + random() * 6];
      const rotation: Quat = quatFromPanTiltRollYUp((random() - 0.5) * 120, (random() - 0.5) * 30, 0, [0, 0, 0, 1]);
      const subjects: Vec3[] = [0, 1].map(() => [(random() - 0.5) * 6, 1.2, -2 - random() * 4]);
      const before = director.messages.filter((m) => m.type === 'suggestions').length;
      // The rig streams its pose as a rig does; the talent stand still (a position every 100 ms).
      const stream = setInterval(() => {
        void udp.send(encode(new Message(`/camera/${CAMERA}/pose`, ...[...position, ...rotation].map(f))), te.ports.osc);
        subjects.forEach((p, i) => void udp.send(encode(new Message(`/subject/talent${i + 1}/position`, ...p.map(f))), te.ports.osc));
      }, 20);
      // The filtered pose settles on the new one within a few frames; ask for fresh suggestions until they are made from it.
      const refresh = setInterval(() => void director.command('suggestion.refresh', {}), 600);
      try {
        const msg = await waitFor(() => {
          const m = suggestionsAfter(before);
          const frame = director.lastFrame();
          const cam = frame?.cameras.find((c) => c.id === CAMERA);
          // Suggestions made from this round's pose: their ghost paths start where the camera is.
          return m && cam && m.suggestions.length > 0 && m.suggestions.every((s) => Math.hypot(...[0, 1, 2].map((k) => s.path.positions[k]! - position[k]!)) < 0.05) ? m : undefined;
        }, 8000, `suggestions for round ${round}`);
        const frame = director.lastFrame()!;
        const cam = frame.cameras.find((c) => c.id === CAMERA)!;
        const sensorHeightMm = cam.lens.sensorWidthMm / cam.aspect;
        for (const s of msg.suggestions) {
          const target = targetPosition(s, frame);
          if (!s.target) continue;
          expect(target, `${s.id} names a target the engine knows`).toBeDefined();
          const n = s.path.positions.length / 3;
          const end: Vec3 = [s.path.positions[3 * n - 3]!, s.path.positions[3 * n - 2]!, s.path.positions[3 * n - 1]!];
          const q = s.path.rotations;
          const endRot: Quat = [q[4 * n - 4]!, q[4 * n - 3]!, q[4 * n - 2]!, q[4 * n - 1]!];
          const at = framePosition(end, endRot, target!, cam.lens.focalLengthMm, cam.lens.sensorWidthMm, sensorHeightMm);
          // The ghost path is rounded to 0.1 mm and 1e-5: allow that much at the frame edge.
          expect(at.inFront && Math.abs(at.x) <= 1.001 && Math.abs(at.y) <= 1.001, `"${s.rationale}" ends at (${at.x.toFixed(2)}, ${at.y.toFixed(2)})`).toBe(true);
          checked++;
        }
      } finally {
        clearInterval(stream);
        clearInterval(refresh);
      }
    }
    expect(checked).toBeGreaterThan(3);
  });
});
