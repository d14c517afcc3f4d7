// The playing take's transport (director): pause / resume, stop (live tracking takes the walls back), and where it
// is: frame index of frameCount and the recorded timecode, written into the DOM every animation frame.
import { useRef } from 'react';
import { useAnimationFrame } from '../../ui/useAnimationFrame.ts';
import { useCan, useConsole, useSession, useStore } from '../state/ConsoleContext.ts';
import { playbackPosition } from './takeLabels.ts';

export function TakeTransport({ label }: { label: string }) {
  const store = useStore();
  const session = useSession();
  const canDrive = useCan('take.pause');
  const status = useConsole((s) => s.frame?.take?.playback?.status ?? null);
  const position = useRef<HTMLSpanElement>(null);
  const timecode = useRef<HTMLSpanElement>(null);
  useAnimationFrame(() => {
    const p = store.live.frame?.take?.playback;
    if (!p || !position.current || !timecode.current) return;
    position.current.textContent = playbackPosition(p.index, p.frameCount);
    timecode.current.textContent = p.timecode;
  });
  if (!status) return null;
  const paused = status === 'paused';
  return (
    <div className="take-transport" data-testid="take-transport" data-status={status}>
      <div className="what">
        <span className={`state ${status}`}>{paused ? '❚❚ Paused' : '▶ Playing'}</span>
        <span className="label">{label}</span>
      </div>
      <div className="where num" title="frame of the take · recorded timecode">
        <span className="position" ref={position} data-testid="take-position" />
        <span className="tc" ref={timecode} />
      </div>
      {canDrive && (
        <div className="buttons">
          <button type="button" className={`btn small${paused ? ' active' : ''}`} data-testid="take-pause" onClick={() => void session.command(paused ? 'take.resume' : 'take.pause')}>
            {paused ? '▶ Resume' : '❚❚ Pause'}
          </button>
          <button type="button" className="btn small danger" data-testid="take-stop-playback" title="back to live tracking" onClick={() => void session.command('take.stopPlayback')}>
            ■ Stop
          </button>
        </div>
      )}
    </div>
  );
}
