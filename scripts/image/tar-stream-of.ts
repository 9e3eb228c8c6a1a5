// Layer entries as a tar stream (tar-stream writes the headers: ustar, with a
// pax record for a long or non-ASCII path). What makes it reproducible is
// decided here: entries in the order given (layerEntries sorts them), every
// mtime the build's epoch, numeric owners with no user or group names,
// modes as the entry says, directories named with a trailing slash as GNU
// tar does.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { LayerEntry } from './layer-entry.ts';

function header(entry: LayerEntry, mtime: Date): Parameters<tar.Pack['entry']>[0] {
  const common = { uid: entry.uid, gid: entry.gid, mtime };
  if (entry.type === 'directory') return { ...common, name: `${entry.path}/`, type: 'directory', mode: entry.mode };
  if (entry.type === 'symlink') return { ...common, name: entry.path, type: 'symlink', mode: 0o777, linkname: entry.target };
  return { ...common, name: entry.path, type: 'file', mode: entry.mode, size: entry.size };
}

async function writeFileEntry(sink: ReturnType<tar.Pack['entry']>, path: string): Promise<void> {
  for await (const chunk of createReadStream(path)) {
    if (!sink.write(chunk as Buffer)) await once(sink, 'drain');
  }
  sink.end(undefined);
}

async function pack(entries: readonly LayerEntry[], mtime: Date, packer: tar.Pack): Promise<void> {
  for (const entry of entries) {
    // tar-stream would fail with a bare "Size mismatch"; say which file changed since it was listed.
    if (entry.type === 'file' && 'path' in entry.content) {
      const actual = (await stat(entry.content.path)).size;
      if (actual !== entry.size) throw new Error(`/${entry.path}: ${entry.content.path} has ${actual} bytes, ${entry.size} when it was listed`);
    }
    const done = new Promise<void>((resolve, reject) => {
      const callback = (error?: Error | null): void => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve();
      };
      if (entry.type !== 'file') packer.entry(header(entry, mtime), callback);
      else if ('bytes' in entry.content) packer.entry(header(entry, mtime), entry.content.bytes, callback);
      else writeFileEntry(packer.entry(header(entry, mtime), callback), entry.content.path).catch(reject);
    });
    await done.catch((error: unknown) => {
      throw new Error(`/${entry.path}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  packer.finalize();
}

/** The tar of `entries`, every timestamp `epoch` (seconds); a read error destroys the stream with it. */
export function tarStreamOf(entries: readonly LayerEntry[], epoch: number): Readable {
  const packer = tar.pack();
  pack(entries, new Date(epoch * 1000), packer).catch((error: unknown) => {
    packer.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  // A streamx Readable: node:stream's pipeline and async iteration take it as they take their own.
  return packer as unknown as Readable;
}
