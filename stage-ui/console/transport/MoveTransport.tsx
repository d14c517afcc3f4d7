// Move transport: the active move's kind, status, provenance, time and progress (scrub by dragging), with pause/
// resume (Space), abort (Esc), reset, speed (↑/↓), adjust and a new human-only move. Fixed height, no jumps.
import { useRef } from 'react';
import { useAnimationFrame } from '../../ui/useAnimationFrame.ts';
import { useCan, useConsole, useSession, useStore } from '../state/ConsoleContext.ts';
import { useCompactLayout } from '../useCompactLayout.ts';
import { abortMove, MAX_SPEED, MIN_SPEED, SPEED_STEP, speedBy, togglePause } from './moveCommands.ts';
import { ProvenanceBadge } from './ProvenanceBadge.tsx';
import { Timeline } from './Timeline.tsx';

export function MoveTransport() {
  const store = useStore();
  const session = useSession();
  const compact = useCompactLayout();
  const move = useConsole((s) => s.frame?.move ?? null);
  const role = useConsole((s) => s.hello?.role ?? null);
  const can = {
    pause: useCan('move.pause'),
    resume: useCan('move.resume'),
    abort: useCan('move.abort'),
    reset: useCan('move.reset'),
    scrub: useCan('move.scrub'),
    speed: useCan('move.speed'),
    adjust: useCan('move.adjust'),
    start: useCan('move.start'),
  };
  const time = useRef<HTMLSpanElement>(null);
  useAnimationFrame(() => {
    const m = store.live.frame?.move;
    if (time.current) time.current.textContent = m ? `${m.elapsedS.toFixed(1)} / ${m.durationS.toFixed(1)} s` : '–.– / –.– s';
  });
  const drivable = move !== null && (move.status === 'running' || move.status === 'paused');
  const paused = move?.status === 'paused';
  const openEditor = (mode: 'move' | 'new') => store.set({ editor: { mode }, hoveredSuggestionId: null, ...(compact && { sideTab: 'suggestions' as const }) });

  return (
    <section className="panel area-transport" data-testid="transport" data-status={move?.status ?? 'none'}>
      <div className="transport">
        <div className="line">
          {move ? <ProvenanceBadge provenance={move.provenance} /> : <span className="prov" style={{ border: '1px solid var(--line-2)', color: 'var(--dim)' }}>no move</span>}
          {move ? (
            <>
              <span className="kind" data-testid="move-kind">
                {move.kind}
              </span>
              <span className={`status ${move.status}`} data-testid="move-status">
                {move.status}
              </span>
            </>
          ) : (
            <span className="muted" data-testid="move-status" style={{ fontSize: 16 }}>
              {can.start || can.pause ? 'No move running · accept a suggestion (A) or start a new move' : 'No move running'}
            </span>
          )}
          <span className="time" ref={time}>
            –.– / –.– s
          </span>
          {can.speed && (
            <span className="speed" title="playback speed (↑/↓)">
              <button type="button" className="btn small" disabled={!drivable || (move?.speed ?? 1) <= MIN_SPEED} onClick={() => speedBy(session, store, -SPEED_STEP)} aria-label="slower">
                −
              </button>
              <span className="value" data-testid="move-speed">
                ×{(move?.speed ?? 1).toFixed(2)}
              </span>
              <button type="button" className="btn small" disabled={!drivable || (move?.speed ?? 1) >= MAX_SPEED} onClick={() => speedBy(session, store, SPEED_STEP)} aria-label="faster">
                +
              </button>
            </span>
          )}
        </div>
        <Timeline enabled={drivable && can.scrub} />
        <div className="line">
          {(can.pause || can.resume) && (
            <button type="button" className={`btn big${paused ? ' active' : ''}`} style={{ minWidth: 150 }} disabled={!drivable} data-testid="pause-resume" onClick={() => togglePause(session, store)}>
              {paused ? '▶ Resume' : '❚❚ Pause'} <kbd>Space</kbd>
            </button>
          )}
          {can.abort && (
            <button type="button" className="btn danger big" disabled={!drivable} data-testid="abort" onClick={() => abortMove(session, store)}>
              ■ Abort <kbd>Esc</kbd>
            </button>
          )}
          {can.reset && (
            <button type="button" className="btn big" disabled={!move} data-testid="reset" title="back to the tracked camera" onClick={() => void session.command('move.reset')}>
              ↺ Reset
            </button>
          )}
          {can.adjust && (
            <button type="button" className="btn big" disabled={!drivable} data-testid="adjust-move" onClick={() => openEditor('move')}>
              Adjust…
            </button>
          )}
          {can.start && (
            <button type="button" className="btn big ghosted" data-testid="new-move" onClick={() => openEditor('new')}>
              + New move
            </button>
          )}
          {!can.pause && !can.abort ? (
            <span className="muted" style={{ marginLeft: 'auto' }}>
              {role === 'director' ? 'this engine offers no move commands yet' : 'view only: the director drives moves'}
            </span>
          ) : (
            <span className="keys">
              <span>
                <kbd>←</kbd>
                <kbd>→</kbd> scrub 5%
              </span>
              <span>
                <kbd>↑</kbd>
                <kbd>↓</kbd> speed
              </span>
            </span>
          )}
        </div>
      </div>
    </section>
  );
}
