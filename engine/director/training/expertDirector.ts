// The "expert director" that labels generated training situations: rules of cinematography with interactions and some chance.
import type { DirectorInput } from '../DirectorInput.ts';
import type { Easing, MoveTarget } from '../../protocol/MoveSpec.ts';
import type { ModelKind } from '../model/modelKinds.ts';
import { labelNumbers, type MoveLabel } from '../model/moveParams.ts';
import { pathInsideSafeVolume } from '../model/framingPromise.ts';
import { buildMoveSpec, keepsFramingPromise, targetPosition } from '../model/suggest.ts';
import {
  midpoint,
  PAIR_MAX_SEPARATION_M,
  pairSeparation,
  readSituation,
  SCENE_START_S,
  SETTLE_S,
  type SituationReading as Reading,
  type SubjectReading,
} from '../model/readSituation.ts';
import { clamp, distanceForHeightFraction, heightFractionAt, orbitRoomRad, safeTravelM } from '../model/sceneGeometry.ts';
import { dutch, hold, label, lookAt, orbit, poiTarget, subjectTarget } from './expertMoveLabels.ts';
import type { SeededRandom } from './SeededRandom.ts';

/** Kinds that open a scene by revealing the set (when the volume forbids both, the expert pans, orbits or holds instead). */
export const REVEAL_KINDS: readonly ModelKind[] = ['pull-out', 'crane'];

/**
 * Label one situation. Deterministic for a given `rng` state. The rules, by priority:
 *  1. a move is running → hold (don't stack moves);
 *  2. a subject is about to leave frame → follow (truck when near and the volume allows, else pan with lead room);
 *  3. a move just ended (< 3 s) → mostly hold;
 *  4. the camera is dutched without tension → roll back to level;
 *  5. scene start with no move yet → reveal (pull-out, or crane up from a low camera);
 *  6. two still subjects → two-shot by orbit / truck / pull-out / push-in, never orbiting past the 180° line;
 *  7. one subject: lateral → truck or pan with lead room (or hold when the lead room is there);
 *     approaching → pull-out when close, else hold or dolly out; walking away → push-in / dolly in;
 *     still → re-frame (pan/tilt), fix the eye line (pedestal), push in to a medium close-up once the
 *     wide shot has played, slow orbit on a held medium shot, sometimes look at the point of interest;
 *  8. no subject → pan / tilt / crane to the point of interest, push in on it once it is framed, else hold;
 *  dutch roll only for tension (a fast approach, or two subjects face to face); a kind the director
 *  rejected in the last 10 s is not proposed again.
 */
export function expertDirector(input: DirectorInput, rng: SeededRandom): MoveLabel {
  const r = readSituation(input);
  let label = decide(r, rng);
  const last = input.recentMoves[0];
  if (last && last.decision === 'rejected' && last.endedAgoS < 10 && label.kind === last.kind && label.kind !== 'hold') {
    label = hold(r, rng);
  }
  return keepingPromise(label, r, rng);
}

/**
 * An operator does not pull out on someone who is not in frame: a label whose move, as the engine builds and checks
 * it, would not deliver its target (or would leave the safe volume) becomes a turn to that target when it is out of
 * frame, else a hold. So the network learns choices that keep their promises, not only the rules' first idea.
 */
function keepingPromise(chosen: MoveLabel, r: Reading, rng: SeededRandom): MoveLabel {
  if (chosen.kind === 'hold') return chosen;
  const spec = buildMoveSpec(chosen.kind, labelNumbers(chosen), r);
  if (spec && keepsFramingPromise(spec, r) && pathInsideSafeVolume(spec, r.input, targetPosition(spec.target, r))) return chosen;
  const t = spec?.target ?? chosen.target;
  const view = t?.type === 'subject' ? r.subjects.find((s) => s.subject.id === t.id)?.view : t?.type === 'poi' ? r.pois.find((p) => p.poi.id === t.id)?.view : undefined;
  if (t && view && !view.inFrame) {
    return label('pan', rng, { angleRad: view.bearingRad, durationS: clamp(Math.abs(view.bearingRad) / rng.uniform(0.2, 0.35) + 0.5, 1.5, 6), target: t });
  }
  return hold(r, rng);
}

function decide(r: Reading, rng: SeededRandom): MoveLabel {
  const { input, cam } = r;
  const last = input.recentMoves[0];

  if (last && r.moved && last.endedAgoS === 0 && rng.chance(0.92)) return hold(r, rng);

  for (const s of [r.s0, r.s1]) {
    if (s && s.moving && Math.abs(s.view.bearingRad) < cam.hFovRad / 2 + 0.2 && Math.abs(s.motion.leaving) > 0.5 && Math.abs(s.motion.lateralMps) > 0.4) {
      return follow(r, s, rng);
    }
  }

  if (r.moved && r.sinceMoveS < SETTLE_S && rng.chance(0.85)) return hold(r, rng);

  if (Math.abs(cam.rollRad) > 0.05 && !r.tension && rng.chance(0.85)) {
    return label('roll', rng, { angleRad: -cam.rollRad, durationS: rng.uniform(1.5, 3), target: null });
  }

  if (input.sceneAgeS < SCENE_START_S && !(r.lastInScene && r.moved)) return reveal(r, rng);

  const { s0, s1 } = r;
  if (s0 && s1 && pairSeparation(s0, s1) < PAIR_MAX_SEPARATION_M && !s0.moving && !s1.moving) return twoShot(r, s0, s1, rng);

  const primary = s0?.moving ? s0 : s1?.moving ? s1 : s0;
  if (primary) return primary.moving ? movingSubject(r, primary, rng) : stillSubject(r, primary, rng);
  return pointOfInterest(r, rng);
}

// ---- rule groups ---------------------------------------------------------------------------

function follow(r: Reading, s: SubjectReading, rng: SeededRandom): MoveLabel {
  const { cam } = r;
  const durationS = rng.uniform(3, 6);
  const dirRight = Math.sign(s.motion.lateralMps) || 1;
  const truckRoom = safeTravelM(r.input, cam, 0, dirRight, 0, 4);
  const near = s.view.groundDistanceM < 5;
  const easing: Easing = rng.chance(0.6) ? 'ease-out' : 'ease-in-out';
  const allowed = dirRight > 0 ? r.allow.right : r.allow.left; // the volume allows a 1 m step that way
  if (near && allowed && rng.chance(0.75)) {
    const travel = clamp(Math.abs(s.motion.lateralMps) * durationS * rng.uniform(0.8, 1), 0.5, truckRoom);
    return label('truck', rng, { distanceM: dirRight * travel, durationS, easing, target: subjectTarget(s) });
  }
  // Pan so that, when the move ends, the subject sits a sixth of the frame behind centre (lead room ahead).
  const rate = s.motion.bearingRateRadS;
  const leadRad = cam.hFovRad / 6;
  const future = s.view.bearingRad + rate * durationS;
  const angleRad = clamp(future + Math.sign(rate) * leadRad, -1.2, 1.2);
  return label('pan', rng, { angleRad, durationS, easing, target: subjectTarget(s) });
}

function reveal(r: Reading, rng: SeededRandom): MoveLabel {
  const { cam, allow, poi, s0 } = r;
  const camH = cam.position[1];
  const canCrane = allow.up && camH < 2.4;
  const canPull = allow.back;
  const focus = s0?.view.inFrame ? s0 : poi?.view.inFrame ? poi : (s0 ?? poi);
  let kind: 'pull-out' | 'crane' | null = null;
  if (canPull && canCrane) {
    const tight = focus !== undefined && focus.view.heightFraction > 0.5;
    const pCrane = tight ? 0.2 : camH < 1.4 ? 0.7 : 0.35;
    kind = rng.chance(pCrane) ? 'crane' : 'pull-out';
  } else if (canPull) kind = 'pull-out';
  else if (canCrane) kind = 'crane';

  if (kind === 'pull-out') {
    const room = safeTravelM(r.input, cam, -1, 0, 0, 6);
    const speed = rng.uniform(0.3, 0.5);
    const easing = rng.chance(0.8) ? 'ease-in-out' : 'cubic';
    if (focus) {
      const d = focus.view.distanceM;
      const wanted = clamp(focus.view.heightFraction * rng.uniform(0.45, 0.6), 0.1, 0.4);
      const distanceM = clamp(distanceForHeightFraction(wanted, cam.focalLengthMm, cam.sensorHeightMm) - d, 0.5, Math.max(0.5, room));
      const fraction = clamp(heightFractionAt(d + distanceM, cam.focalLengthMm, cam.sensorHeightMm), 0.05, 1);
      return label('pull-out', rng, {
        distanceM,
        framing: { subjectHeightFraction: fraction },
        durationS: clamp(distanceM / speed, 3, 12),
        easing,
        target: 'subject' in focus ? subjectTarget(focus) : poiTarget(focus),
      });
    }
    const distanceM = clamp(rng.uniform(1.5, 3), 0.5, Math.max(0.5, room));
    return label('pull-out', rng, { distanceM, durationS: clamp(distanceM / speed, 3, 12), easing, target: null });
  }
  if (kind === 'crane') {
    const rise = clamp(Math.min(rng.uniform(0.8, 1.6), 3.3 - camH), 0.3, Math.max(0.3, safeTravelM(r.input, cam, 0, 0, 1, 2)));
    const swing = poi && !poi.view.inFrame ? clamp(poi.view.bearingRad, -0.5, 0.5) : 0;
    return label('crane', rng, {
      distanceM: rise,
      angleRad: swing,
      durationS: clamp(rise / rng.uniform(0.25, 0.4) + 1, 3, 10),
      target: swing !== 0 && poi ? poiTarget(poi) : focus ? ('subject' in focus ? subjectTarget(focus) : poiTarget(focus)) : null,
    });
  }
  // The volume allows neither: reveal by looking.
  if (poi && !poi.view.inFrame) return lookAt(r, poi.view, poiTarget(poi), rng);
  if (s0 && s0.view.inFrame) return orbit(r, subjectTarget(s0), rng.sign() * rng.uniform(0.3, 0.6), s0.view.groundDistanceM, rng);
  return hold(r, rng);
}

function twoShot(r: Reading, a: SubjectReading, b: SubjectReading, rng: SeededRandom): MoveLabel {
  const { cam, allow } = r;
  const room = orbitRoomRad(cam.position, a.subject.position, b.subject.position);
  const mid = midpoint(a.subject.position, b.subject.position);
  const pairTarget: MoveTarget = { type: 'point', position: mid };
  const radius = Math.hypot(cam.position[0] - mid[0], cam.position[2] - mid[2]);
  const both = a.view.inFrame && b.view.inFrame;
  const sep = pairSeparation(a, b);
  const towardSquare = room.ccwRad - Math.PI / 2; // orbit that would put the camera square-on to the pair

  if (r.tension && both && rng.chance(0.15)) return dutch(a, rng);

  if (Math.min(room.ccwRad, room.cwRad) < 0.35) {
    // Looking down the line: the subjects overlap. Open up towards square-on, on this side of the line.
    const dir = Math.sign(towardSquare) || 1;
    const truckRoom = safeTravelM(r.input, cam, 0, dir, 0, 2.5);
    if ((dir > 0 ? allow.right : allow.left) && rng.chance(0.5)) {
      return label('truck', rng, { distanceM: dir * clamp(radius * 0.35, 0.6, truckRoom), durationS: rng.uniform(3, 5), target: pairTarget });
    }
    return orbit(r, pairTarget, towardSquare * rng.uniform(0.5, 0.8), radius, rng);
  }
  if (!both) {
    if (allow.back && rng.chance(0.6)) {
      // Back off until the pair spans ~60% of the frame width.
      const wantedD = sep / 2 / Math.tan(cam.hFovRad * 0.3) + 0.5;
      const d = Math.hypot(cam.position[0] - mid[0], cam.position[1] - mid[1], cam.position[2] - mid[2]);
      const distanceM = clamp(wantedD - d, 0.5, Math.max(0.5, safeTravelM(r.input, cam, -1, 0, 0, 5)));
      return label('pull-out', rng, {
        distanceM,
        framing: { subjectHeightFraction: clamp(heightFractionAt(d + distanceM, cam.focalLengthMm, cam.sensorHeightMm), 0.05, 1) },
        durationS: clamp(distanceM / rng.uniform(0.35, 0.6), 2.5, 10),
        target: pairTarget,
      });
    }
    return orbit(r, pairTarget, towardSquare * rng.uniform(0.6, 1), radius, rng);
  }
  if (r.sinceMoveS > 6) {
    const meanFraction = (a.view.heightFraction + b.view.heightFraction) / 2;
    if (meanFraction < 0.3 && allow.forward && rng.chance(0.45)) {
      const wanted = rng.uniform(0.35, 0.45);
      const d = Math.hypot(cam.position[0] - mid[0], cam.position[1] - mid[1], cam.position[2] - mid[2]);
      const endD = Math.max(distanceForHeightFraction(wanted, cam.focalLengthMm, cam.sensorHeightMm), sep / 2 / Math.tan(cam.hFovRad * 0.35));
      const distanceM = clamp(d - endD, 0.3, Math.max(0.3, safeTravelM(r.input, cam, 1, 0, 0, 6)));
      return label('push-in', rng, {
        distanceM,
        framing: { subjectHeightFraction: clamp(heightFractionAt(d - distanceM, cam.focalLengthMm, cam.sensorHeightMm), 0.05, 1) },
        durationS: clamp(distanceM / rng.uniform(0.3, 0.6), 2.5, 12),
        target: pairTarget,
      });
    }
    if (Math.abs(towardSquare) > 0.3 && rng.chance(0.6)) return orbit(r, pairTarget, towardSquare * rng.uniform(0.6, 1), radius, rng);
  }
  return hold(r, rng);
}

function movingSubject(r: Reading, s: SubjectReading, rng: SeededRandom): MoveLabel {
  const { cam, allow } = r;
  const m = s.motion;
  const hf = s.view.heightFraction;
  if (Math.abs(m.lateralMps) >= Math.abs(m.radialMps)) {
    // Crossing the frame. Lead room already there (subject behind centre) → let them walk into it.
    const trailing = s.view.bearingRad * Math.sign(m.bearingRateRadS) < -cam.hFovRad * 0.05;
    if (trailing && rng.chance(0.55)) return hold(r, rng);
    return rng.chance(0.85) ? follow(r, s, rng) : hold(r, rng);
  }
  if (m.radialMps < 0) {
    // Approaching.
    if (r.tension && rng.chance(0.25)) return dutch(s, rng);
    if (hf > 0.45) {
      if (allow.back && rng.chance(0.85)) {
        const wanted = rng.uniform(0.3, 0.45);
        const durationS = rng.uniform(2.5, 5);
        // Keep the framing as they walk in: cover the wanted end distance plus their approach.
        const endD = distanceForHeightFraction(wanted, cam.focalLengthMm, cam.sensorHeightMm);
        const distanceM = clamp(endD - s.view.distanceM + Math.abs(m.radialMps) * durationS * 0.5, 0.4, Math.max(0.4, safeTravelM(r.input, cam, -1, 0, 0, 5)));
        return label('pull-out', rng, { distanceM, framing: { subjectHeightFraction: wanted }, durationS, target: subjectTarget(s) });
      }
      return hold(r, rng);
    }
    if (hf > 0.25 && allow.back && rng.chance(0.65)) {
      const durationS = rng.uniform(3, 6);
      const travel = clamp(Math.abs(m.radialMps) * durationS * rng.uniform(0.6, 0.8), 0.4, Math.max(0.4, safeTravelM(r.input, cam, -1, 0, 0, 5)));
      return label('dolly', rng, { distanceM: -travel, durationS, easing: 'ease-out', target: subjectTarget(s) });
    }
    return hold(r, rng);
  }
  // Walking away.
  if (!allow.forward) return hold(r, rng);
  const pPush = hf < 0.25 ? 0.6 : 0.25;
  const pDolly = hf < 0.25 ? 0.3 : 0.55;
  const pick = rng.weighted([pPush, pDolly, 1 - pPush - pDolly]);
  const room = safeTravelM(r.input, cam, 1, 0, 0, 6);
  if (pick === 0 && room >= 0.5) {
    const wanted = rng.uniform(0.4, 0.55);
    const durationS = rng.uniform(3, 6);
    const endD = distanceForHeightFraction(wanted, cam.focalLengthMm, cam.sensorHeightMm);
    const distanceM = clamp(s.view.distanceM + m.radialMps * durationS - endD, 0.5, room);
    return label('push-in', rng, { distanceM, framing: { subjectHeightFraction: wanted }, durationS, target: subjectTarget(s) });
  }
  if (pick === 1 && room >= 0.5) {
    const durationS = rng.uniform(3, 6);
    const travel = clamp(m.radialMps * durationS * rng.uniform(0.7, 1), 0.5, room);
    return label('dolly', rng, { distanceM: travel, durationS, easing: 'ease-out', target: subjectTarget(s) });
  }
  return hold(r, rng);
}

function stillSubject(r: Reading, s: SubjectReading, rng: SeededRandom): MoveLabel {
  const { cam, allow, poi, input } = r;
  const v = s.view;
  if (!v.inFrame) {
    if (rng.chance(0.9)) return lookAt(r, v, subjectTarget(s), rng);
    return hold(r, rng);
  }
  const camH = cam.position[1];
  if ((camH < 1.0 || camH > 2.3) && r.sinceMoveS > 4 && rng.chance(0.6)) {
    const eyeLineM = clamp(s.subject.position[1] + 0.35, 1.2, 2.0);
    const want = eyeLineM - camH;
    const room = safeTravelM(input, cam, 0, 0, Math.sign(want), Math.abs(want));
    if (room >= 0.3) {
      return label('pedestal', rng, { distanceM: Math.sign(want) * room, durationS: clamp(room / rng.uniform(0.2, 0.35), 2, 8), target: null });
    }
  }
  if (Math.abs(v.bearingRad) > cam.hFovRad * 0.35 && rng.chance(0.7)) {
    // Re-frame to the third on the subject's side.
    const angleRad = v.bearingRad - Math.sign(v.bearingRad) * (cam.hFovRad / 6);
    return label('pan', rng, { angleRad, durationS: clamp(Math.abs(angleRad) / rng.uniform(0.2, 0.35) + 0.5, 1.5, 6), target: subjectTarget(s) });
  }
  if (Math.abs(v.elevationRad) > cam.vFovRad * 0.3 && rng.chance(0.6)) {
    return label('tilt', rng, { angleRad: v.elevationRad, durationS: clamp(Math.abs(v.elevationRad) / rng.uniform(0.15, 0.3) + 0.5, 1.5, 6), target: subjectTarget(s) });
  }
  if (poi && !poi.view.inFrame && r.sinceMoveS > 8 && rng.chance(0.3)) return lookAt(r, poi.view, poiTarget(poi), rng);
  const settled = r.sinceMoveS > 4 && input.sceneAgeS > 5;
  if (v.heightFraction < 0.4 && settled) {
    const room = safeTravelM(input, cam, 1, 0, 0, 8);
    if (allow.forward && room >= 0.5 && rng.chance(0.75)) {
      // Push in to a medium close-up.
      const wanted = rng.uniform(0.5, 0.7);
      const endD = distanceForHeightFraction(wanted, cam.focalLengthMm, cam.sensorHeightMm);
      const distanceM = clamp(v.distanceM - endD, 0.3, room);
      const fraction = clamp(heightFractionAt(v.distanceM - distanceM, cam.focalLengthMm, cam.sensorHeightMm), 0.05, 1);
      return label('push-in', rng, {
        distanceM,
        framing: { subjectHeightFraction: fraction },
        durationS: clamp(distanceM / rng.uniform(0.3, 0.6), 2.5, 12),
        target: subjectTarget(s),
      });
    }
    if (!allow.forward && rng.chance(0.4)) return orbit(r, subjectTarget(s), rng.sign() * rng.uniform(0.25, 0.5), v.groundDistanceM, rng);
    return hold(r, rng);
  }
  if (v.heightFraction >= 0.4 && r.sinceMoveS > 10 && rng.chance(0.4)) {
    return orbit(r, subjectTarget(s), rng.sign() * rng.uniform(0.25, 0.6), v.groundDistanceM, rng);
  }
  return hold(r, rng);
}

function pointOfInterest(r: Reading, rng: SeededRandom): MoveLabel {
  const { cam, allow, poi } = r;
  if (!poi) return hold(r, rng);
  const v = poi.view;
  if (!v.inFrame) {
    if (v.elevationRad > 0.35 && allow.up && cam.position[1] < 2.4 && rng.chance(0.5)) {
      const rise = clamp(rng.uniform(0.8, 1.4), 0.3, Math.max(0.3, safeTravelM(r.input, cam, 0, 0, 1, 2)));
      return label('crane', rng, {
        distanceM: rise,
        angleRad: clamp(v.bearingRad, -0.5, 0.5),
        durationS: clamp(rise / rng.uniform(0.25, 0.4) + 1, 3, 10),
        target: poiTarget(poi),
      });
    }
    return lookAt(r, v, poiTarget(poi), rng);
  }
  const wanted = poi.poi.suggestedSubjectHeightFraction ?? 0.4;
  if (v.heightFraction < wanted * 0.7 && r.sinceMoveS > 5 && allow.forward && rng.chance(0.7)) {
    const room = safeTravelM(r.input, cam, 1, 0, 0, 8);
    if (room >= 0.5) {
      const endD = distanceForHeightFraction(wanted, cam.focalLengthMm, cam.sensorHeightMm);
      const distanceM = clamp(v.distanceM - endD, 0.3, room);
      return label('push-in', rng, {
        distanceM,
        framing: { subjectHeightFraction: clamp(heightFractionAt(v.distanceM - distanceM, cam.focalLengthMm, cam.sensorHeightMm), 0.05, 1) },
        durationS: clamp(distanceM / rng.uniform(0.3, 0.6), 2.5, 12),
        target: poiTarget(poi),
      });
    }
  }
  if (Math.abs(v.bearingRad) > cam.hFovRad * 0.3 && rng.chance(0.6)) return lookAt(r, v, poiTarget(poi), rng);
  return hold(r, rng);
}
