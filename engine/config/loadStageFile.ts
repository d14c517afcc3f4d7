// Reads the stage JSON named by VP_STAGE / --stage; every failure becomes a ConfigError naming the file and the reason.
import { readFile } from 'node:fs/promises';
import { demoStage } from '../stage/demoStage.ts';
import type { Stage } from '../stage/Stage.ts';
import { lineColumnAt } from '../stage/jsonLocations.ts';
import { parseStageConfig } from '../stage/parseStageConfig.ts';
import { StageConfigError } from '../stage/StageConfig.ts';
import { ConfigError } from './EngineConfig.ts';

/** Largest stage file we read; real ones are a few KiB. */
const MAX_STAGE_FILE_BYTES = 1024 * 1024;

/** JSON.parse's "… at position 65" (or "(line 3 column 5)") as "line 3, column 5: …". */
export function jsonErrorWithLocation(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const { line, column } = lineColumnAt(text, Number(position));
  return `line ${line}, column ${column}: ${message.replace(/\s*(in JSON )?at position \d+( \(line \d+ column \d+\))?/, '')}`;
}

export async function loadStage(file: string | undefined): Promise<Stage> {
  if (file === undefined) return demoStage();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`stage file ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message}`);
  }
  if (text.length > MAX_STAGE_FILE_BYTES) throw new ConfigError(`stage file ${file}: larger than 1 MiB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`stage file ${file}: not valid JSON: ${jsonErrorWithLocation(text, (err as Error).message)}`);
  }
  try {
    return parseStageConfig(json, file, text);
  } catch (err) {
    if (err instanceof StageConfigError) throw new ConfigError(err.message);
    throw err;
  }
}
