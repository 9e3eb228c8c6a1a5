// The archive: an OCI image layout (oci-layout, index.json, blobs/sha256/*)
// in a tar, with Docker's manifest.json beside index.json naming the same
// blobs. `skopeo ... oci-archive:`, `ctr images import` (and so `kind load
// image-archive`) read the OCI layout; `docker load` reads manifest.json.
// Written like a layer (sorted, one timestamp, root-owned), to a temporary
// file renamed into place, so the archive itself is reproducible too.
import { createWriteStream, renameSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, Descriptor } from './blob-store.ts';
import { layerEntries, textFile, type LayerEntry } from './layer-entry.ts';
import { OCI_LAYOUT_DOCUMENT } from './oci-documents.ts';
import { tarStreamOf } from './tar-stream-of.ts';

export interface ArchiveContent {
  readonly store: BlobStore;
  /** Every blob the index reaches: manifest, config, layers. */
  readonly blobs: readonly Descriptor[];
  readonly index: Buffer;
  readonly dockerManifest: Buffer;
}

export function archiveEntries(content: ArchiveContent): LayerEntry[] {
  const bytesEntry = (path: string, bytes: Buffer): LayerEntry => ({ ...textFile(path, ''), size: bytes.length, content: { bytes } });
  return layerEntries([
    bytesEntry('oci-layout', OCI_LAYOUT_DOCUMENT),
    bytesEntry('index.json', content.index),
    bytesEntry('manifest.json', content.dockerManifest),
    ...[...new Map(content.blobs.map((blob) => [blob.digest, blob])).values()].map((blob): LayerEntry => ({
      type: 'file',
      path: `blobs/sha256/${blob.digest.replace(/^sha256:/, '')}`,
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: blob.size,
      content: { path: content.store.path(blob.digest) },
    })),
  ]);
}

export async function writeArchive(content: ArchiveContent, epoch: number, path: string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await pipeline(tarStreamOf(archiveEntries(content), epoch), createWriteStream(temporary));
  renameSync(temporary, path);
}
