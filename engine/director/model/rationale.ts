// One short human sentence per suggestion: what the director would notice about the move's target, then what the move does about it.
import type { MoveKind, MoveSpec } from '../../protocol/MoveSpec.ts';
import { isPluralName } from './isPluralName.ts';
import {
  PAIR_MAX_SEPARATION_M,
  pairSeparation,
  SCENE_START_S,
  SETTLE_S,
  type PoiReading,
  type SituationReading,
  type SubjectReading,
} from './readSituation.ts';

const RAD2DEG = 180 / Math.PI;

/**
 * "<observation>; <action>." e.g. "Ana-1 is walking left toward the window; truck left 1.2 m to keep lead room."
 * - The observation is about the move's target when it has one (a subject, the pair, a point of interest).
 *   When it has to be about something else, the action says why: "Ana is walking left toward the fountain;
 *   pan left 20° to the fountain ahead of Ana."
 * - Shot sizes (wide shot … close-up) frame people only; a point of interest is "framed".
 * - Point-of-interest names take "the" and agree in number ("the Guest chairs are", "them");
 *   subject ids are names, without "the".
 */
export function describeRationale(spec: MoveSpec, r: SituationReading): string {
  const focus = focusOf(spec, r);
  const seen = observation(spec.kind, r, focus);
  const sentence = `${seen.text}; ${action(spec, r, focus, seen)}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Shot sizes by the frame-height fraction a 1.8 m subject fills (people only). */
export function framingName(fraction: number): string {
  if (fraction < 0.3) return 'wide shot';
  if (fraction < 0.5) return 'medium shot';
  if (fraction < 0.75) return 'medium close-up';
  return 'close-up';
}

/** What the move is about, with the name the sentence uses for it. */
type Focus =
  | { type: 'subject'; name: string; s: SubjectReading | undefined }
  | { type: 'pair'; name: string; a: SubjectReading; b: SubjectReading }
  | { type: 'poi'; name: string; plural: boolean; p: PoiReading | undefined }
  | { type: 'point'; name: string };

interface Observation {
  text: string;
  /** The text said the focus is out of frame to this side, so a pan or swing that way can bring it in. */
  outOfFrameSide: 'left' | 'right' | undefined;
  /** Said right after the focus's name when the text is about something else: why the focus matters (" ahead of Ana"). */
  because: string;
}

function said(text: string, outOfFrameSide?: 'left' | 'right'): Observation {
  return { text, outOfFrameSide, because: '' };
}

function focusOf(spec: MoveSpec, r: SituationReading): Focus | undefined {
  const t = spec.target;
  if (!t) return undefined;
  if (t.type === 'subject') return { type: 'subject', name: t.id, s: r.subjects.find((s) => s.subject.id === t.id) };
  if (t.type === 'poi') {
    const p = r.pois.find((q) => q.poi.id === t.id);
    const name = p?.poi.name ?? t.id;
    return { type: 'poi', name: `the ${name}`, plural: isPluralName(name), p };
  }
  const { s0, s1 } = r;
  if (s0 && s1 && pairSeparation(s0, s1) < PAIR_MAX_SEPARATION_M) return { type: 'pair', name: `${s0.subject.id} and ${s1.subject.id}`, a: s0, b: s1 };
  return { type: 'point', name: 'the point' };
}

/** The most relevant thing for this kind of move: the state of the shot, else the target, else the set. */
function observation(kind: MoveKind, r: SituationReading, focus: Focus | undefined): Observation {
  const shot = shotObservation(kind, r);
  if (shot) return said(shot);
  if (focus?.type === 'subject' && focus.s) return subjectObservation(kind, focus.s, r);
  if (focus?.type === 'pair') return pairObservation(focus.a, focus.b, r);
  if (focus?.type === 'poi' && focus.p) return poiObservation(kind, focus, focus.p, r);
  // A hold on no one (what it would frame is not in frame) is about the shot: a reason to move would contradict it.
  if (kind === 'hold') return said('the shot is settled');
  return said(setObservation(kind, r));
}

/** A move still running or just over, a dutched frame, a fresh scene: reasons about the shot itself, not about any one thing. */
function shotObservation(kind: MoveKind, r: SituationReading): string | undefined {
  const last = r.input.recentMoves[0];
  if (kind === 'hold' && last && r.moved && last.endedAgoS === 0) return `${article(last.kind)} ${last.kind} is still running`;
  if (kind === 'hold' && last && r.moved && r.sinceMoveS < SETTLE_S) return `${article(last.kind)} ${last.kind} just finished`;
  if (kind === 'roll' && Math.abs(r.cam.rollRad) > 0.05) return `the frame is dutched ${deg(r.cam.rollRad)}°`;
  if (sceneStarting(r) && (kind === 'pull-out' || kind === 'crane')) return 'the scene just started';
  return undefined;
}

function subjectObservation(kind: MoveKind, s: SubjectReading, r: SituationReading): Observation {
  const id = s.subject.id;
  if (s.moving) return said(describeMover(s, r));
  if (!s.view.inFrame) return said(`${id} is out of frame to the ${side(s.view.bearingRad)}`, side(s.view.bearingRad));
  if (isTurn(kind)) return said(`${id} is off-centre`);
  const size = s.view.heightFraction < 0.4 ? 'small in a wide frame' : 'well framed';
  const still = Number.isFinite(r.sinceMoveS) && r.sinceMoveS > 4 ? ` for ${Math.round(r.sinceMoveS)} s` : '';
  return said(`${id} is standing still${still}, ${size}`);
}

function pairObservation(a: SubjectReading, b: SubjectReading, r: SituationReading): Observation {
  const mover = a.moving ? a : b.moving ? b : undefined;
  if (mover) return said(describeMover(mover, r));
  const names = `${a.subject.id} and ${b.subject.id}`;
  if (!(a.view.inFrame && b.view.inFrame)) return said(`${names} are not both in frame`);
  return said(`${names} are talking ${pairSeparation(a, b).toFixed(1)} m apart`);
}

/** About the point of interest, unless someone is walking to it: then about them, and the action says the POI is ahead of them. */
function poiObservation(kind: MoveKind, focus: { name: string; plural: boolean }, p: PoiReading, r: SituationReading): Observation {
  const walker = r.subjects.find((s) => s.moving && headingPoi(s, r) === p);
  if (walker) return { text: describeMover(walker, r), outOfFrameSide: undefined, because: ` ahead of ${walker.subject.id}` };
  const be = focus.plural ? 'are' : 'is';
  const calm = r.subjects.some((s) => s.moving) ? '' : ' and nothing is moving';
  if (!p.view.inFrame) return said(`${focus.name} ${be} out of frame to the ${side(p.view.bearingRad)}${calm}`, side(p.view.bearingRad));
  if (isTurn(kind)) return said(`${focus.name} ${be} off-centre${calm}`);
  return said(`${focus.name} ${be} in frame${calm}`);
}

/** Without a target: whoever is walking, else the pair, else the nearest subject, else the nearest point of interest. */
function setObservation(kind: MoveKind, r: SituationReading): string {
  const mover = r.s0?.moving ? r.s0 : r.s1?.moving ? r.s1 : undefined;
  if (mover) return describeMover(mover, r);
  const { s0, s1 } = r;
  if (s0 && s1 && pairSeparation(s0, s1) < PAIR_MAX_SEPARATION_M) return pairObservation(s0, s1, r).text;
  if (s0) return subjectObservation(kind, s0, r).text;
  if (r.poi) {
    const name = r.poi.poi.name;
    return poiObservation(kind, { name: `the ${name}`, plural: isPluralName(name) }, r.poi, r).text;
  }
  return 'nothing is moving on set';
}

function describeMover(s: SubjectReading, r: SituationReading): string {
  const m = s.motion;
  const lateral = Math.abs(m.lateralMps) >= Math.abs(m.radialMps);
  const heading = headingPoi(s, r)?.poi.name;
  const leaving = Math.abs(m.leaving) > 0.5 ? ' and is about to leave frame' : '';
  if (lateral) return `${s.subject.id} is walking ${m.lateralMps > 0 ? 'right' : 'left'}${heading ? ` toward the ${heading}` : ''}${leaving}`;
  const dir = m.radialMps < 0 ? 'toward the camera' : 'away from the camera';
  return `${s.subject.id} is walking ${dir}${heading ? `, heading for the ${heading}` : ''}${leaving}`;
}

/** The point of interest the subject is walking towards (within 30°), if any. */
function headingPoi(s: SubjectReading, r: SituationReading): PoiReading | undefined {
  const v = s.subject.velocity;
  const speed = Math.hypot(v[0], v[2]);
  if (speed < 0.2) return undefined;
  let best: PoiReading | undefined;
  let bestCos = Math.cos(Math.PI / 6);
  for (const p of r.pois) {
    const dx = p.poi.position[0] - s.subject.position[0];
    const dz = p.poi.position[2] - s.subject.position[2];
    const d = Math.hypot(dx, dz);
    if (d < 0.3) continue;
    const c = (dx * v[0] + dz * v[2]) / (d * speed);
    if (c > bestCos) {
      bestCos = c;
      best = p;
    }
  }
  return best;
}

function action(spec: MoveSpec, r: SituationReading, focus: Focus | undefined, seen: Observation): string {
  const d = Math.abs(spec.distanceM ?? 0).toFixed(1);
  const a = Math.abs(deg(spec.angleRad ?? 0));
  const turn = (spec.angleRad ?? 0) > 0 ? 'left' : 'right';
  const person = focus === undefined || focus.type === 'subject' || focus.type === 'pair'; // shot sizes apply
  const named = focus ? `${focus.name}${seen.because}` : ''; // the target, with why it matters when the observation is about something else
  switch (spec.kind) {
    case 'push-in':
      if (spec.framing && person) return `push in to a ${framingName(spec.framing.subjectHeightFraction)}${focus ? ` on ${focus.name}` : ''}`;
      if (spec.framing) return `push in to frame ${named}`;
      return `push in ${d} m${focus ? ` toward ${named}` : ''}`;
    case 'pull-out':
      return `pull out ${d} m${pullOutEnd(spec, r, focus, seen)}`;
    case 'pan':
      return `pan ${turn} ${a}°${turnTo(turn, focus, seen)}${leadRoom(r, focus) ? ' with lead room' : ''}`;
    case 'tilt':
      return `tilt ${(spec.angleRad ?? 0) > 0 ? 'up' : 'down'} ${a}°${focus ? ` to ${named}` : ''}`;
    case 'aim': {
      const t = Math.abs(deg(spec.tiltRad ?? 0));
      const tilt = `tilt ${(spec.tiltRad ?? 0) > 0 ? 'up' : 'down'} ${t}°`;
      return `pan ${turn} ${a}° and ${tilt}${turnTo(turn, focus, seen)}${leadRoom(r, focus) ? ' with lead room' : ''}`;
    }
    case 'truck':
      return `truck ${(spec.distanceM ?? 0) > 0 ? 'right' : 'left'} ${d} m${leadRoom(r, focus) ? ' to keep lead room' : ''}`;
    case 'dolly': {
      const dollyIn = (spec.distanceM ?? 0) > 0;
      const whom = !focus ? '' : person ? ` with ${focus.name}` : dollyIn ? ` toward ${named}` : ` away from ${focus.name}`;
      return `dolly ${dollyIn ? 'in' : 'out'} ${d} m${whom}`;
    }
    case 'pedestal':
      return `pedestal ${(spec.distanceM ?? 0) > 0 ? 'up' : 'down'} ${d} m to the eye line`;
    case 'crane': {
      const rise = `crane ${(spec.distanceM ?? 0) >= 0 ? 'up' : 'down'} ${d} m`;
      if (Math.abs(spec.angleRad ?? 0) <= 0.05) return rise;
      const swing = `${rise}, swinging ${a}° ${turn}`;
      if (!focus || person) return swing;
      return sceneStarting(r) ? `${swing} to reveal ${focus.name}` : `${swing}${turnTo(turn, focus, seen)}`;
    }
    case 'orbit': {
      const pair = focus?.type === 'pair' ? ', staying on this side of the 180° line' : '';
      return `orbit ${a}° ${(spec.angleRad ?? 0) > 0 ? 'counter-clockwise' : 'clockwise'}${focus ? ` around ${named}` : ''}${pair}`;
    }
    case 'roll':
      return Math.abs(r.cam.rollRad) > 0.05 && Math.sign(spec.angleRad ?? 0) !== Math.sign(r.cam.rollRad)
        ? `roll ${a}° back to level`
        : `roll ${a}° for a dutch angle to build tension`;
    case 'hold':
      return `hold for ${Number(spec.durationS.toFixed(1))} s and let the shot play`; // to 0.1 s, as the card shows it
  }
}

/** " to the Guest chairs", or " to bring them into frame" when the observation put them out of frame on the side the camera turns to. */
function turnTo(turn: 'left' | 'right', focus: Focus | undefined, seen: Observation): string {
  if (!focus) return '';
  if (seen.outOfFrameSide === turn) return ` to bring ${objectPronoun(focus)} into frame`;
  return ` to ${focus.name}${seen.because}`;
}

/** How a pull-out ends: a shot size and a purpose for people, a framing for a point of interest. */
function pullOutEnd(spec: MoveSpec, r: SituationReading, focus: Focus | undefined, seen: Observation): string {
  if (focus && (focus.type === 'poi' || focus.type === 'point')) {
    if (sceneStarting(r)) return ` to reveal the set around ${focus.name}`;
    if (seen.because) return ` to frame ${focus.name}${seen.because}`;
    return ` to frame ${focus.name} and ${focus.type === 'poi' && focus.plural ? 'their' : 'its'} surroundings`;
  }
  const size = spec.framing ? ` to a ${framingName(spec.framing.subjectHeightFraction)}` : '';
  if (sceneStarting(r)) return `${size} to reveal the set`;
  const mover = moverOf(r, focus);
  if (mover && mover.motion.radialMps < 0) return `${size} to keep them framed as they come closer`;
  const pair = focus?.type === 'pair' ? [focus.a, focus.b] : focus === undefined ? [r.s0, r.s1] : [];
  if (pair[0] && pair[1] && !(pair[0].view.inFrame && pair[1].view.inFrame)) return `${size} to fit both in a two-shot`;
  return `${size} to open up the frame`;
}

/** The walking subject the move is about: the target if it walks, one of the pair, or (without a target) whoever walks. */
function moverOf(r: SituationReading, focus: Focus | undefined): SubjectReading | undefined {
  if (!focus) return r.s0?.moving ? r.s0 : r.s1?.moving ? r.s1 : undefined;
  if (focus.type === 'subject') return focus.s?.moving ? focus.s : undefined;
  if (focus.type === 'pair') return focus.a.moving ? focus.a : focus.b.moving ? focus.b : undefined;
  return undefined;
}

function leadRoom(r: SituationReading, focus: Focus | undefined): boolean {
  const mover = moverOf(r, focus);
  return mover !== undefined && Math.abs(mover.motion.lateralMps) > Math.abs(mover.motion.radialMps);
}

/** "it" / "them" for things, the name for people (their ids say nothing of number or gender). */
function objectPronoun(focus: Focus): string {
  if (focus.type === 'poi') return focus.plural ? 'them' : 'it';
  if (focus.type === 'point') return 'it';
  return focus.name;
}

/** The first seconds of a scene, before any move of this scene has moved the camera: reveals belong here. */
function sceneStarting(r: SituationReading): boolean {
  return r.input.sceneAgeS < SCENE_START_S && !(r.lastInScene && r.moved);
}

/** Turns of the head that re-frame a target: what is said about it is where it sits in frame. */
function isTurn(kind: MoveKind): boolean {
  return kind === 'pan' || kind === 'tilt' || kind === 'aim';
}

/** "an orbit", "a pan": by the first letter, which is enough for the move kinds. */
function article(word: string): 'a' | 'an' {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function side(bearingRad: number): 'left' | 'right' {
  return bearingRad > 0 ? 'left' : 'right';
}

function deg(rad: number): number {
  return Math.round(rad * RAD2DEG);
}
