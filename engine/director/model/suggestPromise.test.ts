// Every suggestion that names a target delivers it: played to its end on a real MoveController (not the checker that
// filtered it), the target is in frame with the camera's own lens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { MoveController } from '../../moves/MoveController.ts';
import type { MoveTarget } from '../../protocol/MoveSpec.ts';
import type { DirectorInput } from '../DirectorInput.ts';
import { generateSituations } from '../training/shotGrammar.ts';
import { initTfBackend } from './backend.ts';
import { framePosition } from './framePosition.ts';
import { DEFAULT_MODEL_DIR } from './ModelSuggestionSource.ts';
import { suggestionId, suggestMoves } from './suggest.ts';
import { SuggestionModel } from './SuggestionModel.ts';

function targetOf(input: DirectorInput, t: MoveTarget): { position: Vec3; velocity: Vec3 } {
  if (t.type === 'point') return { position: [...t.position], velocity: [0, 0, 0] };
  if (t.type === 'poi') return { position: [...input.pois.find((p) => p.id === t.id)!.position], velocity: [0, 0, 0] };
  const s = input.subjects.find((x) => x.id === t.id)!;
  return { position: [...s.position], velocity: [...s.velocity] };
}

/** Where the camera is once the move has played out, on the controller the engine uses. */
function endPose(input: DirectorInput, spec: Parameters<MoveController['start']>[1], target: Vec3): { p: Vec3; q: Quat } {
  const c = new MoveController({ cameraId: 'cam' });
  const cam = input.camera;
  const r = c.start('m', spec, { position: [...cam.position], rotation: [...cam.rotation], focalLengthMm: cam.focalLengthMm, sensorHeightMm: cam.sensorHeightMm, targetPosition: target }, 0);
  expect(r).toEqual({ ok: true });
  const endS = c.state().durationS / c.state().speed + 0.5;
  c.update(endS);
  expect(c.state().status).toBe('finished');
  const p: Vec3 = [...cam.position];
  const q: Quat = [...cam.rotation];
  c.apply('cam', p, q);
  return { p, q };
}

describe('suggestions keep their framing promise', () => {
  let model: SuggestionModel;
  beforeAll(async () => {
    await initTfBackend();
    model = await SuggestionModel.load(DEFAULT_MODEL_DIR);
  });
  afterAll(() => model.dispose());

  it('on 300 held-out situations every targeted suggestion ends with its target in frame', () => {
    let targeted = 0;
    for (const { input } of generateSituations(300, 424_242)) {
      for (const s of suggestMoves(model, input, { count: 4 })) {
        if (!s.params.target) continue;
        targeted++;
        const t = targetOf(input, s.params.target);
        const { p, q } = endPose(input, s.params, t.position);
        const at: Vec3 = [0, 1, 2].map((k) => t.position[k]! + t.velocity[k]! * s.params.durationS) as Vec3;
        const f = framePosition(p, q, at, input.camera.focalLengthMm, input.camera.sensorWidthMm, input.camera.sensorHeightMm);
        expect(f.inFrame, `${s.id}: ${s.rationale} ends at (${f.x.toFixed(2)}, ${f.y.toFixed(2)})`).toBe(true);
      }
    }
    expect(targeted).toBeGreaterThan(300); // most situations get targeted suggestions
  });

  it('ids are stable per kind and target, and fit a command argument', () => {
    expect(suggestionId('pan', { type: 'poi', id: 'first-arch' })).toBe('pan-poi:first-arch');
    expect(suggestionId('hold', undefined)).toBe('hold-none');
    const long = suggestionId('push-in', { type: 'subject', id: 'x'.repeat(64) });
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toBe(suggestionId('push-in', { type: 'subject', id: 'x'.repeat(64) }));
    expect(long).not.toBe(suggestionId('push-in', { type: 'subject', id: 'y'.repeat(64) }));
  });
});
