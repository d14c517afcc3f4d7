// Tests for following a FreeD head's pan through the pan field's overflow at ±256°: hand-worked field values.
import { describe, expect, it } from 'vitest';
import { FREED_PAN_FOLLOW_GAP_S, FreeDPanUnwrapper } from './FreeDPanUnwrapper.ts';

/** Feeds `fields` for camera 1, 10 ms apart, and returns the pans read. */
function follow(fields: number[], unwrapper = new FreeDPanUnwrapper()): number[] {
  return fields.map((field, i) => unwrapper.unwrap(1, field, i * 0.01));
}

describe('FreeDPanUnwrapper', () => {
  it('passes a head inside the field untouched, in steps up to 75°', () => {
    expect(follow([0, 10, 85, 160, 235, 250, 200, 125, 50, -25, -100, -175, -250])).toEqual([0, 10, 85, 160, 235, 250, 200, 125, 50, -25, -100, -175, -250]);
  });

  it('undoes a counting head\'s overflow: 255° then −255° (257° counted) is 257°, −162° later is 350°', () => {
    // 257 − 512 = −255; 350 − 512 = −162; each step is 1–2° as a rotation once the 512° is added back.
    expect(follow([254, 255, -255, -254])).toEqual([254, 255, 257, 258]);
    const u = new FreeDPanUnwrapper();
    const fields = [];
    for (let pan = 250; pan <= 350; pan += 1) fields.push(pan >= 256 ? pan - 512 : pan);
    expect(follow(fields, u).at(-1)).toBe(350);
  });

  it('follows a second overflow (768° arrives as −256°) and turning back down through −256°', () => {
    const u = new FreeDPanUnwrapper();
    follow([0], u); // first heard at 0°: no overflow yet
    let t = 0.01;
    let read = 0;
    // True pans 2°..780°; the field holds pan − 512·k in [−256°, 256°).
    for (let pan = 2; pan <= 780; pan += 2) read = u.unwrap(1, pan - 512 * Math.floor((pan + 256) / 512), (t += 0.01));
    expect(read).toBe(780);
    expect(follow([-250, -255, 255, 250])).toEqual([-250, -255, -257, -262]);
  });

  it('leaves a head that wraps at ±180° alone: 179.8° then −179.8° is −179.8°, not 332.2°', () => {
    expect(follow([179.6, 179.8, -179.8, -179.6])).toEqual([179.6, 179.8, -179.8, -179.6]);
  });

  it('keeps camera numbers apart', () => {
    const u = new FreeDPanUnwrapper();
    u.unwrap(1, 255, 0);
    u.unwrap(2, -250, 0);
    expect(u.unwrap(1, -255, 0.01)).toBe(257);
    expect(u.unwrap(2, -252, 0.01)).toBe(-252); // camera 2 turns 2° the other way, not onto camera 1's count
  });

  it('after a silence longer than FREED_PAN_FOLLOW_GAP_S reads the field afresh', () => {
    const u = new FreeDPanUnwrapper();
    follow([250, 255, -255], u); // now at 257°
    expect(u.unwrap(1, -250, 0.03)).toBe(262);
    expect(u.unwrap(1, -250, 0.03 + FREED_PAN_FOLLOW_GAP_S + 0.01)).toBe(-250);
  });
});
