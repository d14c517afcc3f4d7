// The framing-balance check of `npm run eval`: N still people placed symmetrically in front of the camera, names and
// input order shuffled; no person, by name or by position in the input, may get more than a fair share ± 10 points
// of the suggestions that frame someone.
import type { DirectorInput } from '../DirectorInput.ts';
import type { Suggestion } from '../../protocol/MoveSpec.ts';
import { SeededRandom } from './SeededRandom.ts';

export const FAIRNESS_TOLERANCE = 0.1;
const NAMES = ['ana', 'ben', 'chi', 'dee', 'eli', 'fay'];

/** `count` situations with `people` still people on an arc in front of a camera at (0, 1.6, 4), mirror-symmetric. */
export function symmetricSituations(count: number, people: number, seed: number): DirectorInput[] {
  const rng = new SeededRandom(seed);
  const out: DirectorInput[] = [];
  for (let i = 0; i < count; i++) {
    const radiusM = rng.uniform(3, 6);
    const spreadRad = rng.uniform(0.1, 0.35); // between neighbours
    const bearings = Array.from({ length: people }, (_, k) => (k - (people - 1) / 2) * spreadRad);
    const names = shuffle(NAMES.slice(0, people), rng);
    const subjects = bearings.map((b, k) => ({ id: names[k]!, position: [-Math.sin(b) * radiusM, 1.2, 4 - Math.cos(b) * radiusM] as [number, number, number], velocity: [0, 0, 0] as [number, number, number] }));
    const focalLengthMm = rng.uniform(18, 50);
    out.push({
      camera: { position: [0, 1.6, 4], rotation: [0, 0, 0, 1], focalLengthMm, sensorWidthMm: 24.89, sensorHeightMm: 14 },
      subjects: shuffle(subjects, rng),
      pois: [],
      recentMoves: [],
      sceneAgeS: 30,
      safeVolume: { min: [-4, 0.3, -2], max: [4, 3.5, 6] },
    });
  }
  return out;
}

export interface FramingShares {
  /** Suggestions that target a person. */
  framed: number;
  byName: Record<string, number>;
  /** By index in the input's subject list. */
  byInputOrder: number[];
  /** Largest distance of any share from the fair 1/N, 0..1. */
  worstDeviation: number;
  fair: boolean;
}

export function framingShares(inputs: readonly DirectorInput[], suggestionsOf: (input: DirectorInput) => Suggestion[]): FramingShares {
  const people = inputs[0]?.subjects.length ?? 0;
  const byName: Record<string, number> = {};
  const byInputOrder = new Array<number>(people).fill(0);
  let framed = 0;
  for (const input of inputs) {
    for (const s of suggestionsOf(input)) {
      const t = s.params.target;
      if (t?.type !== 'subject') continue;
      const index = input.subjects.findIndex((x) => x.id === t.id);
      if (index < 0) continue;
      framed++;
      byName[t.id] = (byName[t.id] ?? 0) + 1;
      byInputOrder[index]!++;
    }
  }
  const fairShare = 1 / Math.max(1, people);
  const shares = [...NAMES.slice(0, people).map((n) => (byName[n] ?? 0) / Math.max(1, framed)), ...byInputOrder.map((c) => c / Math.max(1, framed))];
  const worstDeviation = Math.max(0, ...shares.map((x) => Math.abs(x - fairShare)));
  for (const k of Object.keys(byName)) byName[k] = byName[k]! / Math.max(1, framed);
  return { framed, byName, byInputOrder: byInputOrder.map((c) => c / Math.max(1, framed)), worstDeviation, fair: framed > 0 && worstDeviation <= FAIRNESS_TOLERANCE };
}

function shuffle<T>(items: T[], rng: SeededRandom): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
