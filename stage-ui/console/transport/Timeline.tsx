// The active move's progress: the fill and playhead follow frames through refs every animation frame; dragging
// scrubs (`move.scrub`, at most every 100 ms while dragging, and once more on release).
import { useRef } from 'react';
import { useAnimationFrame } from '../../ui/useAnimationFrame.ts';
import { useSession, useStore } from '../state/ConsoleContext.ts';
import { clamp } from './moveCommands.ts';

const SCRUB_INTERVAL_MS = 100;
/** After a drag, show the dragged position this long, until frames catch up with the scrub. */
const HOLD_AFTER_DRAG_MS = 300;

export function Timeline({ enabled }: { enabled: boolean }) {
  const store = useStore();
  const session = useSession();
  const bar = useRef<HTMLDivElement>(null);
  const fill = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const pct = useRef<HTMLSpanElement>(null);
  const drag = useRef({ active: false, progress: 0, sentAtMs: 0, releasedAtMs: -Infinity });

  useAnimationFrame((now) => {
    const d = drag.current;
    const move = store.live.frame?.move ?? null;
    const p = d.active || now - d.releasedAtMs < HOLD_AFTER_DRAG_MS ? d.progress : (move?.progress ?? 0);
    if (fill.current) fill.current.style.transform = `scaleX(${p})`;
    if (head.current) head.current.style.left = `${p * 100}%`;
    if (pct.current) pct.current.textContent = move ? `${Math.round(p * 100)}%` : '';
  });

  const progressAt = (clientX: number) => {
    const r = bar.current!.getBoundingClientRect();
    return clamp((clientX - r.left) / r.width, 0, 1);
  };
  const scrub = (progress: number, force: boolean) => {
    const d = drag.current;
    d.progress = progress;
    const now = performance.now();
    if (!force && now - d.sentAtMs < SCRUB_INTERVAL_MS) return;
    d.sentAtMs = now;
    void session.command('move.scrub', { progress });
  };

  return (
    <div
      ref={bar}
      className={`timeline${enabled ? '' : ' disabled'}`}
      data-testid="timeline"
      role="slider"
      aria-label="move progress"
      aria-valuemin={0}
      aria-valuemax={100}
      onPointerDown={(e) => {
        if (!enabled) return;
        drag.current.active = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        scrub(progressAt(e.clientX), true);
      }}
      onPointerMove={(e) => drag.current.active && scrub(progressAt(e.clientX), false)}
      onPointerUp={(e) => {
        if (!drag.current.active) return;
        drag.current.active = false;
        drag.current.releasedAtMs = performance.now();
        scrub(progressAt(e.clientX), true);
      }}
      onPointerCancel={() => (drag.current.active = false)}
    >
      <div className="ticks" />
      <div className="fill" ref={fill} />
      <div className="head" ref={head} />
      <span className="pct" ref={pct} />
    </div>
  );
}
