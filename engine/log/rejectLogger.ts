// Refused tracking input in the log without --verbose, but never a flood: per protocol, the first refusal of each
// reason at once (with its reason in words), then at most one line per interval saying how many more there were.
import type { Logger } from './createLogger.ts';

const INTERVAL_S = 5;

export function rejectLogger(log: Logger, protocol: string, nowS: () => number) {
  const lastLoggedS = new Map<string, number>();
  const suppressed = new Map<string, number>();
  return (reason: string, detail: string, sender?: { address: string; port: number }) => {
    const t = nowS();
    const last = lastLoggedS.get(reason) ?? -Infinity;
    if (t - last < INTERVAL_S) {
      suppressed.set(reason, (suppressed.get(reason) ?? 0) + 1);
      return;
    }
    const more = suppressed.get(reason) ?? 0;
    suppressed.set(reason, 0);
    lastLoggedS.set(reason, t);
    log.warn({ protocol, reason, detail, sender: sender && `${sender.address}:${sender.port}`, ...(more > 0 && { alsoRefusedSinceLastLine: more }) }, 'tracking input refused');
  };
}
