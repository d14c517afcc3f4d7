// Tracking health (operator's panel): every source, then render nodes (lag, sync) and receivers (rejections).
import { useCan, useConsole, useSession, useStore } from '../state/ConsoleContext.ts';
import { DelayBudget } from './DelayBudget.tsx';
import { formatAgo } from './formatAgo.ts';
import { removeSources } from './removeSources.ts';
import { SourceCard } from './SourceCard.tsx';

/** Stale sources silent this long fold away (`?foldStaleS=` on the console URL; default 30 s). */
const FOLD_STALE_AFTER_MS = 1000 * foldStaleS(new URL(location.href).searchParams.get('foldStaleS'));

function foldStaleS(param: string | null): number {
  const v = Number(param ?? 30);
  return Number.isFinite(v) && v >= 0 ? v : 30;
}

export function TrackingHealth() {
  const health = useConsole((s) => s.health);
  const canOffset = useCan('camera.offset');
  const canConfigure = useCan('source.configure');
  const canRemove = useCan('source.remove');
  const store = useStore();
  const session = useSession();
  const data = health.data;
  if (!data) {
    return (
      <div className="panel-body" data-testid="tracking-health">
        <div className="empty">
          <strong>{health.polledAtMs ? 'Health unavailable' : 'Reading health…'}</strong>
          <span>GET /api/health every 500 ms</span>
        </div>
      </div>
    );
  }
  // Live sources first; stale ones after them, and those silent for longer than the fold time folded away (a dead
  // rig must not push the live one off the panel).
  const sources = [...data.sources].sort((a, b) => Number(a.stale) - Number(b.stale) || a.sourceId.localeCompare(b.sourceId));
  const folded = sources.filter((s) => s.stale && (s.lastSeenAgeMs === null || s.lastSeenAgeMs > FOLD_STALE_AFTER_MS));
  const shown = sources.filter((s) => !folded.includes(s));
  return (
    <div className="panel-body" data-testid="tracking-health">
      {!health.ok && <div className="hud bad" style={{ fontSize: 15, marginBottom: 8 }}>engine not answering: showing the last reading</div>}
      <div className="section-title" style={{ marginTop: 0 }}>
        Sources · {sources.length}
      </div>
      {sources.length === 0 && (
        <div className="empty" style={{ minHeight: 90 }}>
          <strong>No tracking source yet</strong>
          <span>point a rig at OSC, FreeD, OpenTrackIO or /ingest</span>
        </div>
      )}
      {shown.map((s) => (
        <SourceCard key={s.sourceId} source={s} canOffset={canOffset} canConfigure={canConfigure} canRemove={canRemove} />
      ))}
      {folded.length > 0 && (
        <details className="folded-sources" data-testid="folded-sources">
          <summary>
            {folded.length} stale source{folded.length > 1 ? 's' : ''}, silent for over {FOLD_STALE_AFTER_MS / 1000} s
            {canRemove && (
              <button type="button" className="btn small" data-testid="folded-remove-all" onClick={(e) => (e.preventDefault(), void removeSources(session, store, folded.map((s) => s.sourceId)))}>
                Remove all
              </button>
            )}
          </summary>
          {folded.map((s) => (
            <SourceCard key={s.sourceId} source={s} canOffset={canOffset} canConfigure={canConfigure} canRemove={canRemove} />
          ))}
        </details>
      )}
      <div className="section-title">Delay budget · {data.delayBudget.cameraId ?? 'no camera'}</div>
      <DelayBudget budget={data.delayBudget} />
      <div className="section-title">
        Render nodes · {data.renderNodes.length}
        {data.renderSync.skewMsP99 !== null && <span className="dim"> · skew p99 {data.renderSync.skewMsP99.toFixed(1)} ms</span>}
      </div>
      {data.renderNodes.length === 0 ? (
        <div className="dim">no wall render node connected</div>
      ) : (
        <table className="mini" data-testid="render-nodes">
          <thead>
            <tr>
              <th>wall</th>
              <th>fps</th>
              <th>lag</th>
              <th>dropped</th>
              <th title="clock error bound of the node's estimate of the engine clock">clock</th>
              <th>sync</th>
            </tr>
          </thead>
          <tbody>
            {data.renderNodes.map((n) => (
              <tr key={n.clientId}>
                <td>{n.wallId ?? '—'}</td>
                <td className="num">{n.presentedFps.toFixed(0)}</td>
                <td className="num">{n.lagFrames === null ? '—' : `${n.lagFrames} fr`}</td>
                <td className="num">{n.framesDropped}</td>
                <td className="num">{n.clockErrorMs === null ? '—' : `±${n.clockErrorMs.toFixed(1)}`}</td>
                <td className={n.inSync ? 'okc' : 'badc'}>{n.inSync ? 'IN SYNC' : 'OUT'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="section-title">Receivers</div>
      <table className="mini" data-testid="receivers">
        <thead>
          <tr>
            <th>in</th>
            <th>packets</th>
            <th>rejected</th>
          </tr>
        </thead>
        <tbody>
          {data.receivers.map((r) => {
            const reasons = Object.entries(r.rejectedByReason ?? {}).filter(([, n]) => n > 0);
            return (
              <tr key={`${r.protocol}:${r.port}`}>
                <td>
                  {r.protocol}
                  <span className="dim">:{r.port ?? '—'}</span>
                </td>
                <td className="num">{r.datagrams ?? r.messages ?? '—'}</td>
                <td className={reasons.length ? '' : 'dim'} style={reasons.length ? { color: 'var(--warn)' } : undefined}>
                  {reasons.length ? reasons.map(([k, n]) => `${k} ${n}`).join(' · ') : '0'}
                  {r.lastRejection && (
                    <div className="last-reject" data-testid={`receiver-last-reject-${r.protocol}`} title={r.lastRejection.reason}>
                      last: {r.lastRejection.detail} · {formatAgo(r.lastRejection.ageMs)}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

