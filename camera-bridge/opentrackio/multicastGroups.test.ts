// Tests for OpenTrackIO's source number → multicast group mapping.
import { describe, expect, it } from 'vitest';
import { openTrackIoGroupFor } from './multicastGroups.ts';

describe('openTrackIoGroupFor', () => {
  it('puts the source number in the last octet of 239.135.1.x', () => {
    expect(openTrackIoGroupFor(1)).toBe('239.135.1.1');
    expect(openTrackIoGroupFor(42)).toBe('239.135.1.42');
    expect(openTrackIoGroupFor(200)).toBe('239.135.1.200');
  });

  it.each([0, 201, 255, 1.5, -1, Number.NaN])('refuses %s, which is not a valid source number', (n) => {
    expect(() => openTrackIoGroupFor(n)).toThrow(RangeError);
  });
});
