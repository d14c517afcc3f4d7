// The data dir must take writes before the engine starts: the audit log and takes live there, and a read-only or
// full disk first noticed at a director's decision would lose it. A real write, fsync and delete proves it.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Bytes the probe writes: a block, so a full disk says so now rather than at the first record. */
const PROBE_BYTES = 4096;

export class DataDirError extends Error {
  override name = 'DataDirError';
  constructor(
    readonly dir: string,
    /** The errno the OS gave (EROFS, EACCES, ENOSPC, ENOTDIR…). */
    readonly code: string,
    detail: string,
  ) {
    super(`data dir ${dir} is not writable: ${code} (${detail}); set VP_DATA_DIR or --data-dir to a writable folder`);
  }
}

/** Creates `dataDir` if needed and proves it takes a write; throws DataDirError naming the folder and the errno. */
export function checkDataDir(dataDir: string): void {
  const dir = path.resolve(dataDir);
  const probe = path.join(dir, `.vantage-write-probe-${process.pid}`);
  let fd: number | undefined;
  try {
    makeDir(dir);
    fd = openSync(probe, 'w');
    writeSync(fd, Buffer.alloc(PROBE_BYTES));
    fsyncSync(fd);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new DataDirError(dir, e.code ?? 'EIO', e.message);
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
      try {
        unlinkSync(probe);
      } catch {
        // a probe we cannot delete is harmless; the write above is what we needed to know
      }
    }
  }
}

/** mkdir -p that reports the real errno: Node's recursive mkdir says ENOENT for any failure (EROFS, EACCES) below a parent that exists. */
function makeDir(dir: string): void {
  if (existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeDir(parent);
  mkdirSync(dir);
}
