import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progressBar.ts';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createProgressBar', () => {
  it('prints one line per 10% when not a TTY, and the final line once', () => {
    const out = sink();
    const bar = createProgressBar(out.stream, 'train');
    for (let i = 0; i <= 100; i++) bar.update(i, 100);
    bar.end();
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe(`train [${'#'.repeat(30)}] 100%`);
    expect(lines[5]).toBe(`train [${'#'.repeat(15)}${'.'.repeat(15)}]  50%`);
  });
});
