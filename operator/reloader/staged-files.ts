// File operations of one transaction. Every new file is written next to its
// destination (same directory, so same file system and rename(2) is atomic),
// fsynced, checked, and only then renamed over the destination; the old file
// is kept as a hard link until the transaction ends, so a rollback is a
// rename as well. A reader sees the old file or the new one, never a part.
import { randomBytes } from 'node:crypto';
import { chmod, chown, link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface DesiredFile {
  readonly dest: string;
  readonly content: string;
  readonly mode: number;
  readonly uid?: number;
  readonly gid?: number;
}

export interface StagedFile {
  readonly dest: string;
  readonly staged: string;
}

export interface SwappedFile {
  readonly dest: string;
  /** Hard link to the previous file; undefined when dest did not exist. */
  readonly backup?: string;
}

/** True when dest already has this content, mode and (when set) owner. */
export async function fileMatches(file: DesiredFile): Promise<boolean> {
  try {
    const [info, content] = await Promise.all([stat(file.dest), readFile(file.dest, 'utf8')]);
    return (
      content === file.content &&
      (info.mode & 0o7777) === file.mode &&
      (file.uid === undefined || info.uid === file.uid) &&
      (file.gid === undefined || info.gid === file.gid)
    );
  } catch {
    return false;
  }
}

export async function stageFile(file: DesiredFile): Promise<StagedFile> {
  const staged = sibling(file.dest, `tandem-${randomBytes(6).toString('hex')}`);
  const handle = await open(staged, 'wx', 0o600);
  try {
    await handle.writeFile(file.content, 'utf8');
    if (file.uid !== undefined || file.gid !== undefined) await chown(staged, file.uid ?? -1, file.gid ?? -1);
    // After chown, which clears set-id bits, and regardless of the umask.
    await chmod(staged, file.mode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(staged).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return { dest: file.dest, staged };
}

/** Renames every staged file over its destination, keeping the previous ones; then fsyncs the directories. */
export async function swapFiles(files: readonly StagedFile[]): Promise<SwappedFile[]> {
  const swapped: SwappedFile[] = [];
  for (const file of files) {
    const backup = sibling(file.dest, 'tandem-previous');
    await unlink(backup).catch(() => undefined);
    const kept = await link(file.dest, backup).then(
      () => true,
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      },
    );
    await rename(file.staged, file.dest);
    swapped.push(kept ? { dest: file.dest, backup } : { dest: file.dest });
  }
  await syncDirectories(files.map((file) => file.dest));
  return swapped;
}

/** Puts the previous files back (removing files that did not exist before). */
export async function restoreFiles(files: readonly SwappedFile[]): Promise<void> {
  for (const file of [...files].reverse()) {
    if (file.backup === undefined) await unlink(file.dest).catch(() => undefined);
    else await rename(file.backup, file.dest);
  }
  await syncDirectories(files.map((file) => file.dest));
}

export async function discardStaged(files: readonly StagedFile[]): Promise<void> {
  await Promise.all(files.map((file) => unlink(file.staged).catch(() => undefined)));
}

export async function discardBackups(files: readonly SwappedFile[]): Promise<void> {
  await Promise.all(files.map(async (file) => {
    if (file.backup !== undefined) await unlink(file.backup).catch(() => undefined);
  }));
}

/** `.name.suffix` in the same directory: hidden, and on the same file system as dest. */
function sibling(dest: string, suffix: string): string {
  return join(dirname(dest), `.${basename(dest)}.${suffix}`);
}

/** A rename is durable once its directory is fsynced. */
async function syncDirectories(paths: readonly string[]): Promise<void> {
  for (const dir of new Set(paths.map((path) => dirname(path)))) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
