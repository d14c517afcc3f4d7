// Every scene file of a folder, validated at start and on each edit (fs.watch), with an atomic save of points of interest.
import { watch, type FSWatcher } from 'node:fs';
import { copyFile, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { formatSceneJson } from './formatSceneJson.ts';
import {
  assetPathOf,
  parseSceneManifest,
  SCENE_ASSETS_DIR,
  SceneManifestError,
  type SceneCameraMark,
  type SceneManifest,
  type ScenePointOfInterest,
} from '../protocol/SceneManifest.ts';

/** Edits arrive as bursts of fs events (editors write, rename, chmod): wait this long for the burst to end, ms. */
export const DEFAULT_WATCH_DEBOUNCE_MS = 100;

export interface SceneLibraryOptions {
  /** Folder of `<id>.json` scene files (the project's `scenes/`). */
  scenesDir: string;
  /** Folder that asset uris (`../assets/scenes/…`) resolve into (the project's `assets/scenes/`). */
  assetsDir: string;
  /** Quiet time after the last fs event of a file before it is re-read, ms. */
  debounceMs?: number;
}

/** One row of the scene list a console shows. */
export interface SceneListEntry {
  id: string;
  /** From the last good version; the id when the file never validated. */
  name: string;
  description?: string;
  /** Points of interest of the last good version. */
  poisCount: number;
  /** Whether the file on disk is valid now; when false, `get(id)` still returns the last good version if there was one. */
  valid: boolean;
  /** Why the file on disk is invalid: `scenes/x.json: lights[0].intensityLux: must be 0 or more`. */
  error?: string;
}

/**
 * `changed`: the scene was (re)loaded, or one of its assets changed on disk; `manifest` is absent when the file was
 * deleted. `invalid`: the file on disk no longer validates; the last good version stays in use.
 */
export type SceneLibraryEvent = { type: 'changed'; id: string; manifest?: SceneManifest } | { type: 'invalid'; id: string; error: string };

interface SceneEntry {
  /** Last version that validated (and whose assets existed). */
  good?: { manifest: SceneManifest; text: string };
  /** Exact text last read from disk, to skip fs events that changed nothing. */
  lastText?: string;
  error?: string;
}

export class SceneLibrary {
  private readonly entries = new Map<string, SceneEntry>();
  private readonly listeners = new Set<(event: SceneLibraryEvent) => void>();
  private readonly watchers: FSWatcher[] = [];
  /** Per scene id: the pending re-read, and whether it was triggered by an asset (then it reports even if the JSON is unchanged). */
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; assetChanged: boolean }>();
  private readonly debounceMs: number;
  /** Per scene id, the re-read in progress: the next waits for it, so an older read never lands after a newer one. */
  private readonly reading = new Map<string, Promise<void>>();
  /** Saves run one after another so two never interleave their temp files and renames. */
  private saveChain: Promise<unknown> = Promise.resolve();
  private tmpCounter = 0;
  private closed = false;

  private constructor(private readonly options: SceneLibraryOptions) {
    this.debounceMs = options.debounceMs ?? DEFAULT_WATCH_DEBOUNCE_MS;
  }

  /** Read and validate every `*.json` of `scenesDir`; an invalid file is listed with its error, never fatal. */
  static async open(options: SceneLibraryOptions): Promise<SceneLibrary> {
    const library = new SceneLibrary(options);
    const names = await readdir(options.scenesDir).catch(() => [] as string[]);
    for (const name of names.filter(isSceneFileName).sort()) await library.reload(idOfFileName(name), { emit: false, assetChanged: false });
    return library;
  }

  /** Every scene file, valid or not, sorted by id. */
  list(): SceneListEntry[] {
    return [...this.entries.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, e]) => {
        const m = e.good?.manifest;
        const row: SceneListEntry = { id, name: m?.name ?? id, poisCount: m?.pointsOfInterest.length ?? 0, valid: e.error === undefined };
        if (m?.description !== undefined) row.description = m.description;
        if (e.error !== undefined) row.error = e.error;
        return row;
      });
  }

  /** The last good version of a scene, or undefined if there is none. */
  get(id: string): SceneManifest | undefined {
    return this.entries.get(id)?.good?.manifest;
  }

  /** Subscribe to `changed` and `invalid`; returns the unsubscribe function. Listeners must not throw. */
  on(listener: (event: SceneLibraryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Start watching `scenesDir` and `assetsDir`; edits are reported about `debounceMs` after they settle. Returns
   * false (and watches nothing) when `scenesDir` does not exist.
   */
  watch(): boolean {
    if (this.closed) return false;
    if (this.watchers.length > 0) return true;
    let scenes: FSWatcher;
    try {
      scenes = watch(this.options.scenesDir, (_event, name) => {
        if (name === null) for (const id of this.entries.keys()) this.schedule(id, false);
        else if (isSceneFileName(name)) this.schedule(idOfFileName(name), false);
      });
    } catch {
      return false;
    }
    scenes.on('error', () => scenes.close()); // the folder went away: nothing left to watch
    this.watchers.push(scenes);
    try {
      const assets = watch(this.options.assetsDir, { recursive: true }, (_event, name) => {
        const path = name === null ? undefined : `${SCENE_ASSETS_DIR}${name.replaceAll('\\', '/')}`;
        // A scene that is invalid may be waiting for exactly this file: re-check those too.
        for (const [id, e] of this.entries)
          if (path === undefined || e.error !== undefined || referencedAssets(e).includes(path)) this.schedule(id, true);
      });
      assets.on('error', () => assets.close());
      this.watchers.push(assets);
    } catch {
      // No assets folder yet: scenes referencing assets are reported invalid (file not found) until it exists.
    }
    return true;
  }

  /**
   * Replace a scene's points of interest and camera marks: validated as the whole file, written atomically
   * (temp file in the same folder, fsync, rename) with the previous file kept as `<id>.json.bak`. Other fields are
   * taken from the file on disk as it is now, so a hand edit made meanwhile is kept; an invalid file on disk is not
   * overwritten. Throws `SceneManifestError`.
   */
  savePoints(id: string, pois: ScenePointOfInterest[], cameraMarks: SceneCameraMark[]): Promise<SceneManifest> {
    const run = this.saveChain.then(() => this.writePoints(id, pois, cameraMarks));
    this.saveChain = run.catch(() => undefined);
    return run;
  }

  /** Stop watching and drop pending re-reads; listeners are kept but hear nothing more. */
  close(): void {
    this.closed = true;
    for (const w of this.watchers) w.close();
    this.watchers.length = 0;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private async writePoints(id: string, pois: ScenePointOfInterest[], cameraMarks: SceneCameraMark[]): Promise<SceneManifest> {
    const fileLabel = this.fileLabel(id);
    const path = join(this.options.scenesDir, `${id}.json`);
    let current: unknown;
    try {
      current = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      throw new SceneManifestError(fileLabel, [{ path: '(root)', reason: `cannot save points over this file: ${describeError(err)}` }]);
    }
    if (typeof current !== 'object' || current === null || Array.isArray(current))
      throw new SceneManifestError(fileLabel, [{ path: '(root)', reason: 'cannot save points over this file: it is not a JSON object' }]);
    const next = { ...(current as Record<string, unknown>), pointsOfInterest: pois, cameraMarks };
    parseSceneManifest(current, fileLabel); // the file as it is must be valid: never overwrite someone's broken edit
    const manifest = parseSceneManifest(next, fileLabel);
    await this.checkAssets(manifest, fileLabel);
    const text = formatSceneJson(next);

    const tmp = join(this.options.scenesDir, `.${id}.json.${process.pid}.${++this.tmpCounter}.tmp`);
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await copyFile(path, join(this.options.scenesDir, `${id}.json.bak`));
      await rename(tmp, path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    await syncDirectory(this.options.scenesDir);

    // Report now rather than waiting for the watcher; its re-read will find the same text and stay quiet.
    const entry = this.entryFor(id);
    entry.good = { manifest, text };
    entry.lastText = text;
    delete entry.error;
    this.emit({ type: 'changed', id, manifest });
    return manifest;
  }

  private schedule(id: string, assetChanged: boolean): void {
    if (this.closed) return;
    const previous = this.pending.get(id);
    if (previous) clearTimeout(previous.timer);
    const merged = assetChanged || (previous?.assetChanged ?? false);
    const timer = setTimeout(() => {
      this.pending.delete(id);
      const previousRead = this.reading.get(id) ?? Promise.resolve();
      const read = previousRead.then(() => this.reload(id, { emit: true, assetChanged: merged }));
      this.reading.set(id, read);
      void read.finally(() => this.reading.get(id) === read && this.reading.delete(id));
    }, this.debounceMs);
    this.pending.set(id, { timer, assetChanged: merged });
  }

  /** Re-read one scene file and update its entry; never throws (problems become the entry's error). */
  private async reload(id: string, how: { emit: boolean; assetChanged: boolean }): Promise<void> {
    const fileLabel = this.fileLabel(id);
    let text: string;
    try {
      text = await readFile(join(this.options.scenesDir, `${id}.json`), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        if (this.entries.delete(id) && how.emit) this.emit({ type: 'changed', id });
        return;
      }
      this.fail(id, `${fileLabel}: (root): cannot read: ${describeError(err)}`, how.emit);
      return;
    }
    if (this.closed && how.emit) return;
    const entry = this.entries.get(id);
    if (entry && entry.lastText === text && !how.assetChanged) return; // our own save, or a touch
    this.entryFor(id).lastText = text;

    let manifest: SceneManifest;
    try {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new SceneManifestError(fileLabel, [{ path: '(root)', reason: `invalid JSON: ${describeError(err)}` }]);
      }
      manifest = parseSceneManifest(json, fileLabel);
      await this.checkAssets(manifest, fileLabel);
    } catch (err) {
      this.fail(id, err instanceof SceneManifestError ? err.message : `${fileLabel}: (root): ${describeError(err)}`, how.emit);
      return;
    }
    const e = this.entryFor(id);
    e.good = { manifest, text };
    delete e.error;
    if (how.emit) this.emit({ type: 'changed', id, manifest });
  }

  /** Every asset (and the equirect sky) must exist on disk, else the scene cannot load. */
  private async checkAssets(manifest: SceneManifest, fileLabel: string): Promise<void> {
    const refs: { path: string; field: string; uri: string }[] = manifest.assets.map((a, i) => ({ path: assetPathOf(a.uri), field: `assets[${i}].uri`, uri: a.uri }));
    const sky = manifest.environment.sky;
    if (sky.type === 'equirect') refs.push({ path: assetPathOf(sky.uri), field: 'environment.sky.uri', uri: sky.uri });
    for (const ref of refs) {
      const onDisk = join(this.options.assetsDir, ref.path.slice(SCENE_ASSETS_DIR.length));
      const found = await stat(onDisk).then((s) => s.isFile(), () => false);
      if (!found) throw new SceneManifestError(fileLabel, [{ path: ref.field, reason: `"${ref.uri}" not found (${ref.path})` }]);
    }
  }

  private fail(id: string, error: string, emit: boolean): void {
    this.entryFor(id).error = error;
    if (emit) this.emit({ type: 'invalid', id, error });
  }

  private entryFor(id: string): SceneEntry {
    let e = this.entries.get(id);
    if (!e) this.entries.set(id, (e = {}));
    return e;
  }

  private emit(event: SceneLibraryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private fileLabel(id: string): string {
    return `${basename(this.options.scenesDir)}/${id}.json`;
  }
}

/** `desert-road.json` yes; `.desert-road.json.1.tmp`, `desert-road.json.bak` no. */
function isSceneFileName(name: string): boolean {
  return name.endsWith('.json') && !name.startsWith('.') && !name.includes('/') && !name.includes('\\');
}

function idOfFileName(name: string): string {
  return name.slice(0, -'.json'.length);
}

/** Project-relative asset paths the last good version uses (what an asset change must re-check). */
function referencedAssets(e: SceneEntry): string[] {
  const m = e.good?.manifest;
  if (!m) return [];
  const paths = m.assets.map((a) => assetPathOf(a.uri));
  if (m.environment.sky.type === 'equirect') paths.push(assetPathOf(m.environment.sky.uri));
  return paths;
}

/** Make the rename itself durable; not every platform can open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  }
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
