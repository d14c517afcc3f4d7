// The architecture's import rules as data, and a checker that reads import statements (no compiler needed).
import path from 'node:path';

export interface SourceFile {
  /** Repository-relative, forward slashes. */
  path: string;
  source: string;
}

export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

interface Rule {
  name: string;
  /** Files the rule applies to. */
  from: (file: string) => boolean;
  /** An import target (repository-relative) the rule forbids for those files. */
  forbids: (target: string) => boolean;
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f) || f.startsWith('test/') || f.startsWith('bench/');
const under = (dir: string) => (f: string) => f.startsWith(dir);

export const IMPORT_RULES: readonly Rule[] = [
  {
    name: 'stage-ui imports nothing of engine/ but engine/protocol/, and of camera-bridge/ only its math',
    from: under('stage-ui/'),
    forbids: (t) => (t.startsWith('engine/') && !t.startsWith('engine/protocol/')) || (t.startsWith('camera-bridge/') && !t.startsWith('camera-bridge/math/')),
  },
  { name: 'render nodes never import the console', from: under('stage-ui/wall/'), forbids: under('stage-ui/console/') },
  { name: 'the engine never imports stage-ui', from: under('engine/'), forbids: under('stage-ui/') },
  { name: 'camera-bridge imports nothing of engine/', from: under('camera-bridge/'), forbids: under('engine/') },
  {
    name: 'engine/protocol is the contract: it imports only itself',
    from: under('engine/protocol/'),
    forbids: (t) => !t.startsWith('engine/protocol/'),
  },
  {
    name: 'the AI director is free of the transport: no live/, http/ or server/',
    from: under('engine/director/'),
    forbids: (t) => t.startsWith('engine/live/') || t.startsWith('engine/http/') || t.startsWith('engine/server/'),
  },
  {
    name: 'moves know nothing of who starts them or how frames travel',
    from: under('engine/moves/'),
    forbids: (t) => ['engine/director/', 'engine/frame/', 'engine/live/', 'engine/http/', 'engine/server/'].some((d) => t.startsWith(d)),
  },
  {
    name: 'runtime code never imports the training tools',
    from: (f) => !isTest(f) && !f.startsWith('engine/director/training/') && !f.startsWith('assets/build/'),
    forbids: under('engine/director/training/'),
  },
];

const IMPORT_PATTERN = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative import specifiers of a file, resolved to repository-relative paths (package imports are skipped). */
export function importTargets(file: SourceFile): string[] {
  const out: string[] = [];
  for (const m of file.source.matchAll(IMPORT_PATTERN)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec || !spec.startsWith('.')) continue;
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file.path), spec)));
  }
  return out;
}

export function findViolations(files: readonly SourceFile[], rules: readonly Rule[] = IMPORT_RULES): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    const targets = importTargets(file);
    for (const rule of rules) {
      if (!rule.from(file.path)) continue;
      for (const t of targets) if (rule.forbids(t)) out.push({ file: file.path, imports: t, rule: rule.name });
    }
  }
  return out;
}
