// Tests for the per-stream sequence gate: forward numbers pass, repeats and stragglers do not, a restart does after 3 sample periods.
import { describe, it, expect } from 'vitest';
import { RejectReason } from '../DecodeResult.ts';
import { SequenceGate } from './SequenceGate.ts';

const FPS_25 = { num: 25, denom: 1 }; // 40 ms period: a restart needs more than 120 ms of silence
const reasonOf = (r: ReturnType<SequenceGate['admit']>) => r?.reason ?? 'accepted';

describe('SequenceGate', () => {
  it('takes the first message of a stream and every later-numbered one, across the 16-bit wrap and gaps', () => {
    const gate = new SequenceGate();
    const seqs = [65533, 65535, 0, 1, 40];
    expect(seqs.map((seq, i) => reasonOf(gate.admit('s:1', seq, FPS_25, i * 0.04)))).toEqual(seqs.map(() => 'accepted'));
  });

  it('refuses a message it already took as Duplicate, the newest or a recent one', () => {
    const gate = new SequenceGate();
    expect(gate.admit('s:1', 7, FPS_25, 0)).toBeUndefined();
    expect(gate.admit('s:1', 7, FPS_25, 0.001)).toMatchObject({ ok: false, reason: RejectReason.Duplicate });
    expect(gate.admit('s:1', 8, FPS_25, 0.04)).toBeUndefined();
    expect(reasonOf(gate.admit('s:1', 7, FPS_25, 0.05))).toBe(RejectReason.Duplicate);
    // Across the wrap too: 65535 then 0, then 65535 again.
    expect(gate.admit('w:1', 65535, FPS_25, 0)).toBeUndefined();
    expect(gate.admit('w:1', 0, FPS_25, 0.04)).toBeUndefined();
    expect(reasonOf(gate.admit('w:1', 65535, FPS_25, 0.05))).toBe(RejectReason.Duplicate);
  });

  it('refuses a straggler older than the newest one as OutOfOrder', () => {
    const gate = new SequenceGate();
    gate.admit('s:1', 10, FPS_25, 0);
    gate.admit('s:1', 12, FPS_25, 0.04); // 11 was overtaken
    const late = gate.admit('s:1', 11, FPS_25, 0.05);
    expect(late).toMatchObject({ ok: false, reason: RejectReason.OutOfOrder });
    expect(late?.detail).toContain('s:1');
    // More than half the 16-bit range "ahead" is behind (RFC 1982): 12 + 40000 is 25536 behind 12.
    expect(reasonOf(gate.admit('s:1', 12 + 40_000, FPS_25, 0.06))).toBe(RejectReason.OutOfOrder);
  });

  it('takes a lower number once the stream was silent for more than 3 periods of timing.sampleRate: a sender restart', () => {
    const gate = new SequenceGate();
    gate.admit('s:1', 500, FPS_25, 10);
    expect(reasonOf(gate.admit('s:1', 0, FPS_25, 10.11))).toBe(RejectReason.OutOfOrder); // 110 ms < 120 ms
    expect(reasonOf(gate.admit('s:1', 0, FPS_25, 10.13))).toBe('accepted'); // 130 ms > 120 ms
    // The stream now counts from the restart: its next numbers pass, the old ones are behind.
    expect(reasonOf(gate.admit('s:1', 1, FPS_25, 10.17))).toBe('accepted');
    expect(reasonOf(gate.admit('s:1', 0, FPS_25, 10.18))).toBe(RejectReason.Duplicate);
    // A silent stream's repeat is a restart as well (as in Unreal): 1 again after 200 ms.
    expect(reasonOf(gate.admit('s:1', 1, FPS_25, 10.38))).toBe('accepted');
  });

  it('floors the period at 1/120 s, so a claimed 1 kHz still needs 25 ms of silence', () => {
    const gate = new SequenceGate();
    const kHz = { num: 1000, denom: 1 };
    gate.admit('s:1', 100, kHz, 0);
    expect(reasonOf(gate.admit('s:1', 0, kHz, 0.02))).toBe(RejectReason.OutOfOrder);
    expect(reasonOf(gate.admit('s:1', 0, kHz, 0.026))).toBe('accepted');
  });

  it('without timing.sampleRate, assumes 24 fps until it has seen arrivals, then uses their mean gap', () => {
    const gate = new SequenceGate();
    gate.admit('s:1', 1, undefined, 0);
    expect(reasonOf(gate.admit('s:1', 0, undefined, 0.12))).toBe(RejectReason.OutOfOrder); // 3/24 s = 125 ms
    expect(reasonOf(gate.admit('s:1', 0, undefined, 0.13))).toBe('accepted');

    // 100 Hz: a 10 ms mean gap, so 35 ms of silence is a restart. A 5 s pause is not a period and leaves the mean alone.
    const fast = new SequenceGate();
    let seq = 100;
    for (let i = 0; i < 20; i++) fast.admit('f:1', seq++, undefined, i * 0.01);
    fast.admit('f:1', seq++, undefined, 5.19);
    expect(reasonOf(fast.admit('f:1', 3, undefined, 5.215))).toBe(RejectReason.OutOfOrder); // 25 ms < 30 ms
    expect(reasonOf(fast.admit('f:1', 3, undefined, 5.225))).toBe('accepted'); // 35 ms > 30 ms
  });

  it('keeps streams apart and remembers at most maxStreams of them, forgetting the least recently heard', () => {
    const gate = new SequenceGate(2);
    expect(gate.admit('a:1', 9, FPS_25, 0)).toBeUndefined();
    expect(gate.admit('b:1', 9, FPS_25, 0)).toBeUndefined(); // same number, other stream
    expect(gate.admit('a:1', 10, FPS_25, 0.04)).toBeUndefined(); // a is now the most recent
    expect(gate.admit('c:1', 1, FPS_25, 0.04)).toBeUndefined(); // evicts b
    expect(gate.trackedStreams).toBe(2);
    expect(reasonOf(gate.admit('b:1', 9, FPS_25, 0.05))).toBe('accepted'); // b was forgotten: it starts afresh (evicting a)
    expect(reasonOf(gate.admit('c:1', 1, FPS_25, 0.05))).toBe(RejectReason.Duplicate); // c was kept
  });
});
