// Follows a continuous-turn head's pan through the FreeD pan field's 24-bit overflow at ±256°, per camera number.

/**
 * The pan field is signed 8.15 fixed point in 24 bits, so it holds [−256°, 256°) (2^24 units of 1/32768°).
 * A head that keeps counting past 256° overflows to −256°: a 512° step in the field, which is a 152° turn of
 * the picture (512 − 360), not none. (A head that wraps at ±180° instead steps by 360°: no turn at all.)
 */
export const FREED_PAN_FIELD_SPAN_DEG = 512;

/** After this long without a message from a camera number its pan is read afresh from the field (a restarted head), s. */
export const FREED_PAN_FOLLOW_GAP_S = 1;

const CAMERA_NUMBERS = 256;

/**
 * Reads each message's pan as whichever of field, field − 512°, field + 512° is nearest, as a rotation, to the
 * camera's previous pan. The candidates are 152° apart as rotations, so the choice is unambiguous while a head
 * turns less than 76° between messages (7600°/s at 100 Hz). A ±180°-wrapping head's field value is always the
 * nearest, so it passes through untouched; only a counting head's overflow is undone (350° arrives as −162°
 * and is read as 350°). Trap: a count that overflowed before we first heard the head cannot be recovered: the
 * first message after a silence is taken at face value. Fixed arrays per camera number: no allocation per packet.
 */
export class FreeDPanUnwrapper {
  private readonly lastPanDeg = new Float64Array(CAMERA_NUMBERS); // the pan we last returned, per camera number
  private readonly offsetDeg = new Float64Array(CAMERA_NUMBERS); // a multiple of 512 added to the field
  private readonly lastTimeS = new Float64Array(CAMERA_NUMBERS).fill(-Infinity); // when we last heard it

  /** The continuous pan, degrees, for camera `cameraNumber`'s pan field `fieldPanDeg` received at `timeS` (s). */
  unwrap(cameraNumber: number, fieldPanDeg: number, timeS: number): number {
    const n = cameraNumber & 0xff;
    if (timeS - this.lastTimeS[n]! > FREED_PAN_FOLLOW_GAP_S) {
      this.offsetDeg[n] = 0;
    } else {
      const last = this.lastPanDeg[n]!;
      const same = this.offsetDeg[n]!;
      const down = same - FREED_PAN_FIELD_SPAN_DEG;
      const up = same + FREED_PAN_FIELD_SPAN_DEG;
      const turnSame = turnDeg(fieldPanDeg + same - last);
      const turnDown = turnDeg(fieldPanDeg + down - last);
      const turnUp = turnDeg(fieldPanDeg + up - last);
      // Keep the offset unless another reading is strictly nearer: a steady head never flips on a tie.
      if (turnDown < turnSame && turnDown <= turnUp) this.offsetDeg[n] = down;
      else if (turnUp < turnSame) this.offsetDeg[n] = up;
    }
    const panDeg = fieldPanDeg + this.offsetDeg[n]!;
    this.lastPanDeg[n] = panDeg;
    this.lastTimeS[n] = timeS;
    return panDeg;
  }
}

/** How far a turn of `deg` really turns: its size wrapped into [0°, 180°]. */
function turnDeg(deg: number): number {
  return Math.abs(deg - 360 * Math.round(deg / 360));
}
