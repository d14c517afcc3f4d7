// Stage file validation: valid files gain their defaults, and every problem names its field path and reason.
import { describe, expect, it } from 'vitest';
import { formatIssuePath } from '../protocol/formatIssuePath.ts';
import { parseStageConfig } from './parseStageConfig.ts';
import { StageConfigError, type StageConfigInput } from './StageConfig.ts';

/** A small valid stage: curved main wall, a flat side wall, a ceiling. Tests break one thing at a time. */
function validConfig(): StageConfigInput & { walls: any[]; cameras: any[] } {
  return {
    name: 'Test stage',
    walls: [
      { id: 'main', type: 'curved', center: [0, 0], radiusM: 6, startAngleDeg: -60, endAngleDeg: 60, bottomM: 0, heightM: 4, segments: 8, resolutionPx: [4096, 1024] },
      { id: 'side-left', type: 'flat', corners: { bottomLeft: [-5, 0, 2], bottomRight: [-5, 0, -2], topLeft: [-5, 3, 2] }, resolutionPx: [1024, 768] },
      { id: 'ceiling', type: 'ceiling', corners: { bottomLeft: [-3, 4.5, -3], bottomRight: [3, 4.5, -3], topLeft: [-3, 4.5, 1] }, resolutionPx: [1536, 1024] },
    ],
    cameras: [{ id: 'cam-a', sensorWidthMm: 24.89, sensorHeightMm: 18.66 }],
  };
}

/** Parse `json` as "stage.json" and return the StageConfigError it must throw. */
function errorFor(json: unknown): StageConfigError {
  try {
    parseStageConfig(json, 'stage.json');
  } catch (err) {
    expect(err).toBeInstanceOf(StageConfigError);
    return err as StageConfigError;
  }
  throw new Error('expected parseStageConfig to throw');
}

describe('parseStageConfig', () => {
  it('accepts a valid file and fills defaults (outer viewpoint (0, 1.7, 0), cameras unlocked, no safe volume)', () => {
    const stage = parseStageConfig(validConfig(), 'stage.json');
    expect(stage.name).toBe('Test stage');
    expect(stage.walls.map((w) => [w.id, w.type, w.sections.length])).toEqual([
      ['main', 'curved', 8],
      ['side-left', 'flat', 1],
      ['ceiling', 'ceiling', 1],
    ]);
    expect(stage.outerViewpoint).toEqual([0, 1.7, 0]);
    expect(stage.lockCameras).toBe(false);
    expect(stage.safeVolume).toBeUndefined();
    expect(stage.cameras).toEqual([
      { id: 'cam-a', sensorWidthMm: 24.89, sensorHeightMm: 18.66, color: '#ffb020', innerFrustum: { enabled: true, overscanPct: 15, priority: 1 } },
    ]);
  });

  it('keeps lockCameras, outerViewpoint and safeVolume when given', () => {
    const stage = parseStageConfig({ ...validConfig(), lockCameras: true, outerViewpoint: [0, 1.6, 1], safeVolume: { min: [-2, 0, -1], max: [2, 3, 4] } }, 'stage.json');
    expect(stage.lockCameras).toBe(true);
    expect(stage.outerViewpoint).toEqual([0, 1.6, 1]);
    expect(stage.safeVolume).toEqual({ min: [-2, 0, -1], max: [2, 3, 4] });
  });

  it('a flat wall that is not a rectangle: names walls[1].corners', () => {
    const config = validConfig();
    config.walls[1].corners.topLeft = [-5, 3, 2.1]; // leans: edges no longer perpendicular
    const err = errorFor(config);
    expect(err.message).toMatch(/^stage\.json: walls\[1\]\.corners: not a rectangle/);
    expect(err.code).toBe('VP_ERR_STAGE_CONFIG');
    expect(err.sourceName).toBe('stage.json');
    expect(err.issues[0]?.path).toBe('walls[1].corners');
  });

  it('a flat wall of zero size: names walls[1].corners', () => {
    const config = validConfig();
    config.walls[1].corners.bottomRight = [-5, 0, 2];
    expect(errorFor(config).message).toMatch(/^stage\.json: walls\[1\]\.corners: .*needs a width/);
  });

  it('duplicate wall ids: names the second one, walls[2].id, and the first', () => {
    const config = validConfig();
    config.walls[2].id = 'main';
    expect(errorFor(config).message).toBe('stage.json: walls[2].id: duplicate wall id "main" (also walls[0])');
  });

  it('duplicate camera ids: names cameras[1].id', () => {
    const config = validConfig();
    config.cameras.push({ id: 'cam-a', sensorWidthMm: 36, sensorHeightMm: 24 });
    expect(errorFor(config).message).toBe('stage.json: cameras[1].id: duplicate camera id "cam-a" (also cameras[0])');
  });

  it('curved wall with segments 0: names walls[0].segments', () => {
    const config = validConfig();
    config.walls[0].segments = 0;
    expect(errorFor(config).message).toMatch(/^stage\.json: (\d+ problems:\n  )?walls\[0\]\.segments: /);
  });

  it('curved wall with non-integer or too many segments: names walls[0].segments', () => {
    const config = validConfig();
    config.walls[0].segments = 2.5;
    expect(errorFor(config).issues[0]?.path).toBe('walls[0].segments');
    config.walls[0].segments = 65;
    expect(errorFor(config).issues[0]?.path).toBe('walls[0].segments');
  });

  it('curved wall with a negative radius: names walls[0].radiusM', () => {
    const config = validConfig();
    config.walls[0].radiusM = -6;
    expect(errorFor(config).message).toBe('stage.json: walls[0].radiusM: Too small: expected number to be >0');
  });

  it('curved wall whose end angle is not after its start: names walls[0].endAngleDeg', () => {
    const config = validConfig();
    config.walls[0].endAngleDeg = -60;
    expect(errorFor(config).message).toBe('stage.json: walls[0].endAngleDeg: endAngleDeg must be greater than startAngleDeg');
  });

  it('curved wall with chords of 180° or more: names walls[0].segments', () => {
    const config = validConfig();
    Object.assign(config.walls[0], { startAngleDeg: -180, endAngleDeg: 180, segments: 2 });
    expect(errorFor(config).message).toMatch(/^stage\.json: walls\[0\]\.segments: each segment would span 180°/);
  });

  it('a ceiling facing up: names walls[2].corners', () => {
    const config = validConfig();
    // Swapping bottomRight and topLeft flips the normal to +Y.
    config.walls[2].corners = { bottomLeft: [-3, 4.5, -3], bottomRight: [-3, 4.5, 1], topLeft: [3, 4.5, -3] };
    expect(errorFor(config).message).toMatch(/^stage\.json: walls\[2\]\.corners: a ceiling must face down/);
  });

  it('a ceiling that is not level: names walls[2].corners', () => {
    const config = validConfig();
    config.walls[2].corners = { bottomLeft: [-3, 4.5, -3], bottomRight: [3, 4.5, -3], topLeft: [-3, 5, 1] };
    expect(errorFor(config).message).toMatch(/^stage\.json: walls\[2\]\.corners: a ceiling must be level/);
  });

  it('an unknown wall type: names walls[1].type and the allowed ones', () => {
    const config = validConfig();
    config.walls[1].type = 'dome';
    expect(errorFor(config).message).toBe('stage.json: walls[1].type: type must be one of "flat", "curved", "ceiling"');
  });

  it('missing walls, or none: names walls', () => {
    const { walls: _dropped, ...noWalls } = validConfig();
    expect(errorFor(noWalls).message).toMatch(/^stage\.json: walls: .*expected array/);
    expect(errorFor({ ...validConfig(), walls: [] }).message).toMatch(/^stage\.json: walls: Too small/);
  });

  it('no cameras: names cameras', () => {
    expect(errorFor({ ...validConfig(), cameras: [] }).message).toMatch(/^stage\.json: cameras: Too small/);
  });

  it('a bad wall id: names walls[0].id', () => {
    const config = validConfig();
    config.walls[0].id = 'Main Wall';
    expect(errorFor(config).message).toMatch(/^stage\.json: walls\[0\]\.id: id must be 1-32 of a-z/);
  });

  it('a resolution that is not a whole pixel count in 1..16384: names walls[1].resolutionPx[0]', () => {
    const config = validConfig();
    config.walls[1].resolutionPx = [1024.5, 768];
    expect(errorFor(config).issues[0]?.path).toBe('walls[1].resolutionPx[0]');
    config.walls[1].resolutionPx = [1024, 20000];
    expect(errorFor(config).issues[0]?.path).toBe('walls[1].resolutionPx[1]');
  });

  it('a misspelt field is an error, not silently ignored: names the object', () => {
    const config = validConfig();
    config.walls[0].raduisM = 6;
    expect(errorFor(config).message).toBe('stage.json: walls[0].raduisM: unknown key "raduisM"; did you mean "radiusM"?');
  });

  it('a safe volume with min above max: names safeVolume.max[1]', () => {
    const err = errorFor({ ...validConfig(), safeVolume: { min: [0, 2, 0], max: [1, 1, 1] } });
    expect(err.message).toBe('stage.json: safeVolume.max[1]: max[1] (1) is below min[1] (2)');
  });

  it('keeps a FreeD camera\'s freedLensTable (zoom and focus curves) as written', () => {
    const config = validConfig();
    const freedLensTable = { sensorWidthMm: 9.59, zoom: [[0x1000, 10], [0x8000, 50], [0xf000, 100]], focus: [[0x200, 0.5], [0x1200, 2]] };
    config.cameras.push({ id: 'freed-1', sensorWidthMm: 9.59, sensorHeightMm: 5.39, freedLensTable });
    const stage = parseStageConfig(config, 'stage.json');
    expect(stage.cameras[1]).toMatchObject({ id: 'freed-1', freedLensTable });
    expect(stage.cameras[0]!.freedLensTable).toBeUndefined();
  });

  describe('a bad freedLensTable names the point and the rule', () => {
    const withTable = (freedLensTable: unknown) => {
      const config = validConfig();
      config.cameras.push({ id: 'freed-1', sensorWidthMm: 9.59, sensorHeightMm: 5.39, freedLensTable });
      return errorFor(config);
    };

    it('raw counts that do not increase: names zoom[2][0], in decimal and hex', () => {
      const err = withTable({ sensorWidthMm: 9.59, zoom: [[0, 8.5], [4608, 20], [4608, 30]] });
      expect(err.message).toBe(
        "stage.json: cameras[1].freedLensTable.zoom[2][0]: raw count 4608 (0x1200) is not above the previous point's 4608 (0x1200); zoom raw counts must increase strictly",
      );
    });

    it('a negative focal length: names zoom[1][1] with its unit', () => {
      const err = withTable({ sensorWidthMm: 9.59, zoom: [[0, 8.5], [65535, -170]] });
      expect(err.message).toBe('stage.json: cameras[1].freedLensTable.zoom[1][1]: focal length must be above 0 mm, got -170');
    });

    it('a zero focus distance: names focus[0][1] in metres', () => {
      const err = withTable({ sensorWidthMm: 9.59, zoom: [[0, 8.5], [65535, 170]], focus: [[0, 0], [65535, 100]] });
      expect(err.message).toBe('stage.json: cameras[1].freedLensTable.focus[0][1]: focus distance must be above 0 m, got 0');
    });

    it('a misspelt key is an error, not a table without focus', () => {
      const err = withTable({ sensorWidthMm: 9.59, zoom: [[0, 8.5], [65535, 170]], foucs: [[0, 0.6], [65535, 100]] });
      expect(err.message).toBe('stage.json: cameras[1].freedLensTable.foucs: unknown key "foucs"; did you mean "focus"?');
    });

    it('a raw count beyond 24 bits: says the range', () => {
      const err = withTable({ sensorWidthMm: 9.59, zoom: [[0, 8.5], [0x1000000, 170]] });
      expect(err.message).toBe("stage.json: cameras[1].freedLensTable.zoom[1][0]: a raw count is a whole number 0..16777215 (0xFFFFFF, FreeD's 24-bit field)");
    });
  });

  it('not an object at all: names the root; several problems are all listed', () => {
    expect(errorFor(null).message).toMatch(/^stage\.json: \(root\): /);
    const err = errorFor({ name: '', walls: 'none', cameras: [] });
    expect(err.issues.map((i) => i.path)).toEqual(['name', 'walls', 'cameras']);
    expect(err.message).toMatch(/^stage\.json: 3 problems:\n  name: .*\n  walls: .*\n  cameras: /);
  });
});

describe('formatIssuePath', () => {
  it('writes array indices in brackets and keys with dots', () => {
    expect(formatIssuePath(['walls', 1, 'radiusM'])).toBe('walls[1].radiusM');
    expect(formatIssuePath(['walls', 0, 'resolutionPx', 1])).toBe('walls[0].resolutionPx[1]');
    expect(formatIssuePath([])).toBe('(root)');
  });
});
