// The engine's AI director never loads the training tools: no runtime entry point reaches engine/director/training/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RUNTIME_ENTRY_POINTS = ['engine/director/loadSuggestionSource.ts', 'engine/director/worker/suggestionWorker.ts', 'engine/director/model/ModelSuggestionSource.ts'];

/** Every repository file reachable from `entries` through relative imports and re-exports, type-only ones included. */
function importClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = entries.map((e) => resolve(ROOT, e));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue; // packages
      const target = resolve(dirname(file), fileName);
      if (!existsSync(target)) throw new Error(`${relative(ROOT, file)} imports missing ${fileName}`);
      queue.push(target);
    }
  }
  return [...seen].map((f) => relative(ROOT, f)).sort();
}

describe('the runtime director import closure', () => {
  it('holds the model and its inference, and nothing under engine/director/training/', () => {
    const closure = importClosure(RUNTIME_ENTRY_POINTS);
    expect(closure).toEqual(expect.arrayContaining([...RUNTIME_ENTRY_POINTS, 'engine/director/model/SuggestionModel.ts', 'engine/director/model/suggest.ts']));
    expect(closure.filter((f) => f.startsWith('engine/director/training/'))).toEqual([]);
  });
});
