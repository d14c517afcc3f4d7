// The selected take as a bar over its frames: its decisions as markers (AI proposals small, human decisions tall),
// a playhead at the playing frame (moved through refs every animation frame). A director clicks a marker, or the
// bar, to play from there: take.seek when this take already plays, else take.play from that frame.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TakeManifestWire } from '../../../engine/protocol/takes.ts';
import { useAnimationFrame } from '../../ui/useAnimationFrame.ts';
import { useSession, useStore } from '../state/ConsoleContext.ts';
import { fetchTakeDetail } from './takeLibrary.ts';
import { frameAt, takeMarkers, type TakeAuditRecordWire } from './takeMarkers.ts';

type Detail = { status: 'loading' } | { status: 'error'; reason: string } | { status: 'ok'; audit: TakeAuditRecordWire[] };

export function TakeTimeline({ take, canPlay }: { take: TakeManifestWire; canPlay: boolean }) {
  const store = useStore();
  const session = useSession();
  const bar = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [detail, setDetail] = useState<Detail>({ status: 'loading' });

  useEffect(() => {
    let stopped = false;
    setDetail({ status: 'loading' });
    fetchTakeDetail(take.id)
      .then((d) => !stopped && setDetail({ status: 'ok', audit: Array.isArray(d.audit) ? d.audit : [] }))
      .catch((err: Error) => !stopped && setDetail({ status: 'error', reason: err.message }));
    return () => {
      stopped = true;
    };
  }, [take.id, take.state, take.frameCount]);

  const markers = useMemo(() => (detail.status === 'ok' ? takeMarkers(detail.audit, take.firstFrame, take.frameCount) : []), [detail, take.firstFrame, take.frameCount]);

  useAnimationFrame(() => {
    const p = store.live.frame?.take?.playback;
    if (!head.current) return;
    const here = p?.takeId === take.id;
    head.current.hidden = !here;
    if (here) head.current.style.left = `${(100 * p.index) / Math.max(1, p.frameCount - 1)}%`;
  });

  const playFrom = (frame: number) => {
    if (store.live.frame?.take?.playback?.takeId === take.id) void session.command('take.seek', { frame });
    else void session.command('take.play', { takeId: take.id, fromFrame: frame });
  };

  return (
    <div className="take-timeline-wrap">
      <div
        ref={bar}
        className={`take-timeline${canPlay ? '' : ' readonly'}`}
        data-testid="take-timeline"
        data-take-id={take.id}
        title={canPlay ? 'click to play from here' : undefined}
        onClick={(e) => {
          if (!canPlay || !bar.current) return;
          const r = bar.current.getBoundingClientRect();
          playFrom(frameAt((e.clientX - r.left) / r.width, take.firstFrame, take.frameCount));
        }}
      >
        <div className="ticks" />
        {markers.map((m) => (
          <button
            key={m.seq}
            type="button"
            className={`marker ${m.kind}`}
            style={{ left: `${m.x * 100}%` }}
            title={m.title}
            data-testid="take-marker"
            data-kind={m.kind}
            data-type={m.type}
            data-frame={m.frame}
            disabled={!canPlay}
            onClick={(e) => {
              e.stopPropagation();
              playFrom(m.frame);
            }}
          />
        ))}
        <div className="playhead" ref={head} hidden />
      </div>
      <div className="take-timeline-foot">
        <span className="num">{take.timecodeIn}</span>
        <span className="legend" title="short: an AI proposal (shown); tall: a human decision (accept, reject, adjust, moves, takes)">
          <span>
            <i className="ai" /> AI
          </span>
          <span>
            <i className="human" /> human
          </span>
          {detail.status === 'loading' && <span className="dim">reading…</span>}
          {detail.status === 'error' && <span className="bad-text">decisions unavailable ({detail.reason})</span>}
        </span>
        <span className="num">{take.timecodeOut ?? ''}</span>
      </div>
    </div>
  );
}
