// Stage file JSON → the resolved stage model (walls split into sections), or a StageConfigError naming every problem.
import { formatIssuePath } from '../protocol/formatIssuePath.ts';
import { resolveStage, type Stage } from './Stage.ts';
import { StageConfigError, StageConfigSchema } from './StageConfig.ts';

/** Validate parsed JSON and resolve it into the stage model; throws `StageConfigError`. */
export function parseStageConfig(json: unknown, sourceName: string): Stage {
  const parsed = StageConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new StageConfigError(
      sourceName,
      parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), reason: issue.message })),
    );
  }
  return resolveStage(parsed.data);
}
