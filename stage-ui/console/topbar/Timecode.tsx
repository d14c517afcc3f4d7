// SMPTE timecode and frame number of the latest engine frame, written straight into the DOM each animation frame.
import { useRef } from 'react';
import { useAnimationFrame } from '../../ui/useAnimationFrame.ts';
import { useConsole, useStore } from '../state/ConsoleContext.ts';

export function Timecode() {
  const store = useStore();
  const fps = useConsole((s) => s.hello?.fps ?? 0);
  const tc = useRef<HTMLDivElement>(null);
  const sub = useRef<HTMLSpanElement>(null);
  const shown = useRef(-2);
  useAnimationFrame(() => {
    const f = store.live.frame;
    const n = f?.frame ?? -1;
    if (n === shown.current || !tc.current || !sub.current) return;
    shown.current = n;
    tc.current.textContent = f?.timecode ?? '--:--:--:--';
    sub.current.textContent = f ? `frame ${f.frame} · ${fps} fps` : 'no frames';
  });
  return (
    <div className="tc" data-testid="timecode">
      <div className="timecode" ref={tc}>
        --:--:--:--
      </div>
      <span className="timecode-sub num" ref={sub}>
        no frames
      </span>
    </div>
  );
}
