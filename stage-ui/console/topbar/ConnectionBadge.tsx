// Connection to the engine, always on screen: LIVE, CONNECTING, RECONNECTING with the number of tries so far, or
// REFUSED (a token, role or origin the engine will not take: the stage area says why).
import { useConsole } from '../state/ConsoleContext.ts';

export function ConnectionBadge() {
  const { state, attempts, reconnects } = useConsole((s) => s.connection);
  const hasHello = useConsole((s) => s.hello !== null);
  const everConnected = hasHello || reconnects > 0;
  let kind: 'ok' | 'warn' | 'bad';
  let text: string;
  if (state === 'open') {
    kind = 'ok';
    text = 'Live';
  } else if (state === 'refused') {
    kind = 'bad';
    text = 'Refused';
  } else if (!everConnected) {
    kind = 'warn';
    text = attempts > 0 ? `Connecting · ${attempts}` : 'Connecting';
  } else {
    kind = 'bad';
    text = `Reconnecting · ${attempts}`;
  }
  return (
    <span className={`pill ${kind}`} data-testid="connection" data-state={state} title={reconnects > 0 ? `${reconnects} reconnect(s) this session` : 'connection to the engine'}>
      <span className="led" />
      <span className="num">{text}</span>
    </span>
  );
}
