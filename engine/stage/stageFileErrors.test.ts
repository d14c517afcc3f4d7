// Writing a stage file by hand: the shipped example and schema are current and load, and a broken file gets every
// problem at once, each at its line and column, with the key a typo most likely meant.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStage } from '../config/loadStageFile.ts';
import { demoStage } from './demoStage.ts';
import { nearestKey } from './nearestKey.ts';
import { EXAMPLE_STAGE_FILE, exampleStageText, STAGE_SCHEMA_FILE, stageSchemaText } from './writeStageSchema.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vantage-stage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(text: string): Promise<string> {
  const file = path.join(dir, 'stage.json');
  await writeFile(file, text);
  return loadStage(file).then(
    () => 'loaded',
    (err: Error) => err.message,
  );
}

describe('stage files', () => {
  it('ships an example and a JSON Schema that are current (npm run stage:schema), and the example loads as the demo stage', async () => {
    expect(await readFile(STAGE_SCHEMA_FILE, 'utf8')).toBe(stageSchemaText());
    expect(await readFile(EXAMPLE_STAGE_FILE, 'utf8')).toBe(exampleStageText());
    const schema = JSON.parse(await readFile(STAGE_SCHEMA_FILE, 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['$schema', 'name', 'walls', 'cameras']));
    const example = await loadStage(EXAMPLE_STAGE_FILE);
    expect(example.walls.map((w) => w.id)).toEqual(demoStage().walls.map((w) => w.id));
    expect(example.walls[0]!.sections.length).toBe(demoStage().walls[0]!.sections.length);
  });

  it('reports every problem at once, each with its line and column, and suggests the key a typo meant', async () => {
    const text = [
      '{', //                                              line 1
      '  "name": "Test",', //                              line 2
      '  "walls": [', //                                   line 3
      '    { "id": "main", "type": "flat",', //            line 4
      '      "corners": { "bottomLeft": [0, 0, 0], "bottomRight": [4, 0, 0], "topLeft": [0, 3, 0] },',
      '      "resolution": [1920, 1080] },', //            line 6: typo, and so resolutionPx is missing
      '    { "id": "ring", "type": "curved", "center": [0, 0], "raduisM": 5, "startAngleDeg": 0, "endAngleDeg": 90,',
      '      "bottomM": 0, "heightM": 3, "segments": 4, "resolutionPx": [800, 300], "facing": "inward" }',
      '  ]', //                                            line 9
      '}',
    ].join('\n');
    const message = await errorOf(text);
    expect(message).toMatch(/problems:/);
    expect(message).toContain('line 6, column 7: walls[0].resolution: unknown key "resolution"; did you mean "resolutionPx"?');
    expect(message).toMatch(/line 4, column 5: walls\[0\]\.resolutionPx: /);
    expect(message).toContain('walls[1].raduisM: unknown key "raduisM"; did you mean "radiusM"?');
    expect(message).toContain('line 7, column 57: walls[1].raduisM');
  });

  it('places a JSON syntax error at its line and column, not "position 65"', async () => {
    const message = await errorOf('{\n  "name": "Test",\n  }');
    expect(message).toContain('not valid JSON: line 3, column 3: ');
    expect(message).not.toContain('position');
  });

  it('suggests near misses and nothing for strangers', () => {
    const known = ['resolutionPx', 'radiusM', 'startAngleDeg', 'endAngleDeg', 'outerViewpoint'];
    expect(nearestKey('resolution', known)).toBe('resolutionPx');
    expect(nearestKey('raduisM', known)).toBe('radiusM');
    expect(nearestKey('startAngle', known)).toBe('startAngleDeg');
    expect(nearestKey('outerViewPoint', known)).toBe('outerViewpoint');
    expect(nearestKey('colour', known)).toBeUndefined();
  });
});
