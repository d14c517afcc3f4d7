// Tests for the per-stream static block cache: later samples keep the last block, section by section, in bounded memory.
import { describe, it, expect } from 'vitest';
import { StaticBlockCache } from './StaticBlockCache.ts';

const camera = (width: number, height: number, label = 'A') => ({ activeSensorPhysicalDimensions: { width, height }, label });

describe('StaticBlockCache', () => {
  it('returns the last block to later samples of the same stream only', () => {
    const cache = new StaticBlockCache();
    expect(cache.resolve('urn:x:1', undefined)).toBeUndefined();
    expect(cache.resolve('urn:x:1', { camera: camera(36, 24) })).toEqual({ camera: camera(36, 24) });
    expect(cache.resolve('urn:x:1', undefined)).toEqual({ camera: camera(36, 24) });
    expect(cache.resolve('urn:x:2', undefined)).toBeUndefined();
    expect(cache.resolve(':1', undefined)).toBeUndefined();
  });

  it('replaces each section a new block carries and keeps the others', () => {
    const cache = new StaticBlockCache();
    cache.resolve('s:1', { camera: camera(36, 24), lens: { distortionOverscanMax: 1.2 } });
    expect(cache.resolve('s:1', { lens: { distortionOverscanMax: 1.1 } })).toEqual({ camera: camera(36, 24), lens: { distortionOverscanMax: 1.1 } });
    expect(cache.resolve('s:1', { camera: camera(24.89, 18.66, 'B') })).toEqual({ camera: camera(24.89, 18.66, 'B'), lens: { distortionOverscanMax: 1.1 } });
  });

  it('remembers at most maxStreams streams', () => {
    const cache = new StaticBlockCache(2);
    for (const key of ['a:1', 'b:1', 'c:1']) cache.resolve(key, { camera: camera(36, 24) });
    expect(cache.size).toBe(2);
    expect(cache.resolve('a:1', undefined)).toBeUndefined();
    expect(cache.resolve('c:1', undefined)).toBeDefined();
  });
});
