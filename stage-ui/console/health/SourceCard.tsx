// One tracking source: protocol, live/stale (big red when stale), rate, latency, jitter, age, a 60 s sparkline,
// raw lens encoder counts (FreeD, for calibration), an assumed-sensor badge, rejected samples by reason, and
// (for operators) the latency offset and jitter filter tuning, and Remove on a dead one.
import { useConsole, useSession, useStore } from '../state/ConsoleContext.ts';
import { formatEncoders } from './formatEncoders.ts';
import type { SourceHealthWire } from './HealthWire.ts';
import { removeSources } from './removeSources.ts';
import { SourceTuning } from './SourceTuning.tsx';
import { Sparkline } from './Sparkline.tsx';
import { formatAgo } from './formatAgo.ts';

export function SourceCard({ source, canOffset, canConfigure, canRemove }: { source: SourceHealthWire; canOffset: boolean; canConfigure: boolean; canRemove: boolean }) {
  const store = useStore();
  const session = useSession();
  const version = useConsole((s) => s.health.polledAtMs);
  const rejected = Object.entries(source.rejected).filter(([, n]) => n > 0);
  const encoders = formatEncoders(source.encoders);
  return (
    <div className={`src${source.stale ? ' stale' : ''}`} data-testid={`source-${source.sourceId}`} data-stale={source.stale}>
      <div className="head">
        <span className="id" title={source.sourceId}>
          {source.sourceId}
        </span>
        <span className="proto">{source.protocol}</span>
        {source.stale ? <span className="state stale">STALE</span> : <span className="state live">● LIVE</span>}
        {source.stale && canRemove && (
          <button type="button" className="btn small" data-testid="source-remove" title={REMOVE_TIP} onClick={() => void removeSources(session, store, [source.sourceId])}>
            Remove
          </button>
        )}
      </div>
      <div className="stats">
        <Stat k="Rate" v={source.rateHz.toFixed(1)} unit="Hz" testId="rate" />
        <Stat k="Latency" v={source.latencyMs === null ? '—' : source.latencyMs.toFixed(1)} unit={source.latencyMs === null ? '' : 'ms'} />
        <Stat k="Jitter" v={source.jitterMs.toFixed(1)} unit="ms" />
        <Stat k="Age" v={source.lastSeenAgeMs === null ? '—' : formatAge(source.lastSeenAgeMs)} unit={source.lastSeenAgeMs === null || source.lastSeenAgeMs >= 10000 ? '' : 'ms'} />
      </div>
      <Sparkline series={store.healthHistory.get(source.sourceId)} version={version} />
      <div className="legend">
        <span><i style={{ background: '#3ddc84' }} />rate</span>
        <span><i style={{ background: '#ffc53d' }} />latency</span>
        <span>last 60 s</span>
        <span style={{ marginLeft: 'auto' }}>offset {source.latencyOffsetMs} ms</span>
      </div>
      {(source.sensorAssumed || encoders) && (
        <div className="lens">
          {source.sensorAssumed && (
            <span className="assumed" data-testid="source-sensor-assumed" title={SENSOR_ASSUMED_TIP}>
              sensor assumed
            </span>
          )}
          {encoders && (
            <span className="encoders" data-testid="source-encoders" title={ENCODERS_TIP}>
              {encoders}
            </span>
          )}
        </div>
      )}
      {rejected.length > 0 && (
        <div className="rejects" data-testid="source-rejects">
          rejected: {rejected.map(([reason, n]) => `${reason} ${n}`).join(' · ')}
          {source.lastRejection && (
            <div className="last-reject" data-testid="source-last-reject" title={source.lastRejection.reason}>
              last: {source.lastRejection.detail} · {formatAgo(source.lastRejection.ageMs)}
            </div>
          )}
        </div>
      )}
      {(canOffset || canConfigure) && <SourceTuning source={source} canOffset={canOffset} canConfigure={canConfigure} />}
    </div>
  );
}

const REMOVE_TIP = 'Forget this dead source. If it was its camera\'s last one, the camera leaves the stage view and the walls until it reports again.';
const ENCODERS_TIP = "Raw zoom and focus encoder counts, as the source sends them: pair them with the focal lengths and focus distances you measure in the stage file's freedLensTable.";
const SENSOR_ASSUMED_TIP =
  "This source has not reported its sensor size, so the lens uses the stage camera's sensor (Super 35, 24.89 × 18.66 mm, for a camera not on the stage). Field of view and inner frustum are only right if that matches the camera.";

function Stat({ k, v, unit, testId }: { k: string; v: string; unit: string; testId?: string }) {
  return (
    <div className="stat">
      <span className="k">{k}</span>
      <span className="v" data-testid={testId}>
        {v} <small>{unit}</small>
      </span>
    </div>
  );
}

function formatAge(ms: number): string {
  return ms >= 10000 ? `${(ms / 1000).toFixed(0)} s` : ms.toFixed(0);
}
