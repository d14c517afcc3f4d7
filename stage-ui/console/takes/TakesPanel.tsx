// Takes: record (director), the playing take's transport, the selected take's timeline of decisions, and every
// take newest first with Play (director) and exports (everyone). The list reloads when the tab opens.
import { useEffect, useState } from 'react';
import { useCan, useConsole, useStore } from '../state/ConsoleContext.ts';
import { TakeRecordForm } from './TakeRecordForm.tsx';
import { TakeRow } from './TakeRow.tsx';
import { takeLabel } from './takeLabels.ts';
import { loadTakes } from './takeLibrary.ts';
import { TakeTimeline } from './TakeTimeline.tsx';
import { TakeTransport } from './TakeTransport.tsx';
import './takes.css';

export function TakesPanel() {
  const store = useStore();
  const canRecord = useCan('take.start');
  const canPlay = useCan('take.play');
  const takes = useConsole((s) => s.takes);
  const playingId = useConsole((s) => s.frame?.take?.playback?.takeId ?? null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    void loadTakes(store);
  }, [store]);
  // A take that starts playing (from here or another console) is the one to look at.
  useEffect(() => {
    if (playingId) setSelectedId(playingId);
  }, [playingId]);

  const finished = takes.list.filter((t) => t.state !== 'recording');
  const selected = finished.find((t) => t.id === selectedId) ?? finished[0] ?? null;
  const playing = takes.list.find((t) => t.id === playingId);
  return (
    <div className="panel-body takes" data-testid="takes-panel">
      {canRecord && (
        <>
          <div className="section-title" style={{ marginTop: 0 }}>
            Record
          </div>
          <TakeRecordForm />
        </>
      )}
      {playingId && <TakeTransport label={playing ? takeLabel(playing.slate, playing.takeNumber) : playingId} />}
      {selected && (
        <>
          <div className="section-title">
            Timeline · {takeLabel(selected.slate, selected.takeNumber)}
            {selected.description && <span className="title-desc"> · {selected.description}</span>}
          </div>
          <TakeTimeline take={selected} canPlay={canPlay} />
        </>
      )}
      <div className="section-title">Takes{takes.list.length > 0 && ` · ${takes.list.length}`}</div>
      {takes.status === 'loading' && takes.list.length === 0 && <div className="dim">reading takes…</div>}
      {takes.status === 'unavailable' && <div className="empty">this engine does not record takes</div>}
      {takes.status === 'error' && takes.list.length === 0 && <div className="empty">could not read the takes</div>}
      {takes.status === 'ok' && takes.list.length === 0 && (
        <div className="empty" data-testid="takes-empty">
          <strong>No takes yet</strong>
          <span>{canRecord ? 'Record captures every frame and decision; play it back on the walls or export it for post' : 'the director records takes; they appear here to play back and export'}</span>
        </div>
      )}
      {takes.list.map((t) => (
        <TakeRow key={t.id} take={t} selected={t.id === selected?.id} playing={t.id === playingId} canPlay={canPlay} onSelect={setSelectedId} />
      ))}
    </div>
  );
}
