// A layer blob: the entries' tar (tar-stream-of.ts) compressed by Debian's
// GNU gzip with -n (no name, no timestamp in the gzip header), which gives
// the same bytes for the same tar on any machine with the same gzip release
// (Node's zlib can differ with its bundled zlib build). The tar's SHA-256 is
// the layer's diff_id (the image config names layers by it), the gzip's its
// digest (the manifest's).
import { spawn } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { Measure, type BlobStore, type Descriptor } from './blob-store.ts';
import type { LayerEntry } from './layer-entry.ts';
import { tarStreamOf } from './tar-stream-of.ts';

export const GZIP_ARGS = ['-n', '-6'] as const;

export interface LayerBlob extends Descriptor {
  /** SHA-256 of the uncompressed tar. */
  readonly diffId: string;
  readonly uncompressedSize: number;
}

export async function writeLayer(entries: readonly LayerEntry[], epoch: number, store: BlobStore): Promise<LayerBlob> {
  const gzip = spawn('gzip', [...GZIP_ARGS], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  gzip.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve, reject) => {
    gzip.on('error', reject);
    gzip.on('close', resolve);
  });
  const diff = new Measure();
  try {
    const [, compressed] = await Promise.all([pipeline(tarStreamOf(entries, epoch), diff, gzip.stdin), store.putStream(gzip.stdout)]);
    const code = await exited;
    if (code !== 0) throw new Error(`gzip ${GZIP_ARGS.join(' ')} exited with ${code}: ${stderr.trim()}`);
    const tarDescriptor = diff.descriptor();
    return { ...compressed, diffId: tarDescriptor.digest, uncompressedSize: tarDescriptor.size };
  } finally {
    if (gzip.exitCode === null) gzip.kill();
  }
}
