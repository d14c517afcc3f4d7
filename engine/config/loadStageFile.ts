// Reads the stage JSON named by VP_STAGE / --stage; every failure becomes a ConfigError naming the file and the reason.
import { readFile } from 'node:fs/promises';
import { demoStage } from '../stage/demoStage.ts';
import type { Stage } from '../stage/Stage.ts';
import { parseStageConfig } from '../stage/parseStageConfig.ts';
import { StageConfigError } from '../stage/StageConfig.ts';
import { ConfigError } from './EngineConfig.ts';

/** Largest stage file we read; real ones are a few KiB. */
const MAX_STAGE_FILE_BYTES = 1024 * 1024;

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
    throw new ConfigError(`stage file ${file}: not valid JSON (${(err as Error).message})`);
  }
  try {
    return parseStageConfig(json, file);
  } catch (err) {
    if (err instanceof StageConfigError) throw new ConfigError(err.message);
    throw err;
  }
}
