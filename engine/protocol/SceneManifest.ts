// A virtual set file (`scenes/<id>.json`: glTF assets, lights, sky, points of interest, camera marks) as a zod schema,
// and its parser with errors that name the file, the field and the reason.
import { z } from 'zod';
import { formatIssuePath } from './formatIssuePath.ts';

/** Scene ids are file name stems and appear in URLs (`/scenes/{id}.json`). */
export const SCENE_ID_PATTERN = /^[a-z0-9-]{1,40}$/;
/** Ids of assets, lights, points of interest and camera marks inside one scene. */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** Where every scene asset lives, relative to the project root; the engine serves it as `/assets/scenes/…`. */
export const SCENE_ASSETS_DIR = 'assets/scenes/';
/** Where scene files live, relative to the project root; asset uris are relative to it. */
export const SCENES_DIR = 'scenes/';
/** Stable error code of every scene file failure. */
export const SCENE_MANIFEST_ERROR_CODE = 'VP_ERR_SCENE_MANIFEST';
/** Limits that keep one file from costing a render node its frame rate (each light is a shader cost). */
export const MAX_ASSETS = 64;
export const MAX_LIGHTS = 16;
export const MAX_POIS = 64;
export const MAX_CAMERA_MARKS = 32;

const MODEL_EXTENSIONS = ['.glb', '.gltf'] as const;
const SKY_IMAGE_EXTENSIONS = ['.hdr', '.jpg', '.jpeg', '.png'] as const;

const Vec3Schema = z.tuple([z.number(), z.number(), z.number()]); // zod numbers are finite
const ItemId = z.string().regex(ITEM_ID_PATTERN, 'id must be 1-64 of A-Z, a-z, 0-9, "_", "." and "-"');
const Name = z.string().min(1).max(128);
/** sRGB colour as six hex digits, as CSS and three.js write it. */
const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like "#ffaa33"');
/** Candela, lux: physically based three.js units (r155+); 0 switches a light off. */
const NonNegative = z.number().min(0, 'must be 0 or more');

/** A path from the scene file into `assets/scenes/` with one of `extensions`; see `assetPathOf`. */
function assetUri(extensions: readonly string[]) {
  return z.string().superRefine((uri, ctx) => {
    const reason = assetUriProblem(uri, extensions);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
}

const AssetSchema = z.strictObject({
  id: ItemId,
  /** glTF binary (or .gltf) relative to the scene file: `../assets/scenes/city.glb`. */
  uri: assetUri(MODEL_EXTENSIONS),
  /** Where the asset's origin goes, stage frame, metres. */
  position: Vec3Schema.default([0, 0, 0]),
  /** Euler angles applied X then Y then Z (three.js 'XYZ'), degrees. */
  rotationDeg: Vec3Schema.default([0, 0, 0]),
  /** Uniform or per-axis scale; must not be 0 (a mirror, a negative factor, is allowed). */
  scale: z.union([z.number(), Vec3Schema]).default(1),
}).superRefine((asset, ctx) => {
  const factors = typeof asset.scale === 'number' ? [asset.scale] : asset.scale;
  if (factors.some((s) => s === 0)) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'scale must not be 0' });
});

const DirectionalLightSchema = z.strictObject({
  type: z.literal('directional'),
  id: ItemId.optional(),
  color: HexColor,
  /** Illuminance on a surface facing the light, lux (three.js DirectionalLight.intensity). */
  intensityLux: NonNegative,
  /** The light shines from `position` towards `target` (only the direction matters), metres. */
  position: Vec3Schema,
  target: Vec3Schema.default([0, 0, 0]),
  castShadow: z.boolean().default(false),
});

const PointLightSchema = z.strictObject({
  type: z.literal('point'),
  id: ItemId.optional(),
  color: HexColor,
  /** Luminous intensity, candela (three.js PointLight.intensity). */
  intensityCd: NonNegative,
  position: Vec3Schema,
  /** Range where the light is cut off, metres; 0 = no cut-off (physically correct with decay 2). */
  distanceM: NonNegative.default(0),
  /** 2 is the inverse-square law. */
  decay: z.number().min(0).max(4).default(2),
  castShadow: z.boolean().default(false),
});

const SpotLightSchema = z.strictObject({
  type: z.literal('spot'),
  id: ItemId.optional(),
  color: HexColor,
  /** Luminous intensity on the beam axis, candela (three.js SpotLight.intensity). */
  intensityCd: NonNegative,
  position: Vec3Schema,
  target: Vec3Schema,
  distanceM: NonNegative.default(0),
  decay: z.number().min(0).max(4).default(2),
  /** Half-angle of the cone, degrees. */
  angleDeg: z.number().gt(0, 'must be more than 0').max(90).default(30),
  /** Fraction of the cone that fades out, 0 (hard) to 1. */
  penumbra: z.number().min(0).max(1).default(0.3),
  castShadow: z.boolean().default(false),
});

const HemisphereLightSchema = z.strictObject({
  type: z.literal('hemisphere'),
  id: ItemId.optional(),
  /** Light from above. */
  color: HexColor,
  /** Light bounced from below. */
  groundColor: HexColor,
  /** Illuminance on an upward-facing surface, lux (three.js HemisphereLight.intensity). */
  intensityLux: NonNegative,
});

export const SceneLightSchema = z.discriminatedUnion('type', [DirectionalLightSchema, PointLightSchema, SpotLightSchema, HemisphereLightSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'type must be one of "directional", "point", "spot", "hemisphere"' : undefined),
});

const SunSchema = z.strictObject({
  /** Added at the sun itself, fading with angular distance. */
  color: HexColor,
  /** Compass direction in the XZ plane, degrees: 0° towards -Z (the main wall), +90° towards +X. */
  azimuthDeg: z.number().min(-360).max(360),
  /** Above the horizon, degrees; negative for a sun just set. */
  elevationDeg: z.number().min(-30).max(90),
  /** Angular radius where the glow has faded to about a third, degrees. */
  glowDeg: z.number().min(1).max(90).default(20),
  /** Angular radius of a visible disc, degrees; 0 = no disc (the sun itself is 0.27°). */
  discDeg: z.number().min(0).max(10).default(0),
});

const SkySchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('color'), color: HexColor }),
    z.strictObject({
      type: z.literal('gradient'),
      /** Straight up. */
      top: HexColor,
      horizon: HexColor,
      /** Straight down; the horizon colour when absent. */
      bottom: HexColor.optional(),
      /** A glow around the sun (or where it has just set), added to the gradient. */
      sun: SunSchema.optional(),
    }),
    z.strictObject({
      type: z.literal('equirect'),
      /** Panorama (2:1) relative to the scene file: `.hdr` (linear) or `.jpg`/`.png` (sRGB). */
      uri: assetUri(SKY_IMAGE_EXTENSIONS),
      /** Turns the panorama about +Y, degrees. */
      rotationDeg: z.number().default(0),
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'type must be one of "color", "gradient", "equirect"' : undefined) },
);

/** Linear fog (`nearM`, `farM`) or exponential-squared fog (`density`, per metre), never both. */
const FogSchema = z
  .strictObject({
    color: HexColor,
    nearM: NonNegative.optional(),
    farM: z.number().positive().optional(),
    density: z.number().positive().max(1).optional(),
  })
  .superRefine((fog, ctx) => {
    const linear = fog.nearM !== undefined || fog.farM !== undefined;
    if (linear && fog.density !== undefined) ctx.addIssue({ code: 'custom', path: ['density'], message: 'give either nearM and farM (linear fog) or density (exponential fog), not both' });
    else if (!linear && fog.density === undefined) ctx.addIssue({ code: 'custom', message: 'give either nearM and farM (linear fog) or density (exponential fog)' });
    else if (linear && (fog.nearM === undefined || fog.farM === undefined))
      ctx.addIssue({ code: 'custom', path: [fog.nearM === undefined ? 'nearM' : 'farM'], message: 'linear fog needs both nearM and farM' });
    else if (linear && !(fog.farM! > fog.nearM!)) ctx.addIssue({ code: 'custom', path: ['farM'], message: `farM (${fog.farM}) must be more than nearM (${fog.nearM})` });
  });

const EnvironmentSchema = z.strictObject({
  sky: SkySchema,
  fog: FogSchema.optional(),
  /** Tone-mapping exposure multiplier (three.js toneMappingExposure). */
  exposure: z.number().positive().max(100).default(1),
  /** How strongly the sky lights and is reflected by PBR materials (three.js scene.environmentIntensity); 0 = not at all. */
  skyLightIntensity: z.number().min(0).max(10).default(1),
});

export const PointOfInterestSchema = z.strictObject({
  id: ItemId,
  name: Name,
  /** Stage frame, metres. */
  position: Vec3Schema,
  /** Preferred framing, fraction of frame height a 1.8 m subject there would fill. */
  suggestedSubjectHeightFraction: z.number().gt(0, 'must be more than 0').max(1).optional(),
});

export const CameraMarkSchema = z
  .strictObject({
    id: ItemId,
    name: Name,
    /** Where the camera stands, stage frame, metres. */
    position: Vec3Schema,
    /** The point it looks at, metres. */
    lookAt: Vec3Schema,
    focalLengthMm: z.number().min(1).max(2000).optional(),
  })
  .superRefine((mark, ctx) => {
    const d = Math.hypot(mark.lookAt[0] - mark.position[0], mark.lookAt[1] - mark.position[1], mark.lookAt[2] - mark.position[2]);
    if (d < 1e-3) ctx.addIssue({ code: 'custom', path: ['lookAt'], message: 'lookAt must differ from position' });
  });

const LedCalibrationSchema = z.strictObject({
  /** Per-channel gain applied on the walls, linear. */
  gain: z.tuple([z.number().min(0).max(4), z.number().min(0).max(4), z.number().min(0).max(4)]),
  /** The walls' white point, kelvin. */
  whitePointK: z.number().min(1000).max(20000).optional(),
});

export const SceneManifestSchema = z
  .strictObject({
    /** Must equal the file name stem: `scenes/desert-road.json` has id `desert-road`. */
    id: z.string().regex(SCENE_ID_PATTERN, 'id must be 1-40 of a-z, 0-9 and "-"'),
    name: Name,
    description: z.string().max(2000).optional(),
    assets: z.array(AssetSchema).max(MAX_ASSETS),
    lights: z.array(SceneLightSchema).max(MAX_LIGHTS),
    environment: EnvironmentSchema,
    pointsOfInterest: z.array(PointOfInterestSchema).max(MAX_POIS),
    cameraMarks: z.array(CameraMarkSchema).max(MAX_CAMERA_MARKS),
    ledCalibration: LedCalibrationSchema.optional(),
  })
  .superRefine((scene, ctx) => {
    reportDuplicates(scene.assets.map((a) => a.id), 'assets', ctx);
    reportDuplicates(scene.lights.map((l) => l.id), 'lights', ctx);
    reportDuplicates(scene.pointsOfInterest.map((p) => p.id), 'pointsOfInterest', ctx);
    reportDuplicates(scene.cameraMarks.map((m) => m.id), 'cameraMarks', ctx);
  });

/** What a scene file may contain (defaults still absent). */
export type SceneManifestInput = z.input<typeof SceneManifestSchema>;
/** A validated scene file with defaults filled in. */
export type SceneManifest = z.output<typeof SceneManifestSchema>;
export type SceneAsset = SceneManifest['assets'][number];
export type SceneLight = SceneManifest['lights'][number];
export type SceneSky = SceneManifest['environment']['sky'];
export type SceneSun = NonNullable<Extract<SceneSky, { type: 'gradient' }>['sun']>;
export type SceneFog = NonNullable<SceneManifest['environment']['fog']>;
export type ScenePointOfInterest = SceneManifest['pointsOfInterest'][number];
export type SceneCameraMark = SceneManifest['cameraMarks'][number];

/** One problem in a scene file: `lights[2].intensityCd` and why. */
export interface SceneManifestIssue {
  path: string;
  reason: string;
}

/** A scene file that fails validation; the message names the file, the field path and the reason. */
export class SceneManifestError extends Error {
  override name = 'SceneManifestError';
  readonly code = SCENE_MANIFEST_ERROR_CODE;
  constructor(
    /** The file the manifest came from, as the caller named it (`scenes/desert-road.json`). */
    readonly fileName: string,
    /** Every problem found, in document order; the message shows the first. */
    readonly issues: SceneManifestIssue[],
  ) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(first ? `${fileName}: ${first.path}: ${first.reason}${more}` : `${fileName}: invalid scene file`);
  }
}

/**
 * Validate parsed JSON as the scene file `fileName` (its stem must equal the id); throws `SceneManifestError`.
 * Pure: whether the assets exist on disk is the library's business (`SceneLibrary`).
 */
export function parseSceneManifest(json: unknown, fileName: string): SceneManifest {
  const parsed = SceneManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new SceneManifestError(
      fileName,
      parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), reason: issue.message })),
    );
  }
  const stem = sceneIdOf(fileName);
  if (parsed.data.id !== stem)
    throw new SceneManifestError(fileName, [{ path: 'id', reason: `id "${parsed.data.id}" must equal the file name stem "${stem}"` }]);
  return parsed.data;
}

/** `scenes/desert-road.json` → `desert-road`. */
export function sceneIdOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.json$/, '');
}

/**
 * The project-relative path an asset uri of a scene file points to: `../assets/scenes/city.glb` →
 * `assets/scenes/city.glb`. Only call it on validated uris.
 */
export function assetPathOf(uri: string): string {
  const out: string[] = [];
  for (const part of `${SCENES_DIR}${uri}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      // Above the project root: keep the '..' so the result visibly escapes.
      if (out.length === 0 || out[out.length - 1] === '..') out.push('..');
      else out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** Why `uri` is not a safe relative path into `assets/scenes/` ending in one of `extensions`, or undefined. */
export function assetUriProblem(uri: string, extensions: readonly string[]): string | undefined {
  if (uri.length === 0) return 'must not be empty';
  if (uri.length > 512) return 'must be at most 512 characters';
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) return `"${uri}" is a URL; give a path relative to the scene file, like "../${SCENE_ASSETS_DIR}set.glb"`;
  if (uri.startsWith('/') || uri.startsWith('\\')) return `"${uri}" is an absolute path; give a path relative to the scene file, like "../${SCENE_ASSETS_DIR}set.glb"`;
  if (!/^[A-Za-z0-9._/-]+$/.test(uri)) return `"${uri}" may only contain A-Z, a-z, 0-9, ".", "_", "-" and "/"`;
  const resolved = assetPathOf(uri);
  if (!resolved.startsWith(SCENE_ASSETS_DIR) || resolved.length === SCENE_ASSETS_DIR.length)
    return `"${uri}" resolves to "${resolved}", outside ${SCENE_ASSETS_DIR} (scene files sit in ${SCENES_DIR}, so start with "../${SCENE_ASSETS_DIR}")`;
  const dot = resolved.lastIndexOf('.');
  const ext = dot > resolved.lastIndexOf('/') ? resolved.slice(dot).toLowerCase() : '';
  if (!extensions.includes(ext)) return `"${uri}" must end in ${extensions.join(', ')}`;
  return undefined;
}

function reportDuplicates(ids: (string | undefined)[], list: string, ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    const earlier = firstIndex.get(id);
    if (earlier === undefined) firstIndex.set(id, i);
    else ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `duplicate id "${id}" (also ${list}[${earlier}])` });
  });
}
