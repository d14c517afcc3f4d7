// Tracking health (operator's panel): every source, then render nodes (lag, sync) and receivers (rejections).
import { useConsole, useCan } from '../state/ConsoleContext.ts';
import { DelayBudget } from './DelayBudget.tsx';
import { formatAgo } from './formatAgo.ts';
import { SourceCard } from './SourceCard.tsx';

export function TrackingHealth() {
  const health = useConsole((s) => s.health);
  const canOffset = useCan('camera.offset');
  const canConfigure = useCan('source.configure');
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
  const sources = [...data.sources].sort((a, b) => a.sourceId.localeCompare(b.sourceId));
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
      {sources.map((s) => (
        <SourceCard key={s.sourceId} source={s} canOffset={canOffset} canConfigure={canConfigure} />
      ))}
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

