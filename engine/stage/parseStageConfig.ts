// Stage file JSON → the resolved stage model (walls split into sections), or a StageConfigError naming every problem,
// each with its line and column in the file and, for a mistyped key, the key it most likely meant.
import { z } from 'zod';
import { formatIssuePath } from '../protocol/formatIssuePath.ts';
import { jsonLocations, type JsonLocations } from './jsonLocations.ts';
import { nearestKey } from './nearestKey.ts';
import { resolveStage, type Stage } from './Stage.ts';
import { StageConfigError, StageConfigSchema, type StageConfigIssue } from './StageConfig.ts';

/** Every property name the schema knows, anywhere (for "did you mean"), from its JSON Schema. */
const KNOWN_KEYS: readonly string[] = [...collectKeys(stageJsonSchema(), new Set<string>())];

/** The stage file's JSON Schema (editors complete and check a file whose `$schema` points at it). */
export function stageJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(StageConfigSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as { properties?: Record<string, unknown> };
  // A file may name its schema; the engine ignores the key.
  schema.properties = { $schema: { type: 'string', description: 'path or URL of this schema, for editors' }, ...schema.properties };
  return { title: 'Vantage stage file (VP_STAGE)', ...schema };
}

/** Validate parsed JSON and resolve it into the stage model; throws `StageConfigError`. `text`: the file, for locations. */
export function parseStageConfig(json: unknown, sourceName: string, text?: string): Stage {
  const schemaField = typeof json === 'object' && json !== null && '$schema' in json;
  const input = schemaField ? Object.fromEntries(Object.entries(json as object).filter(([k]) => k !== '$schema')) : json;
  const parsed = StageConfigSchema.safeParse(input);
  if (!parsed.success) {
    const where = text === undefined ? undefined : jsonLocations(text);
    throw new StageConfigError(sourceName, parsed.error.issues.flatMap((issue) => describe(issue, where)));
  }
  return resolveStage(parsed.data);
}

function describe(issue: z.core.$ZodIssue, where: JsonLocations | undefined): StageConfigIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const guess = nearestKey(key, KNOWN_KEYS);
      return { path: formatIssuePath([...issue.path, key]), reason: `unknown key "${key}"${guess ? `; did you mean "${guess}"?` : ''}`, ...where?.keyAt(issue.path, key) };
    });
  }
  return [{ path: formatIssuePath(issue.path), reason: issue.message, ...where?.valueAt(issue.path) }];
}

function collectKeys(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) collectKeys(n, out);
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' && typeof v === 'object' && v !== null) for (const name of Object.keys(v)) out.add(name);
      collectKeys(v, out);
    }
  }
  return out;
}
