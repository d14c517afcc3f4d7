// Remembers each OpenTrackIO stream's last static block, so the samples between blocks keep their sensor size and lens limits.
//
// Producers add `static` "approximately every 2 seconds" (OpenTrackIO 1.0.1, "Providing additional
// static data"), not to every sample. Unreal's OpenTrackIO Live Link source keeps the last static
// camera and lens per `sourceId:sourceNumber` and applies them to every later frame; so do we, per
// section: a block that carries only `lens` leaves the cached `camera` as it was.
import { LruMap } from './LruMap.ts';
import type { OpenTrackIoStatic } from './OpenTrackIoSample.ts';
import { MAX_OPENTRACKIO_STREAMS } from './SequenceGate.ts';

export class StaticBlockCache {
  private readonly streams: LruMap<string, OpenTrackIoStatic>;

  constructor(maxStreams = MAX_OPENTRACKIO_STREAMS) {
    this.streams = new LruMap(maxStreams);
  }

  /** Streams currently remembered. */
  get size(): number {
    return this.streams.size;
  }

  /**
   * Records the sections `block` (this sample's `static`, if any) carries and returns the stream's
   * static data as of this sample: the cache's own object, to read now and not keep.
   */
  resolve(streamKey: string, block: OpenTrackIoStatic | undefined): Readonly<OpenTrackIoStatic> | undefined {
    let cached = this.streams.get(streamKey);
    if (!block) return cached;
    if (!cached) {
      cached = {};
      this.streams.set(streamKey, cached);
    }
    if (block.camera) cached.camera = block.camera;
    if (block.lens) cached.lens = block.lens;
    return cached;
  }

  clear(): void {
    this.streams.clear();
  }
}
