import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectorInput } from '../DirectorInput.ts';
import { MoveSpecSchema } from '../../protocol/MoveSpec.ts';
import { initTfBackend } from './backend.ts';
import { encodeFeatures, FEATURE_COUNT } from './features.ts';
import { inputsHash } from './inputsHash.ts';
import { DEFAULT_MODEL_DIR } from './ModelSuggestionSource.ts';
import { PreferenceRanker } from './PreferenceRanker.ts';
import { readSituation } from './readSituation.ts';
import { LINE_MARGIN_RAD, orbitRoomRad } from './sceneGeometry.ts';
import { buildMoveSpec, easingFor, suggestMoves } from './suggest.ts';
import { SuggestionModel } from './SuggestionModel.ts';
import { generateSituations } from '../training/shotGrammar.ts';
import { pathInsideSafeVolume } from './framingPromise.ts';

/** Two still subjects talking in front of the camera, a window off to the left. */
function conversation(): DirectorInput {
  return {
    camera: { position: [0, 1.6, 4], rotation: [0, 0, 0, 1], focalLengthMm: 24, sensorWidthMm: 36, sensorHeightMm: 24 },
    subjects: [
      { id: 'ana', position: [-0.8, 1.2, -1], velocity: [0, 0, 0] },
      { id: 'ben', position: [0.8, 1.2, -1.4], velocity: [0, 0, 0] },
    ],
    pois: [{ id: 'poi-window', name: 'window', position: [-5, 2, -2] }],
    recentMoves: [{ kind: 'pan', endedAgoS: 20, decision: 'accepted' }],
    sceneAgeS: 40,
    safeVolume: { min: [-4, 0.3, -2], max: [4, 3.5, 6] },
  };
}

describe('suggestMoves', () => {
  let model: SuggestionModel;
  beforeAll(async () => {
    await initTfBackend();
    model = await SuggestionModel.load(DEFAULT_MODEL_DIR);
  });
  afterAll(() => model.dispose());

  it('returns the top 3 as schema-valid moves with confidence, rationale, hash and model version', () => {
    const input = conversation();
    const out = suggestMoves(model, input, { nowS: 12.5 });
    expect(out).toHaveLength(3);
    expect(new Set(out.map((s) => s.kind)).size).toBe(3);
    expect(new Set(out.map((s) => s.id)).size).toBe(3);
    for (const [i, s] of out.entries()) {
      expect(MoveSpecSchema.parse(s.params)).toEqual(s.params);
      expect(s.params.kind).toBe(s.kind);
      expect(s.durationS).toBe(s.params.durationS);
      expect(s.easing).toEqual(s.params.easing);
      expect(s.target).toEqual(s.params.target ?? null);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      if (i > 0) expect(s.confidence).toBeLessThanOrEqual(out[i - 1]!.confidence);
      expect(s.rationale).toMatch(/^[A-Z].{10,160}\.$/);
      expect(s.inputsHash).toBe(inputsHash(input));
      expect(s.modelVersion).toBe(model.modelVersion);
      expect(s.createdAtS).toBe(12.5);
      if (s.target?.type === 'subject') expect(['ana', 'ben']).toContain(s.target.id);
      if (s.target?.type === 'poi') expect(s.target.id).toBe('poi-window');
    }
  });

  it('stays valid across many generated situations and never leaks tensors', () => {
    const situations = generateSituations(300, 31_337);
    suggestMoves(model, situations[0]!.input);
    const before = tf.memory().numTensors;
    for (const { input } of situations) {
      const out = suggestMoves(model, input, { count: 3 });
      expect(out.length).toBeGreaterThan(0);
      for (const s of out) {
        expect(MoveSpecSchema.safeParse(s.params).success).toBe(true);
        expect(s.rationale.length).toBeGreaterThan(10);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('re-ranks with the session preferences: a kind rejected again and again drops from the top', () => {
    const input = conversation();
    const top = suggestMoves(model, input, { count: 11 })[0]!.kind;
    const ranker = new PreferenceRanker({ baseProbabilities: (f) => model.predict(f).kindProbabilities });
    const features = Array.from(encodeFeatures(input, new Float32Array(FEATURE_COUNT)));
    for (let i = 0; i < 30; i++) ranker.record({ features, suggestedKind: top, decision: 'rejected', finalKind: top });
    const kinds = suggestMoves(model, input, { count: 11, ranker }).map((s) => s.kind);
    expect(kinds[0]).not.toBe(top);
  });

  it('keeps orbits on this side of the 180° line and translations inside the safe volume', () => {
    const r = readSituation(conversation());
    const { safeVolume: _, ...open } = conversation();
    const orbit = buildMoveSpec('orbit', { angleRad: 3, durationS: 6 }, readSituation(open));
    expect(orbit?.target?.type).toBe('point');
    const room = orbitRoomRad(r.cam.position, r.s0!.subject.position, r.s1!.subject.position);
    expect(orbit?.angleRad).toBeCloseTo(room.ccwRad - LINE_MARGIN_RAD, 9); // stopped 10° short of the line
    // In the volume the same arc would swing the camera past x = 4: it stops short, and its path stays inside.
    const inVolume = buildMoveSpec('orbit', { angleRad: 3, durationS: 6 }, r)!;
    expect(inVolume.angleRad!).toBeGreaterThan(0.035); // still a move worth making
    expect(inVolume.angleRad!).toBeLessThan(room.ccwRad - LINE_MARGIN_RAD);
    expect(pathInsideSafeVolume(inVolume, conversation(), inVolume.target?.type === 'point' ? inVolume.target.position : undefined)).toBe(true);
    expect(buildMoveSpec('orbit', { angleRad: -0.3, durationS: 6 }, r)?.angleRad).toBeCloseTo(-0.3, 9); // inside the room: untouched
    const back = buildMoveSpec('dolly', { distanceM: -10, durationS: 5 }, r);
    expect(back?.distanceM).toBeGreaterThanOrEqual(-2.0001); // camera z = 4, volume ends at z = 6
    const up = buildMoveSpec('pedestal', { distanceM: 5, durationS: 5 }, r);
    expect(up?.distanceM).toBeLessThanOrEqual(1.9001);
    const pushIn = buildMoveSpec('push-in', { subjectHeightFraction: 0.6, distanceM: 1, durationS: 5 }, r);
    expect(pushIn?.framing?.subjectHeightFraction).toBeCloseTo(0.6, 5);
    expect(pushIn?.distanceM).toBeGreaterThan(0);
    expect(easingFor('hold', r, null)).toBe('linear');
  });
});

