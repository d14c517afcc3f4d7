import { describe, expect, it } from 'vitest';
import { frameAt, markerKind, takeMarkers, type TakeAuditRecordWire } from './takeMarkers.ts';

const human = { kind: 'human' as const, role: 'director' as const, clientId: 'abcdef123456' };
const ai = { kind: 'ai' as const, modelVersion: 'dir-1' };
const rec = (seq: number, type: TakeAuditRecordWire['type'], frame: number | null, actor: TakeAuditRecordWire['actor'] = human): TakeAuditRecordWire => ({ seq, at: '', tS: 0, type, actor, frame });

describe('takeMarkers', () => {
  it('tells AI proposals from human decisions', () => {
    expect(markerKind('suggestion.shown')).toBe('ai');
    for (const t of ['suggestion.accepted', 'suggestion.rejected', 'suggestion.adjusted', 'move.started', 'move.reset', 'take.started', 'take.stopped'] as const) expect(markerKind(t)).toBe('human');
  });

  it('places records along the take by frame, skipping those without one', () => {
    // A take of 101 frames from engine frame 1000: frame 1050 is half way.
    const markers = takeMarkers([rec(3, 'take.stopped', 1100), rec(1, 'take.started', 1000), rec(2, 'suggestion.shown', 1050, ai), rec(4, 'move.started', null)], 1000, 101);
    expect(markers.map((m) => [m.seq, m.x, m.kind])).toEqual([
      [1, 0, 'human'],
      [2, 0.5, 'ai'],
      [3, 1, 'human'],
    ]);
    expect(markers[0]!.title).toBe('take.started · director abcdef12');
    expect(markers[1]!.title).toBe('suggestion.shown · AI dir-1');
  });

  it('keeps markers on the bar and finds the frame under a click', () => {
    expect(takeMarkers([rec(1, 'move.started', 2000)], 1000, 101)[0]!.x).toBe(1);
    expect(frameAt(0.5, 1000, 101)).toBe(1050);
    expect(frameAt(-1, 1000, 101)).toBe(1000);
    expect(frameAt(2, 1000, 101)).toBe(1100);
  });
});
