// Fault: the data dir is read-only or full, on a real engine process. At start the engine refuses to run, naming the
// folder and the errno (a decision it could not record would be lost); mid-take, recording stops with a visible
// error (`take.failed` with the reason, the take marked failed) while the frames go on.
// Real failures only: a read-only or tiny tmpfs where this box lets us mount one (root with CAP_SYS_ADMIN), else a
// folder we may not write (non-root) or a path through a regular file (ENOTDIR), and a take folder deleted mid-take.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../engine/protocol/LiveMessages.ts';
import type { TakeManifestWire } from '../../engine/protocol/takes.ts';
import { ROOT, startEngineProcess, type EngineProcess } from '../support/engineProcess.ts';
import { connectLive } from '../support/liveClient.ts';
import { waitFor } from '../support/startTestEngine.ts';

const TOKENS = 'director=disk-director-1,viewer=disk-viewer-1,operator=disk-operator-1,designer=disk-designer-1,render=disk-render-1';
const scratch: string[] = [];
const mounts: string[] = [];
const engines: EngineProcess[] = [];

afterAll(async () => {
  for (const e of engines) await e.stop();
  for (const m of mounts) execFileSync('umount', ['-l', m]);
  for (const d of scratch) {
    chmodSync(d, 0o755);
    await rm(d, { recursive: true, force: true });
  }
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'vantage-fault-disk-'));
  scratch.push(d);
  return d;
}

/** Mounts a tmpfs of `sizeKiB` (read-only with `ro`) on a fresh folder; undefined where this box does not allow it. */
async function tmpfs(sizeKiB: number, ro = false): Promise<string | undefined> {
  const dir = await tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `${ro ? 'ro,' : ''}size=${sizeKiB}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  mounts.push(dir);
  return dir;
}

/** The errno a write into `dir` (whose parent exists) really fails with here: the test asserts what the OS said. */
function writeErrno(dir: string): string {
  try {
    if (!existsSync(dir)) mkdirSync(dir); // not recursive: Node's recursive mkdir says ENOENT for an EROFS
    writeFileSync(path.join(dir, 'probe'), Buffer.alloc(8192));
  } catch (err) {
    return (err as NodeJS.ErrnoException).code!;
  }
  throw new Error(`${dir} takes writes: not a fault`);
}

/** A data dir that refuses writes: a read-only tmpfs, else a folder without write permission (non-root), else a path through a file. */
async function readOnlyDataDir(): Promise<string> {
  const ro = await tmpfs(64, true);
  if (ro) return path.join(ro, 'data');
  const dir = await tempDir();
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return path.join(dir, 'data');
  }
  writeFileSync(path.join(dir, 'not-a-folder'), 'x');
  return path.join(dir, 'not-a-folder', 'data');
}

/** Runs the engine on `dataDir` expecting it to refuse to start: its exit code and everything it printed. */
async function refusedStart(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, VP_DATA_DIR: dataDir, VP_TOKENS: TOKENS, VP_HOST: '127.0.0.1', VP_HTTP_PORT: '0', VP_OSC_PORT: '0', VP_FREED_PORT: '0', VP_OTIO_PORT: '0', VP_SIMULATE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000); // it came up after all: the assertions say so
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

/** Appends to `file` until the disk says no; returns the errno (ENOSPC on a full disk). */
function fillDisk(file: string): string {
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (let i = 0; i < 1 << 16; i++) appendFileSync(file, chunk);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code!;
  }
  throw new Error(`${file}: 4 GiB written and the disk is not full`);
}

describe('a data dir that cannot be written', () => {
  it('read-only at start: the engine exits non-zero naming the folder and the errno', async () => {
    const dataDir = await readOnlyDataDir();
    const errno = writeErrno(dataDir);
    const { code, output } = await refusedStart(dataDir);
    expect(code, output).not.toBe(0);
    expect(code, output).not.toBeNull(); // exited by itself, not killed by the timeout
    expect(output).toContain(`vantage: data dir ${dataDir} is not writable: ${errno}`);
  }, 60_000);

  it('full at start: the engine exits non-zero with ENOSPC', async (ctx) => {
    const full = await tmpfs(16);
    if (!full) return ctx.skip(); // needs a mount; the run-time test below fills no disk either then
    expect(fillDisk(path.join(full, 'filler'))).toBe('ENOSPC');
    const { code, output } = await refusedStart(full);
    expect(code, output).not.toBe(0);
    expect(code, output).not.toBeNull();
    expect(output).toContain(`vantage: data dir ${full} is not writable: ENOSPC`);
  }, 60_000);
});

describe('writes failing mid-take', () => {
  /** Starts an engine on `dataDir`, starts a take, breaks the disk with `breakIt`, and checks the show goes on. */
  async function failMidTake(dataDir: string, breakIt: (take: TakeManifestWire) => void, reason: RegExp): Promise<{ manifest: TakeManifestWire; frames: number }> {
    const engine = await startEngineProcess({ VP_DATA_DIR: dataDir, VP_TOKENS: TOKENS, VP_SIMULATE: '1', VP_SCENE: 'demo' });
    engines.push(engine);
    const live = await connectLive(engine.url('/live', 'disk-director-1'));
    try {
      const started = await live.command('take.start', { slate: 'DISK' });
      expect(started.ok).toBe(true);
      const take = started.result as TakeManifestWire;
      await live.nextFrame((f) => (f.take?.recording?.frames ?? 0) > 10, 10_000);
      breakIt(take);
      const failed = (await waitFor(() => live.messages.find((m): m is EventMessage => m.type === 'event' && m.name === 'take.failed'), 10_000, 'take.failed')).data as TakeManifestWire;
      expect(failed).toMatchObject({ id: take.id, state: 'failed' });
      expect(failed.note).toMatch(reason);
      // The show goes on: frames keep coming, with the cameras, and without the red tally.
      const at = live.lastFrame()!.frame;
      const later = await live.nextFrame((f) => f.frame > at + 25, 10_000);
      expect(later.take?.recording ?? null).toBeNull();
      expect(later.cameras.length).toBeGreaterThan(0);
      const res = await fetch(engine.url(`/api/takes/${take.id}`, 'disk-viewer-1'));
      expect(res.status).toBe(200);
      return (await res.json()) as { manifest: TakeManifestWire; frames: number };
    } finally {
      await live.close();
      await engine.stop();
    }
  }

  it('the take folder is deleted: the take fails at once instead of recording into a deleted file', async () => {
    const dataDir = await tempDir();
    const { manifest } = await failMidTake(dataDir, (take) => execFileSync('rm', ['-rf', path.join(dataDir, 'takes', take.id)]), /VP_ERR_TAKE_FILE_GONE/);
    expect(manifest).toMatchObject({ state: 'failed' }); // its folder made again to say so
  }, 90_000);

  it('the disk fills up: the take fails with ENOSPC, marked failed on that same full disk', async (ctx) => {
    const disk = await tmpfs(2048);
    if (!disk) return ctx.skip();
    const { manifest, frames } = await failMidTake(disk, () => expect(fillDisk(path.join(disk, 'filler'))).toBe('ENOSPC'), /ENOSPC/);
    expect(manifest).toMatchObject({ state: 'failed', corruptRegions: 0 });
    expect(manifest.note).toMatch(/ENOSPC/);
    // What was written before the disk filled stays readable, whole records only.
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBe(manifest.frameCount);
  }, 90_000);
});
