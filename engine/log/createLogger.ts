// Structured JSON logs (pino): one line per event, quiet by default, `--verbose` for per-packet detail.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { verbose: boolean; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    { name: 'vantage', level: options.verbose ? 'debug' : 'info', base: undefined },
    // Logs go to stderr so stdout stays for the human-readable banner and the simulator's output.
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

/** A logger that drops everything: for tests and benchmarks. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
