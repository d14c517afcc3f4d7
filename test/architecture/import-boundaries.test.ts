import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations, importTargets, IMPORT_RULES, type SourceFile } from '../support/importBoundaries.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function projectSources(): SourceFile[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', '*.ts', '*.tsx', '*.mjs'], { cwd: ROOT, encoding: 'utf8' });
  return listed
    .split('\n')
    .filter(Boolean)
    .flatMap((p) => {
      try {
        return [{ path: p, source: readFileSync(path.join(ROOT, p), 'utf8') }];
      } catch {
        return []; // deleted in the working tree
      }
    });
}

describe('import boundaries', () => {
  it('every source file keeps the architecture rules', () => {
    const files = projectSources();
    expect(files.length).toBeGreaterThan(200);
    expect(findViolations(files)).toEqual([]);
  });

  it('reads static, re-export, side-effect and dynamic imports, and resolves them from the file', () => {
    const file: SourceFile = {
      path: 'stage-ui/console/x.ts',
      source: [
        "import type { A } from '../../engine/protocol/LiveMessages.ts';",
        "import { b,\n  c } from './b.ts';",
        "export { d } from '../../engine/live/LiveServer.ts';",
        "import './side.css';",
        "const m = await import('../wall/main.ts');",
        "import three from 'three';",
      ].join('\n'),
    };
    expect(importTargets(file)).toEqual(['engine/protocol/LiveMessages.ts', 'stage-ui/console/b.ts', 'engine/live/LiveServer.ts', 'stage-ui/console/side.css', 'stage-ui/wall/main.ts']);
  });

  // Each rule, broken once on purpose: the checker must name it.
  const broken: [string, SourceFile][] = [
    ['stage-ui', { path: 'stage-ui/console/App.tsx', source: "import { Engine } from '../../engine/Engine.ts';" }],
    ['stage-ui', { path: 'stage-ui/scene/x.ts', source: "import { TrackingHub } from '../../camera-bridge/TrackingHub.ts';" }],
    ['render nodes', { path: 'stage-ui/wall/main.ts', source: "import { ConsoleApp } from '../console/ConsoleApp.tsx';" }],
    ['never imports stage-ui', { path: 'engine/http/x.ts', source: "import { y } from '../../stage-ui/wall/main.ts';" }],
    ['camera-bridge', { path: 'camera-bridge/TrackingHub.ts', source: "import { Engine } from '../engine/Engine.ts';" }],
    ['contract', { path: 'engine/protocol/commands.ts', source: "import type { Stage } from '../stage/Stage.ts';" }],
    ['transport', { path: 'engine/director/DirectorSession.ts', source: "import type { LiveServer } from '../live/LiveServer.ts';" }],
    ['transport', { path: 'engine/director/worker/x.ts', source: "import { sendJson } from '../../http/sendJson.ts';" }],
    ['moves', { path: 'engine/moves/MoveController.ts', source: "import type { FrameComposer } from '../frame/FrameComposer.ts';" }],
    ['training', { path: 'engine/director/model/SuggestionModel.ts', source: "import { generateSituations } from '../training/shotGrammar.ts';" }],
  ];
  it.each(broken)('catches a file that breaks the %s rule', (ruleWord, file) => {
    const v = findViolations([file]);
    expect(v).toHaveLength(1);
    expect(v[0]!.rule).toContain(ruleWord);
  });

  it('lets tests and benchmarks use the training tools', () => {
    expect(findViolations([{ path: 'bench/suites/x.ts', source: "import { g } from '../../engine/director/training/shotGrammar.ts';" }])).toEqual([]);
    expect(IMPORT_RULES.length).toBe(8);
  });
});
