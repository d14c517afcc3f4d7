// Recording a take (director): slate, take number (blank: the slate's next), description; Record becomes Stop while
// a take records. The frame's `take.recording` is the truth, so a second console sees the same button.
import { useState } from 'react';
import { useConsole, useSession, useStore } from '../state/ConsoleContext.ts';
import { takeLabel } from './takeLabels.ts';

export function TakeRecordForm() {
  const session = useSession();
  const store = useStore();
  const recordingId = useConsole((s) => s.frame?.take?.recording?.takeId ?? null);
  const recordingSlate = useConsole((s) => s.frame?.take?.recording?.slate ?? '');
  const recordingNumber = useConsole((s) => s.frame?.take?.recording?.takeNumber ?? 0);
  // Starts on the newest take's slate: the next take is usually another of the same shot.
  const [slate, setSlate] = useState(() => store.get().takes.list[0]?.slate ?? '');
  const [takeNumber, setTakeNumber] = useState('');
  const [description, setDescription] = useState('');
  // Between the click and the frame that shows the change: no second command.
  const [busy, setBusy] = useState(false);

  const record = async () => {
    setBusy(true);
    const n = Number(takeNumber);
    const ack = await session.command('take.start', {
      ...(slate.trim() && { slate: slate.trim() }),
      ...(takeNumber.trim() && Number.isInteger(n) && n > 0 && { takeNumber: n }),
      ...(description.trim() && { description: description.trim() }),
    });
    setBusy(false);
    if (ack.ok) setTakeNumber(''); // the next one is the slate's next again
  };
  const stop = async () => {
    setBusy(true);
    await session.command('take.stop');
    setBusy(false);
  };

  return (
    <form
      className={`take-record${recordingId ? ' recording' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy && !recordingId) void record();
      }}
    >
      <div className="fields">
        <label className="field slate">
          Slate
          <input type="text" data-testid="take-slate" value={slate} maxLength={64} placeholder="A001" disabled={!!recordingId} onChange={(e) => setSlate(e.target.value)} />
        </label>
        <label className="field number">
          Take
          <input type="number" data-testid="take-number" value={takeNumber} min={1} max={9999} placeholder="next" disabled={!!recordingId} onChange={(e) => setTakeNumber(e.target.value)} />
        </label>
        <label className="field description">
          Description
          <input type="text" data-testid="take-description" value={description} maxLength={2000} placeholder="optional" disabled={!!recordingId} onChange={(e) => setDescription(e.target.value)} />
        </label>
      </div>
      {recordingId ? (
        <button type="button" className="btn big danger rec-button" data-testid="take-stop" disabled={busy} onClick={() => void stop()}>
          ■ Stop {takeLabel(recordingSlate, recordingNumber)}
        </button>
      ) : (
        <button type="submit" className="btn big rec-button" data-testid="take-record" disabled={busy}>
          <span className="rec-dot" /> Record
        </button>
      )}
    </form>
  );
}
