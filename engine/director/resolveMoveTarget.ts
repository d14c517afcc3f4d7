// Where a move's target is now: a point as given, a point of interest of the scene, a fresh tracked subject.
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { MoveTarget } from '../protocol/MoveSpec.ts';
import type { PointOfInterest } from './DirectorInput.ts';
import type { DirectorSubjectView } from './DirectorView.ts';

/** A copy of the target's position, metres; undefined for an unknown point of interest or a subject not (freshly) tracked. */
export function resolveMoveTarget(target: MoveTarget, pois: readonly PointOfInterest[], subjects: readonly DirectorSubjectView[]): Vec3 | undefined {
  if (target.type === 'point') return [...target.position];
  if (target.type === 'poi') {
    const p = pois.find((x) => x.id === target.id);
    return p ? [...p.position] : undefined;
  }
  const s = subjects.find((x) => x.subjectId === target.id);
  return s ? [...s.position] : undefined;
}
