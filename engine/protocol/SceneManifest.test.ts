import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assetPathOf, assetUriProblem, parseSceneManifest, SceneManifestError, sceneIdOf } from './SceneManifest.ts';

/** A small valid scene: one asset, one light of each kind, gradient sky. Tests break one thing at a time. */
function validScene(): any {
  return {
    id: 'test-set',
    name: 'Test set',
    assets: [{ id: 'set', uri: '../assets/scenes/test-set.glb', position: [0, 0, -2], rotationDeg: [0, 90, 0], scale: 1 }],
    lights: [
      { type: 'directional', color: '#ffeedd', intensityLux: 3, position: [10, 20, -30] },
      { type: 'point', id: 'practical', color: '#ffaa66', intensityCd: 40, position: [1, 2.5, -4] },
      { type: 'spot', id: 'key', color: '#ffffff', intensityCd: 200, position: [2, 6, 0], target: [0, 1, -5], angleDeg: 20 },
      { type: 'hemisphere', color: '#8899cc', groundColor: '#443322', intensityLux: 0.8 },
    ],
    environment: { sky: { type: 'gradient', top: '#112244', horizon: '#ff9955' }, fog: { color: '#aa7766', density: 0.001 } },
    pointsOfInterest: [{ id: 'tower', name: 'Tower', position: [0, 6, -10], suggestedSubjectHeightFraction: 0.3 }],
    cameraMarks: [{ id: 'wide', name: 'Wide', position: [0, 1.6, 4], lookAt: [0, 1.6, -10], focalLengthMm: 24 }],
  };
}

/** Parse `json` as "scenes/test-set.json" and return the SceneManifestError it must throw. */
function errorFor(json: unknown, fileName = 'scenes/test-set.json'): SceneManifestError {
  try {
    parseSceneManifest(json, fileName);
  } catch (err) {
    expect(err).toBeInstanceOf(SceneManifestError);
    return err as SceneManifestError;
  }
  throw new Error('expected parseSceneManifest to throw');
}

describe('parseSceneManifest', () => {
  it('accepts a valid file and fills defaults (exposure 1, sky light 1, decay 2, spot penumbra 0.3, target at the origin)', () => {
    const m = parseSceneManifest(validScene(), 'scenes/test-set.json');
    expect(m.id).toBe('test-set');
    expect(m.environment.exposure).toBe(1);
    expect(m.environment.skyLightIntensity).toBe(1);
    expect(m.lights[0]).toMatchObject({ type: 'directional', target: [0, 0, 0], castShadow: false });
    expect(m.lights[1]).toMatchObject({ type: 'point', decay: 2, distanceM: 0 });
    expect(m.lights[2]).toMatchObject({ type: 'spot', angleDeg: 20, penumbra: 0.3 });
    expect(m.pointsOfInterest[0]?.suggestedSubjectHeightFraction).toBe(0.3);
  });

  it('fills asset placement defaults (origin, no rotation, scale 1) and accepts a per-axis scale', () => {
    const scene = validScene();
    scene.assets = [{ id: 'a', uri: '../assets/scenes/a.glb' }, { id: 'b', uri: '../assets/scenes/sub/b.gltf', scale: [1, 2, -1] }];
    const m = parseSceneManifest(scene, 'test-set.json');
    expect(m.assets[0]).toEqual({ id: 'a', uri: '../assets/scenes/a.glb', position: [0, 0, 0], rotationDeg: [0, 0, 0], scale: 1 });
    expect(m.assets[1]?.scale).toEqual([1, 2, -1]);
  });

  it('accepts every sky type and both fog forms', () => {
    for (const sky of [
      { type: 'color', color: '#000000' },
      { type: 'gradient', top: '#000000', horizon: '#ffffff', bottom: '#333333', sun: { color: '#ff8800', azimuthDeg: -20, elevationDeg: 3 } },
      { type: 'equirect', uri: '../assets/scenes/sky.hdr', rotationDeg: 90 },
      { type: 'equirect', uri: '../assets/scenes/sky.jpg' },
    ]) {
      const scene = validScene();
      scene.environment = { sky, fog: { color: '#101010', nearM: 10, farM: 200 } };
      expect(parseSceneManifest(scene, 'test-set.json').environment.sky.type).toBe(sky.type);
    }
  });

  it('every scene file in scenes/ is valid', () => {
    const dir = new URL('../../scenes/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const m = parseSceneManifest(JSON.parse(readFileSync(new URL(f, dir), 'utf8')), `scenes/${f}`);
      expect(m.pointsOfInterest.length).toBeGreaterThanOrEqual(3);
      expect(m.cameraMarks.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('a bad id: names id', () => {
    const scene = validScene();
    scene.id = 'Test Set!';
    const err = errorFor(scene, 'scenes/Test Set!.json');
    expect(err.message).toBe('scenes/Test Set!.json: id: id must be 1-40 of a-z, 0-9 and "-"');
    expect(err.code).toBe('VP_ERR_SCENE_MANIFEST');
    expect(err.fileName).toBe('scenes/Test Set!.json');
  });

  it('an id that is not the file name stem: names id', () => {
    expect(errorFor(validScene(), 'scenes/other.json').message).toBe('scenes/other.json: id: id "test-set" must equal the file name stem "other"');
  });

  it('an unknown light type: names lights[1].type', () => {
    const scene = validScene();
    scene.lights[1].type = 'area';
    const err = errorFor(scene);
    expect(err.issues[0]).toEqual({ path: 'lights[1].type', reason: 'type must be one of "directional", "point", "spot", "hemisphere"' });
    expect(err.message).toMatch(/^scenes\/test-set\.json: lights\[1\]\.type: type must be one of/);
  });

  it('a negative intensity: names lights[2].intensityCd', () => {
    const scene = validScene();
    scene.lights[2].intensityCd = -5;
    expect(errorFor(scene).message).toBe('scenes/test-set.json: lights[2].intensityCd: must be 0 or more');
  });

  it('an intensity in the wrong unit for its light (intensity instead of intensityLux): names the key', () => {
    const scene = validScene();
    scene.lights[0] = { type: 'directional', color: '#ffffff', intensity: 3, position: [0, 1, 0] };
    const paths = errorFor(scene).issues.map((i) => i.path);
    expect(paths).toContain('lights[0].intensityLux'); // missing
    expect(paths).toContain('lights[0]'); // unrecognized key "intensity"
  });

  it.each([
    ['../../etc/passwd.glb', /resolves to "\.\.\/etc\/passwd\.glb", outside assets\/scenes\//],
    ['../assets/scenes/../../secrets.glb', /resolves to "secrets\.glb", outside assets\/scenes\//],
    ['../assets/models/director/model.glb', /outside assets\/scenes\//],
    ['/etc/set.glb', /is an absolute path/],
    ['\\\\server\\share\\set.glb', /is an absolute path/],
    ['http://example.com/set.glb', /is a URL/],
    ['file:///tmp/set.glb', /is a URL/],
    ['C:/sets/set.glb', /is a URL/], // a drive letter reads as a scheme: rejected either way
    ['../assets/scenes/set.obj', /must end in \.glb, \.gltf/],
    ['../assets/scenes/my set.glb', /may only contain/],
    ['../assets/scenes/', /outside assets\/scenes\//],
  ])('an asset uri escaping assets/scenes/ or of the wrong kind (%s): names assets[0].uri', (uri, reason) => {
    const scene = validScene();
    scene.assets[0].uri = uri;
    const err = errorFor(scene);
    expect(err.issues[0]?.path).toBe('assets[0].uri');
    expect(err.issues[0]?.reason).toMatch(reason);
  });

  it('an equirect sky outside assets/scenes/ or not an image: names environment.sky.uri', () => {
    const scene = validScene();
    scene.environment.sky = { type: 'equirect', uri: '../assets/scenes/sky.glb' };
    expect(errorFor(scene).message).toMatch(/^scenes\/test-set\.json: environment\.sky\.uri: "\.\.\/assets\/scenes\/sky\.glb" must end in \.hdr, \.jpg, \.jpeg, \.png/);
    scene.environment.sky = { type: 'equirect', uri: 'https://cdn.example.com/sky.hdr' };
    expect(errorFor(scene).issues[0]?.path).toBe('environment.sky.uri');
  });

  it('missing fields: names each one', () => {
    const scene = validScene();
    delete scene.name;
    delete scene.environment.sky;
    delete scene.pointsOfInterest[0].position;
    const paths = errorFor(scene).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'environment.sky', 'pointsOfInterest[0].position']));
  });

  it('wrong types: names each one', () => {
    const scene = validScene();
    scene.assets[0].position = [0, '1', 0];
    scene.lights[0].color = 'orange';
    scene.cameraMarks = {};
    const err = errorFor(scene);
    const byPath = Object.fromEntries(err.issues.map((i) => [i.path, i.reason]));
    expect(byPath['assets[0].position[1]']).toMatch(/expected number/);
    expect(byPath['lights[0].color']).toBe('must be a hex colour like "#ffaa33"');
    expect(byPath['cameraMarks']).toMatch(/expected array/);
    expect(err.message).toMatch(/\(and 2 more\)$/);
  });

  it('a whole file that is not an object: names the root', () => {
    expect(errorFor([1, 2]).message).toMatch(/^scenes\/test-set\.json: \(root\): /);
  });

  it('fog with both forms, or neither, or far before near: names the field', () => {
    const scene = validScene();
    scene.environment.fog = { color: '#000000', nearM: 1, farM: 10, density: 0.01 };
    expect(errorFor(scene).issues[0]?.path).toBe('environment.fog.density');
    scene.environment.fog = { color: '#000000' };
    expect(errorFor(scene).issues[0]?.path).toBe('environment.fog');
    scene.environment.fog = { color: '#000000', nearM: 50, farM: 10 };
    expect(errorFor(scene).issues[0]).toEqual({ path: 'environment.fog.farM', reason: 'farM (10) must be more than nearM (50)' });
  });

  it('duplicate ids: names the second one', () => {
    const scene = validScene();
    scene.pointsOfInterest.push({ id: 'tower', name: 'Again', position: [1, 1, 1] });
    expect(errorFor(scene).issues[0]).toEqual({ path: 'pointsOfInterest[1].id', reason: 'duplicate id "tower" (also pointsOfInterest[0])' });
  });

  it('out-of-range values: spot angle, LED gain, white point, framing, scale 0, a camera looking at itself', () => {
    const cases: [(s: any) => void, string][] = [
      [(s) => (s.lights[2].angleDeg = 120), 'lights[2].angleDeg'],
      [(s) => (s.ledCalibration = { gain: [1, 5, 1] }), 'ledCalibration.gain[1]'],
      [(s) => (s.ledCalibration = { gain: [1, 1, 1], whitePointK: 500 }), 'ledCalibration.whitePointK'],
      [(s) => (s.pointsOfInterest[0].suggestedSubjectHeightFraction = 0), 'pointsOfInterest[0].suggestedSubjectHeightFraction'],
      [(s) => (s.assets[0].scale = 0), 'assets[0].scale'],
      [(s) => (s.cameraMarks[0].lookAt = [0, 1.6, 4]), 'cameraMarks[0].lookAt'],
      [(s) => (s.extra = true), '(root)'],
    ];
    for (const [breakIt, path] of cases) {
      const scene = validScene();
      breakIt(scene);
      expect(errorFor(scene).issues[0]?.path).toBe(path);
    }
  });

  it('accepts LED calibration within range', () => {
    const scene = validScene();
    scene.ledCalibration = { gain: [1, 0.95, 1.1], whitePointK: 6500 };
    expect(parseSceneManifest(scene, 'test-set.json').ledCalibration).toEqual({ gain: [1, 0.95, 1.1], whitePointK: 6500 });
  });
});

describe('asset paths', () => {
  it('resolves uris relative to scenes/', () => {
    expect(assetPathOf('../assets/scenes/city.glb')).toBe('assets/scenes/city.glb');
    expect(assetPathOf('../assets/scenes/./sub/../city.glb')).toBe('assets/scenes/city.glb');
    expect(assetPathOf('../../x.glb')).toBe('../x.glb');
    expect(assetUriProblem('../assets/scenes/sub/city.glb', ['.glb'])).toBeUndefined();
  });

  it('takes the scene id from a file name', () => {
    expect(sceneIdOf('scenes/desert-road.json')).toBe('desert-road');
    expect(sceneIdOf('C:\\vp\\scenes\\desert-road.json')).toBe('desert-road');
  });
});
