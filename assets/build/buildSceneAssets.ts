// Builds the demo scenes' glTF assets procedurally (seeded, so the same bytes every run) into assets/scenes/, and with
// --report prints what each scene costs a render node: draw calls, triangles, texture memory, download size.
// Usage: tsx assets/build/buildSceneAssets.ts [--report] [--check] [scene-id …]
//   --check  write nothing; fail if a committed GLB differs from what this script builds (for CI)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NodeIO, type Document } from '@gltf-transform/core';
import { parseSceneManifest } from '../../engine/protocol/SceneManifest.ts';
import { sceneCost, type SceneCost } from './sceneAssetReport.ts';
import { buildCityRooftopDusk } from './sets/cityRooftopDusk.ts';
import { buildDesertRoad } from './sets/desertRoad.ts';
import { buildStudioTalkShow } from './sets/studioTalkShow.ts';
import type { SetBuilder } from './SetBuilder.ts';

export const PROJECT_DIR = resolve(import.meta.dirname, '../..');

/** One generated asset file: its name under assets/scenes/ and the set it holds. */
export interface SceneAssetSpec {
  /** The scene (scenes/<id>.json) that places it. */
  sceneId: string;
  file: string;
  build: () => SetBuilder;
}

export const SCENE_ASSETS: readonly SceneAssetSpec[] = [
  { sceneId: 'city-rooftop-dusk', file: 'city-rooftop-dusk.glb', build: buildCityRooftopDusk },
  { sceneId: 'desert-road', file: 'desert-road.glb', build: buildDesertRoad },
  { sceneId: 'studio-talk-show', file: 'studio-talk-show.glb', build: buildStudioTalkShow },
];

/** Budgets a scene must stay within to hold 60 fps at 1080p on a mid-range GPU and load in a moment. */
export const BUDGET = { drawCalls: 200, triangles: 300_000, downloadBytes: 20 * 1024 * 1024 } as const;

/** The asset as a glTF document (deterministic). */
export function buildSceneDocument(spec: SceneAssetSpec): Document {
  return spec.build().toDocument(spec.sceneId);
}

/** The asset as GLB bytes (deterministic). */
export async function buildSceneGlb(spec: SceneAssetSpec): Promise<Uint8Array> {
  return new NodeIO().writeBinary(buildSceneDocument(spec));
}

/** Cost of every scene file that places the given assets, read back from disk. */
export async function reportScenes(sceneIds: string[]): Promise<SceneCost[]> {
  const out: SceneCost[] = [];
  for (const id of sceneIds) {
    const file = join(PROJECT_DIR, 'scenes', `${id}.json`);
    const manifest = parseSceneManifest(JSON.parse(await readFile(file, 'utf8')), `scenes/${id}.json`);
    out.push(await sceneCost(manifest, PROJECT_DIR));
  }
  return out;
}

export function formatReport(costs: SceneCost[]): string {
  const rows = [['scene', 'draw calls', 'triangles', 'materials', 'textures', 'texture memory', 'GLB size']];
  for (const c of costs)
    rows.push([c.id, String(c.drawCalls), c.triangles.toLocaleString('en-US'), String(c.materials), String(c.textures), formatBytes(c.textureBytes), formatBytes(c.downloadBytes)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB (${n} B)` : `${(n / 1024).toFixed(1)} KiB (${n} B)`;
}

async function main(argv: string[]): Promise<number> {
  const report = argv.includes('--report');
  const ids = argv.filter((a) => !a.startsWith('--'));
  const specs = ids.length > 0 ? SCENE_ASSETS.filter((s) => ids.includes(s.sceneId)) : SCENE_ASSETS;
  if (ids.length > 0 && specs.length !== ids.length) {
    console.error(`unknown scene id; known: ${SCENE_ASSETS.map((s) => s.sceneId).join(', ')}`);
    return 2;
  }
  const outDir = join(PROJECT_DIR, 'assets', 'scenes');
  if (argv.includes('--check')) {
    let stale = 0;
    for (const spec of specs) {
      const committed = await readFile(join(outDir, spec.file)).catch(() => undefined);
      if (!committed || !Buffer.from(await buildSceneGlb(spec)).equals(committed)) {
        console.error(`assets/scenes/${spec.file} is missing or out of date: run tsx assets/build/buildSceneAssets.ts`);
        stale++;
      }
    }
    return stale > 0 ? 1 : 0;
  }
  await mkdir(outDir, { recursive: true });
  for (const spec of specs) {
    const started = performance.now();
    const glb = await buildSceneGlb(spec);
    await writeFile(join(outDir, spec.file), glb);
    console.log(`wrote assets/scenes/${spec.file} (${(glb.byteLength / 1024).toFixed(1)} KiB) in ${Math.round(performance.now() - started)} ms`);
  }
  if (!report) return 0;
  const costs = await reportScenes([...new Set(specs.map((s) => s.sceneId))]);
  console.log(`\n${formatReport(costs)}`);
  const over = costs.filter((c) => c.drawCalls > BUDGET.drawCalls || c.triangles > BUDGET.triangles || c.downloadBytes > BUDGET.downloadBytes);
  for (const c of over) console.error(`${c.id}: over budget (${BUDGET.drawCalls} draw calls, ${BUDGET.triangles} triangles, ${BUDGET.downloadBytes} bytes)`);
  return over.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = await main(process.argv.slice(2));
