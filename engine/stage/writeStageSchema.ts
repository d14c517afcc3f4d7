// `npm run stage:schema`: writes engine/stage/stage.schema.json from the zod schema, and the example stage file from
// the built-in demo stage (a test checks both are current).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_STAGE_CONFIG } from './demoStage.ts';
import { stageJsonSchema } from './parseStageConfig.ts';

export const STAGE_SCHEMA_FILE = path.join(import.meta.dirname, 'stage.schema.json');
export const EXAMPLE_STAGE_FILE = path.join(import.meta.dirname, 'example-stage.json');

export function stageSchemaText(): string {
  return JSON.stringify(stageJsonSchema(), null, 2) + '\n';
}

export function exampleStageText(): string {
  return JSON.stringify({ $schema: './stage.schema.json', ...DEMO_STAGE_CONFIG }, null, 2) + '\n';
}

if (process.argv[1] === import.meta.filename) {
  await writeFile(STAGE_SCHEMA_FILE, stageSchemaText());
  await writeFile(EXAMPLE_STAGE_FILE, exampleStageText());
  process.stdout.write(`wrote ${STAGE_SCHEMA_FILE} and ${EXAMPLE_STAGE_FILE}\n`);
}
