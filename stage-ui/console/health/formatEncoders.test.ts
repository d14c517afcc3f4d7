// Tests for the source card's raw encoder readout: hex and decimal, and nothing for sources without encoders.
import { describe, expect, it } from 'vitest';
import { formatEncoderCount, formatEncoders } from './formatEncoders.ts';

describe('formatEncoders', () => {
  it('shows both counts in hex (at least four digits) and decimal', () => {
    expect(formatEncoders({ zoom: 0x8000, focus: 0x1200 })).toBe('zoom 0x8000 (32768) · focus 0x1200 (4608)');
    expect(formatEncoderCount(0x555)).toBe('0x0555 (1365)');
    expect(formatEncoderCount(0xffffff)).toBe('0xFFFFFF (16777215)');
  });

  it('marks a count the source has not sent with a dash', () => {
    expect(formatEncoders({ zoom: 0, focus: null })).toBe('zoom 0x0000 (0) · focus —');
  });

  it('is null for a source with no encoders', () => {
    expect(formatEncoders(null)).toBeNull();
    expect(formatEncoders({ zoom: null, focus: null })).toBeNull();
  });
});
