// `npm run eval -- --take <id>`: re-runs the AI on a recorded take. At every human decision on a suggestion the take
// holds, the model sees the recorded frame (camera, lens, talent, the scene's points of interest) and its top 3 now
// are compared with what was shown and what the director decided then.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { parseSceneManifest } from '../../protocol/SceneManifest.ts';
import type { TakeFrame } from '../../protocol/takes.ts';
import { DEMO_SCENE, DEMO_SCENE_POIS } from '../../scene/demoScene.ts';
import { TakeStore } from '../../takes/TakeStore.ts';
import type { DirectorInput, PointOfInterest } from '../DirectorInput.ts';
import { suggestMoves } from '../model/suggest.ts';
import type { SuggestionModel } from '../model/SuggestionModel.ts';

export interface TakeDecisionReplay {
  frame: number;
  decision: string;
  /** The kind the director decided on (accepted / rejected / adjusted). */
  kind: string;
  /** The model's top 3 kinds on the recorded frame, now. */
  nowTop3: string[];
}

export interface TakeEvalResult {
  takeId: string;
  decisions: number;
  /** Accepted or adjusted kinds the model ranks in its top 3 again. */
  keptAgreement: number;
  /** Rejected kinds the model still ranks first. */
  rejectedStillFirst: number;
  replays: TakeDecisionReplay[];
}

const DECISIONS = new Set(['suggestion.accepted', 'suggestion.rejected', 'suggestion.adjusted']);

export async function evalTake(model: SuggestionModel, dataDir: string, takeId: string, scenesDir: string): Promise<TakeEvalResult> {
  const { frames, audit } = await new TakeStore(dataDir).read(takeId);
  const replays: TakeDecisionReplay[] = [];
  for (const a of audit) {
    if (!DECISIONS.has(a.type)) continue;
    const i = a.takeFrame !== undefined ? frames.findIndex((f) => f.frame >= a.takeFrame!) : frames.findIndex((f) => f.timeS >= a.tS);
    const frame = frames[i < 0 ? frames.length - 1 : i];
    if (!frame) continue;
    const input = await inputAt(frames, frames.indexOf(frame), scenesDir);
    if (!input) continue;
    replays.push({ frame: frame.frame, decision: a.type, kind: String((a.data as { kind?: string } | undefined)?.kind ?? ''), nowTop3: suggestMoves(model, input, { count: 3 }).map((s) => s.kind) });
  }
  const kept = replays.filter((r) => r.decision !== 'suggestion.rejected');
  const rejected = replays.filter((r) => r.decision === 'suggestion.rejected');
  return {
    takeId,
    decisions: replays.length,
    keptAgreement: kept.length ? kept.filter((r) => r.nowTop3.includes(r.kind)).length / kept.length : 0,
    rejectedStillFirst: rejected.length ? rejected.filter((r) => r.nowTop3[0] === r.kind).length / rejected.length : 0,
    replays,
  };
}

/** The recorded frame as the director saw it: talent velocities from the neighbouring frames. */
async function inputAt(frames: readonly TakeFrame[], i: number, scenesDir: string): Promise<DirectorInput | undefined> {
  const f = frames[i]!;
  const cam = f.cameras.find((c) => c.id === f.activeCameraId) ?? f.cameras[0];
  if (!cam) return undefined;
  const prev = frames[Math.max(0, i - 5)]!;
  const dt = f.timeS - prev.timeS;
  const subjects = f.subjects.filter((s) => !s.stale).map((s) => {
    const before = prev.subjects.find((p) => p.id === s.id)?.position ?? s.position;
    const velocity = (dt > 0 ? s.position.map((v, k) => (v - before[k]!) / dt) : [0, 0, 0]) as Vec3;
    return { id: s.id, position: [...s.position] as Vec3, velocity };
  });
  return {
    camera: { position: [...cam.position], rotation: [...cam.rotation], focalLengthMm: cam.focalLengthMm, sensorWidthMm: cam.sensorWidthMm, sensorHeightMm: cam.sensorHeightMm },
    subjects,
    pois: await poisOf(f.sceneId, scenesDir),
    recentMoves: [],
    sceneAgeS: 60,
  };
}

async function poisOf(sceneId: string, scenesDir: string): Promise<PointOfInterest[]> {
  if (sceneId === DEMO_SCENE.id) return DEMO_SCENE_POIS;
  const file = path.join(scenesDir, `${sceneId}.json`);
  return readFile(file, 'utf8').then((t) => parseSceneManifest(JSON.parse(t), file).pointsOfInterest as PointOfInterest[]).catch(() => []);
}
