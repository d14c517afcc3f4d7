// One take in the list: slate and number, timecode in → out, duration, a RECOVERED / FAILED badge (the note as its
// tooltip), Play (director) and a download link per export format (everyone).
import type { TakeManifestWire } from '../../../engine/protocol/takes.ts';
import { useSession } from '../state/ConsoleContext.ts';
import { durationLabel, takeLabel } from './takeLabels.ts';
import { downloadTakeExport, TAKE_EXPORT_FORMATS, takeExportUrl } from './takeLibrary.ts';

export interface TakeRowProps {
  take: TakeManifestWire;
  selected: boolean;
  /** This take is on the walls now. */
  playing: boolean;
  canPlay: boolean;
  onSelect: (takeId: string) => void;
}

export function TakeRow({ take: t, selected, playing, canPlay, onSelect }: TakeRowProps) {
  const session = useSession();
  const recording = t.state === 'recording';
  const play = () => {
    onSelect(t.id);
    void session.command('take.play', { takeId: t.id });
  };
  return (
    <div
      className={`take-row${selected ? ' selected' : ''}${playing ? ' playing' : ''}`}
      data-testid="take-row"
      data-take-id={t.id}
      data-state={t.state}
      onClick={() => !recording && onSelect(t.id)}
    >
      <div className="line1">
        <span className="label">{takeLabel(t.slate, t.takeNumber)}</span>
        {recording && <span className="badge rec">REC</span>}
        {(t.state === 'recovered' || t.state === 'failed') && (
          <span className={`badge ${t.state}`} data-testid="take-badge" title={t.note ?? t.state}>
            {t.state.toUpperCase()}
          </span>
        )}
        {playing && <span className="badge play">ON WALLS</span>}
        {!recording && <span className="duration num">{durationLabel(t.durationS)}</span>}
      </div>
      <div className="tc num" title={`${t.frameCount} frames at ${t.fps} fps`}>
        {t.timecodeIn} → {t.timecodeOut ?? 'recording'}
        <span className="dim"> · {t.frameCount} fr</span>
      </div>
      {t.description && (
        <div className="desc" title={t.description}>
          {t.description}
        </div>
      )}
      {!recording && (
        <div className="actions">
          {canPlay && (
            <button
              type="button"
              className={`btn small${playing ? ' active' : ''}`}
              data-testid="take-play"
              disabled={t.frameCount === 0}
              title="play it on the walls (live tracking steps aside)"
              onClick={(e) => {
                e.stopPropagation();
                play();
              }}
            >
              ▶ Play
            </button>
          )}
          <span className="exports" title="download for post (active camera)">
            {TAKE_EXPORT_FORMATS.map((f) => (
              <a
                key={f}
                className="export"
                href={takeExportUrl(t.id, f)}
                download
                data-testid={`take-export-${f}`}
                onClick={(e) => {
                  // The link has no token (it would sit in the download list): fetch with the header instead.
                  e.preventDefault();
                  e.stopPropagation();
                  void downloadTakeExport(t.id, f).catch((err: Error) => console.warn('export failed:', err.message));
                }}
              >
                {f.toUpperCase()}
              </a>
            ))}
          </span>
        </div>
      )}
    </div>
  );
}
