// Live tuning of one source: latency offset (`camera.offset`, applied with Enter or Apply) and the One Euro jitter
// filter (`source.configure`, applied as you change it). Both take effect from the next sample.
import { useEffect, useRef, useState } from 'react';
import { useConsole, useSession, useStore } from '../state/ConsoleContext.ts';
import { pushToast } from '../state/toasts.ts';
import { DEFAULT_POSE_FILTER_WIRE, type PoseFilterWire, type SourceHealthWire } from './HealthWire.ts';

/** Filter edits are sent this long after the last change, so typing a number sends one command. */
const FILTER_DEBOUNCE_MS = 350;

export function SourceTuning({ source, canOffset, canConfigure }: { source: SourceHealthWire; canOffset: boolean; canConfigure: boolean }) {
  const store = useStore();
  const session = useSession();
  const [offset, setOffset] = useState(String(source.latencyOffsetMs));
  const [open, setOpen] = useState(false);
  const applied = useConsole((s) => s.sourceFilters[source.sourceId]);
  const [filter, setFilter] = useState<PoseFilterWire>(source.filter ?? applied ?? DEFAULT_POSE_FILTER_WIRE);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const offsetInput = useRef<HTMLInputElement>(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Follow the engine's value (another operator, a reconnect) unless this operator is typing one.
  useEffect(() => {
    if (document.activeElement !== offsetInput.current) setOffset(String(source.latencyOffsetMs));
  }, [source.latencyOffsetMs]);

  const applyOffset = async () => {
    const latencyOffsetMs = Number(offset);
    if (!Number.isFinite(latencyOffsetMs)) return;
    const ack = await session.command('camera.offset', { sourceId: source.sourceId, latencyOffsetMs });
    if (ack.ok) pushToast(store, 'info', `${source.sourceId}: latency offset ${latencyOffsetMs} ms`);
  };
  const changeFilter = (next: PoseFilterWire) => {
    setFilter(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const ack = await session.command('source.configure', { sourceId: source.sourceId, patch: { filter: next } });
      if (ack.ok) store.set((s) => ({ sourceFilters: { ...s.sourceFilters, [source.sourceId]: next } }));
    }, FILTER_DEBOUNCE_MS);
  };
  const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : fallback);

  return (
    <div className="tune">
      {canOffset && (
        <div className="row">
          <span title="latency offset: positive = the pose describes an earlier moment than its arrival">Offset</span>
          <input
            ref={offsetInput}
            type="number"
            step={1}
            min={-1000}
            max={1000}
            value={offset}
            aria-label={`latency offset of ${source.sourceId}, ms`}
            data-testid="latency-offset-input"
            onChange={(e) => setOffset(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void applyOffset()}
          />
          <span>ms</span>
          <button type="button" className="btn small" data-testid="latency-offset-apply" disabled={String(source.latencyOffsetMs) === offset} onClick={() => void applyOffset()}>
            Apply
          </button>
          {canConfigure && (
            <button type="button" className="btn small ghosted" style={{ marginLeft: 'auto' }} aria-expanded={open} onClick={() => setOpen(!open)}>
              Filter {open ? '▾' : '▸'}
            </button>
          )}
        </div>
      )}
      {canConfigure && (open || !canOffset) && (
        <>
          <div className="row">
            <label className="row" style={{ gap: 6 }}>
              <input type="checkbox" checked={filter.enabled} data-testid="filter-enabled" onChange={(e) => changeFilter({ ...filter, enabled: e.target.checked })} />
              One Euro filter
            </label>
            <span className="dim">min cutoff (Hz) · beta</span>
          </div>
          {(['position', 'rotation'] as const).map((part) => (
            <div className="row" key={part}>
              <span style={{ width: 64 }}>{part}</span>
              <input
                type="number"
                step={0.1}
                min={0.01}
                value={filter[part].minCutoffHz}
                disabled={!filter.enabled}
                aria-label={`${part} min cutoff, Hz`}
                onChange={(e) => changeFilter({ ...filter, [part]: { ...filter[part], minCutoffHz: num(e.target.value, filter[part].minCutoffHz) } })}
              />
              <input
                type="number"
                step={0.05}
                min={0}
                value={filter[part].beta}
                disabled={!filter.enabled}
                aria-label={`${part} beta`}
                onChange={(e) => changeFilter({ ...filter, [part]: { ...filter[part], beta: Math.max(0, Number(e.target.value) || 0) } })}
              />
            </div>
          ))}
        </>
      )}
    </div>
  );
}
