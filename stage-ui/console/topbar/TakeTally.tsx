// Take tallies, big and red as a camera's: `● REC A001 T03 00:00:12:07` while a take records (elapsed = frames / fps),
// `▶ PLAYBACK A001 T03 · frame 123/450` while one plays on the walls. Presence follows the store (5 Hz); the
// counters are written into the DOM once per engine frame.
import { useRef } from 'react';
import type { FrameMessage } from '../../../engine/protocol/LiveMessages.ts';
import type { TakeManifestWire } from '../../../engine/protocol/takes.ts';
import { useAnimationFrame } from '../../ui/useAnimationFrame.ts';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { elapsedTimecode, playbackPosition, takeLabel } from '../takes/takeLabels.ts';
import '../takes/takes.css';

export function TakeTally() {
  const store = useStore();
  const fps = useConsole((s) => s.hello?.fps ?? 0);
  const recordingId = useConsole((s) => s.frame?.take?.recording?.takeId ?? null);
  const playingId = useConsole((s) => s.frame?.take?.playback?.takeId ?? null);
  const takes = useConsole((s) => s.takes.list);
  const rec = useRef<HTMLSpanElement>(null);
  const play = useRef<HTMLSpanElement>(null);
  const shown = useRef(-1);
  const counted = useRef<RecCount>({ takeId: '', frames: 0 });
  useAnimationFrame(() => {
    const f = store.live.frame;
    if (!f || f.frame === shown.current) return;
    shown.current = f.frame;
    if (rec.current) rec.current.textContent = recText(f, fps, counted.current);
    if (play.current) play.current.textContent = playText(f, takes);
  });
  if (!recordingId && !playingId) return null;
  const f = store.live.frame;
  return (
    <>
      {recordingId && (
        <span className="pill rec-tally" data-testid="rec-tally" ref={rec} title="a take is recording every frame and decision">
          {f ? recText(f, fps, counted.current) : '● REC'}
        </span>
      )}
      {playingId && (
        <span className="pill playback-tally" data-testid="playback-tally" ref={play} title="the walls show a recorded take, not live tracking">
          {f ? playText(f, takes) : '▶ PLAYBACK'}
        </span>
      )}
    </>
  );
}

/** The most frames a take has reported: the engine's count leaves out frames while they are being written. */
interface RecCount {
  takeId: string;
  frames: number;
}

function recText(f: FrameMessage, fps: number, counted: RecCount): string {
  const r = f.take?.recording;
  if (!r) return '● REC';
  // An elapsed time never runs backwards on a tally.
  counted.frames = counted.takeId === r.takeId ? Math.max(counted.frames, r.frames) : r.frames;
  counted.takeId = r.takeId;
  return `● REC ${takeLabel(r.slate, r.takeNumber)} ${elapsedTimecode(counted.frames, fps)}`;
}

function playText(f: FrameMessage, takes: readonly TakeManifestWire[]): string {
  const p = f.take?.playback;
  if (!p) return '▶ PLAYBACK';
  const t = takes.find((x) => x.id === p.takeId);
  return `▶ PLAYBACK ${t ? takeLabel(t.slate, t.takeNumber) : p.takeId} · frame ${playbackPosition(p.index, p.frameCount)}`;
}
