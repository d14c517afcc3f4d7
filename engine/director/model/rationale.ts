// One short human sentence per suggestion: what the director would notice, then what the move does about it.
import type { MoveKind, MoveSpec } from '../../protocol/MoveSpec.ts';
import { PAIR_MAX_SEPARATION_M, pairSeparation, SCENE_START_S, SETTLE_S, type SituationReading, type SubjectReading } from './readSituation.ts';

const RAD2DEG = 180 / Math.PI;

/** "<observation>; <action>." e.g. "Ana-1 is walking left toward the window; truck left 1.2 m to keep lead room." */
export function describeRationale(spec: MoveSpec, r: SituationReading): string {
  const sentence = `${observation(spec.kind, r)}; ${action(spec, r)}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The single most relevant thing in the situation for this kind of move. */
function observation(kind: MoveKind, r: SituationReading): string {
  const last = r.input.recentMoves[0];
  const mover = r.s0?.moving ? r.s0 : r.s1?.moving ? r.s1 : undefined;
  if (kind === 'hold' && last && r.moved && last.endedAgoS === 0) return `a ${last.kind} is still running`;
  if (kind === 'hold' && last && r.moved && r.sinceMoveS < SETTLE_S) return `a ${last.kind} just finished`;
  if (kind === 'roll' && Math.abs(r.cam.rollRad) > 0.05) return `the frame is dutched ${deg(r.cam.rollRad)}°`;
  if (r.input.sceneAgeS < SCENE_START_S && !(r.lastInScene && r.moved) && (kind === 'pull-out' || kind === 'crane')) return 'the scene just started';
  if (mover) return describeMover(mover, r);
  const { s0, s1 } = r;
  if (s0 && s1 && pairSeparation(s0, s1) < PAIR_MAX_SEPARATION_M) {
    const names = `${s0.subject.id} and ${s1.subject.id}`;
    if (!(s0.view.inFrame && s1.view.inFrame)) return `${names} are not both in frame`;
    return `${names} are talking ${pairSeparation(s0, s1).toFixed(1)} m apart`;
  }
  if (s0) {
    if (!s0.view.inFrame) return `${s0.subject.id} is out of frame to the ${side(s0.view.bearingRad)}`;
    const size = s0.view.heightFraction < 0.4 ? 'small in a wide frame' : 'well framed';
    const still = Number.isFinite(r.sinceMoveS) && r.sinceMoveS > 4 ? ` for ${Math.round(r.sinceMoveS)} s` : '';
    if (kind === 'pan' || kind === 'tilt') return `${s0.subject.id} is off-centre`;
    return `${s0.subject.id} is standing still${still}, ${size}`;
  }
  if (r.poi) {
    const name = `the ${r.poi.poi.name}`;
    if (!r.poi.view.inFrame) return `${name} is out of frame to the ${side(r.poi.view.bearingRad)} and nothing is moving`;
    return `${name} is in frame and nothing is moving`;
  }
  return 'nothing is moving on set';
}

function describeMover(s: SubjectReading, r: SituationReading): string {
  const m = s.motion;
  const lateral = Math.abs(m.lateralMps) >= Math.abs(m.radialMps);
  const heading = headingPoi(s, r);
  const leaving = Math.abs(m.leaving) > 0.5 ? ' and is about to leave frame' : '';
  if (lateral) return `${s.subject.id} is walking ${m.lateralMps > 0 ? 'right' : 'left'}${heading ? ` toward the ${heading}` : ''}${leaving}`;
  const dir = m.radialMps < 0 ? 'toward the camera' : 'away from the camera';
  return `${s.subject.id} is walking ${dir}${heading ? `, heading for the ${heading}` : ''}${leaving}`;
}

/** The point of interest the subject is walking towards (within 30°), if any. */
function headingPoi(s: SubjectReading, r: SituationReading): string | undefined {
  const v = s.subject.velocity;
  const speed = Math.hypot(v[0], v[2]);
  if (speed < 0.2) return undefined;
  let best: string | undefined;
  let bestCos = Math.cos(Math.PI / 6);
  for (const p of r.pois) {
    const dx = p.poi.position[0] - s.subject.position[0];
    const dz = p.poi.position[2] - s.subject.position[2];
    const d = Math.hypot(dx, dz);
    if (d < 0.3) continue;
    const c = (dx * v[0] + dz * v[2]) / (d * speed);
    if (c > bestCos) {
      bestCos = c;
      best = p.poi.name;
    }
  }
  return best;
}

function action(spec: MoveSpec, r: SituationReading): string {
  const target = targetName(spec, r);
  const d = Math.abs(spec.distanceM ?? 0).toFixed(1);
  const a = Math.abs(deg(spec.angleRad ?? 0));
  switch (spec.kind) {
    case 'push-in':
      return spec.framing ? `push in to a ${framingName(spec.framing.subjectHeightFraction)}${target ? ` on ${target}` : ''}` : `push in ${d} m`;
    case 'pull-out':
      return `pull out ${d} m${spec.framing ? ` to a ${framingName(spec.framing.subjectHeightFraction)}` : ''}${pullOutPurpose(r)}`;
    case 'pan':
      return `pan ${(spec.angleRad ?? 0) > 0 ? 'left' : 'right'} ${a}°${target ? ` to ${target}` : ''}${leadRoom(r) ? ' with lead room' : ''}`;
    case 'tilt':
      return `tilt ${(spec.angleRad ?? 0) > 0 ? 'up' : 'down'} ${a}°${target ? ` to ${target}` : ''}`;
    case 'truck':
      return `truck ${(spec.distanceM ?? 0) > 0 ? 'right' : 'left'} ${d} m${leadRoom(r) ? ' to keep lead room' : ''}`;
    case 'dolly':
      return `dolly ${(spec.distanceM ?? 0) > 0 ? 'in' : 'out'} ${d} m${target ? ` with ${target}` : ''}`;
    case 'pedestal':
      return `pedestal ${(spec.distanceM ?? 0) > 0 ? 'up' : 'down'} ${d} m to the eye line`;
    case 'crane': {
      const swing = Math.abs(spec.angleRad ?? 0) > 0.05 ? `, swinging ${a}° ${(spec.angleRad ?? 0) > 0 ? 'left' : 'right'}` : '';
      return `crane ${(spec.distanceM ?? 0) >= 0 ? 'up' : 'down'} ${d} m${swing}`;
    }
    case 'orbit': {
      const pair = spec.target?.type === 'point' && r.s1 ? ', staying on this side of the 180° line' : '';
      return `orbit ${a}° ${(spec.angleRad ?? 0) > 0 ? 'counter-clockwise' : 'clockwise'}${target ? ` around ${target}` : ''}${pair}`;
    }
    case 'roll':
      return Math.abs(r.cam.rollRad) > 0.05 && Math.sign(spec.angleRad ?? 0) !== Math.sign(r.cam.rollRad)
        ? `roll ${a}° back to level`
        : `roll ${a}° for a dutch angle to build tension`;
    case 'hold':
      return `hold for ${Math.round(spec.durationS)} s and let the shot play`;
  }
}

function pullOutPurpose(r: SituationReading): string {
  if (r.input.sceneAgeS < SCENE_START_S && !(r.lastInScene && r.moved)) return ' to reveal the set';
  const mover = r.s0?.moving ? r.s0 : r.s1?.moving ? r.s1 : undefined;
  if (mover && mover.motion.radialMps < 0) return ' to keep them framed as they come closer';
  if (r.s0 && r.s1 && !(r.s0.view.inFrame && r.s1.view.inFrame)) return ' to fit both in a two-shot';
  return ' to open up the frame';
}

function targetName(spec: MoveSpec, r: SituationReading): string | undefined {
  const t = spec.target;
  if (!t) return undefined;
  if (t.type === 'subject') return t.id;
  if (t.type === 'poi') return `the ${r.pois.find((p) => p.poi.id === t.id)?.poi.name ?? t.id}`;
  return r.s0 && r.s1 ? `${r.s0.subject.id} and ${r.s1.subject.id}` : 'the point';
}

function leadRoom(r: SituationReading): boolean {
  const mover = r.s0?.moving ? r.s0 : r.s1?.moving ? r.s1 : undefined;
  return mover !== undefined && Math.abs(mover.motion.lateralMps) > Math.abs(mover.motion.radialMps);
}

/** Shot sizes by the frame-height fraction a 1.8 m subject fills. */
export function framingName(fraction: number): string {
  if (fraction < 0.3) return 'wide shot';
  if (fraction < 0.5) return 'medium shot';
  if (fraction < 0.75) return 'medium close-up';
  return 'close-up';
}

function side(bearingRad: number): string {
  return bearingRad > 0 ? 'left' : 'right';
}

function deg(rad: number): number {
  return Math.round(rad * RAD2DEG);
}
