// A dependency-free text progress bar for CLIs: redraws one line on a TTY, prints every 10% otherwise.
import type { Writable } from 'node:stream';

export interface ProgressBar {
  update(done: number, total: number, suffix?: string): void;
  /** Finish the line. */
  end(suffix?: string): void;
}

const WIDTH = 30;

export function createProgressBar(stream: Writable & { isTTY?: boolean }, label: string): ProgressBar {
  let lastDecile = -1;
  let lastDrawMs = 0;
  let lastLine = '';
  let printed = ''; // last line written when not a TTY
  const render = (done: number, total: number, suffix: string): string => {
    const f = total <= 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(f * WIDTH);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(f * 100).toFixed(0).padStart(3)}%${suffix ? ' ' + suffix : ''}`;
  };
  return {
    update(done, total, suffix = '') {
      lastLine = render(done, total, suffix);
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDrawMs < 100 && done < total) return; // ~10 redraws a second is plenty
        lastDrawMs = now;
        stream.write(`\r${lastLine}\x1b[K`);
      } else {
        const decile = Math.floor((total <= 0 ? 1 : done / total) * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          printed = lastLine;
          stream.write(lastLine + '\n');
        }
      }
    },
    end(suffix = '') {
      const line = suffix ? lastLine.replace(/%.*$/, `% ${suffix}`) : lastLine;
      if (stream.isTTY) stream.write(`\r${line}\x1b[K\n`);
      else if (line !== printed) stream.write(`${line}\n`);
    },
  };
}
