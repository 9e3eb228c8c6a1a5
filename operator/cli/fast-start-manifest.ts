// The record scripts/bundle.ts writes next to the fast CLI (manifest.json)
// and fast-start.ts reads on every start: where the bundle and the full CLI
// are and, for a bundle built from a checkout, every file it was built from,
// so that a bundle whose sources changed never runs.
import { readFileSync, statSync, type BigIntStats } from 'node:fs';
import { sep } from 'node:path';

export interface FastStartManifest {
  /** The CommonJS bundle of fast-cli.ts, relative to the manifest. */
  readonly bundle: string;
  /** The full CLI (main.ts, or its tsc output in an image), relative to the manifest. */
  readonly fullCli: string;
  /** Absent for a prebuilt bundle (an image's dist/cli/), whose sources are not there to change. */
  readonly sources?: BundleSources;
  /**
   * For a prebuilt bundle: the absolute directory it will run from (an
   * image's /app/dist/cli), the name the bundle is compiled under wherever it
   * sits. V8 writes that name into the code caches, which the build makes
   * somewhere else; naming it as it will be found keeps the image's bytes the
   * same whatever directory built it. Absent: the manifest's own directory.
   */
  readonly runsAt?: string;
}

export interface BundleSources {
  /** The checkout, relative to the manifest. */
  readonly root: string;
  /** When the files were hashed (ms since the epoch). */
  readonly hashedAtMs: number;
  readonly files: readonly SourceFile[];
}

export interface SourceFile {
  /** Relative to the checkout. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** Nanoseconds, as decimal strings (they exceed 2^53). */
  readonly mtimeNs: string;
  readonly ctimeNs: string;
  readonly ino: string;
}

/**
 * A modification this close before the hashing may share its timestamp with
 * a later one (a coarse file-system clock), so such files are always hashed:
 * git's "racily clean" rule.
 */
export const RACY_WINDOW_MS = 2000;

export function sha256(data: Buffer): string {
  // Loaded on first use: a start whose sources are unchanged hashes nothing.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(data).digest('hex');
}

export function statFields(stat: BigIntStats): Pick<SourceFile, 'size' | 'mtimeNs' | 'ctimeNs' | 'ino'> {
  return { size: Number(stat.size), mtimeNs: String(stat.mtimeNs), ctimeNs: String(stat.ctimeNs), ino: String(stat.ino) };
}

/**
 * The first source that differs from what the bundle was built from, or
 * undefined. A file whose size, times and inode are as recorded (and were
 * not racy) is taken as unchanged without reading it; any other is hashed.
 * A file that is gone counts as changed.
 */
export function changedSource(sources: BundleSources, root: string): string | undefined {
  // Concatenation, not path.join: the recorded paths are normalized already, and join's normalizing is most of this loop's cost.
  const base = root.endsWith(sep) ? root : `${root}${sep}`;
  for (const file of sources.files) {
    const path = `${base}${file.path}`;
    let stat: BigIntStats;
    try {
      stat = statSync(path, { bigint: true });
    } catch {
      return file.path;
    }
    if (sameStat(file, statFields(stat)) && !isRacy(file, sources.hashedAtMs)) continue;
    if (sha256(readFileSync(path)) !== file.sha256) return file.path;
  }
  return undefined;
}

function sameStat(recorded: SourceFile, current: Pick<SourceFile, 'size' | 'mtimeNs' | 'ctimeNs' | 'ino'>): boolean {
  return (
    recorded.size === current.size && recorded.mtimeNs === current.mtimeNs && recorded.ctimeNs === current.ctimeNs && recorded.ino === current.ino
  );
}

function isRacy(file: SourceFile, hashedAtMs: number): boolean {
  const latestNs = BigInt(file.mtimeNs) > BigInt(file.ctimeNs) ? BigInt(file.mtimeNs) : BigInt(file.ctimeNs);
  return latestNs >= BigInt(Math.floor(hashedAtMs - RACY_WINDOW_MS)) * 1_000_000n;
}
