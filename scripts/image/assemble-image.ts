// A planned image made: each layer's sources collected into entries, the
// layer written (sorted, normalized, gzip -n), then the configuration, the
// manifest, index.json and Docker's manifest.json, and the archive.
import { join } from 'node:path';
import { BlobStore, type Descriptor } from './blob-store.ts';
import { contentBytes, layerEntries } from './layer-entry.ts';
import { dockerManifestDocument, imageConfigDocument, indexDocument, manifestDocument } from './oci-documents.ts';
import type { ImagePlan } from './plan-image.ts';
import type { BuildContext } from './recipe.ts';
import { writeArchive } from './write-archive.ts';
import { writeLayer, type LayerBlob } from './write-layer.ts';

export interface AssembledLayer extends LayerBlob {
  readonly name: string;
  readonly entries: number;
}

export interface AssembledImage {
  readonly ref: string;
  /** The manifest's digest: the image's identity (what `ctr images ls` and a registry show, what a pod pins). */
  readonly digest: string;
  readonly config: string;
  readonly layers: readonly AssembledLayer[];
  /** Bytes of the archive's blobs (compressed layers and documents). */
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
}

const MiB = 1024 * 1024;

export async function assembleImage(plan: ImagePlan, context: BuildContext, archivePath: string): Promise<AssembledImage> {
  const store = new BlobStore(join(context.workDir, 'layout'));
  const layers: AssembledLayer[] = [];
  for (const [index, layer] of plan.layers.entries()) {
    const collected = [];
    for (const source of layer.sources) collected.push(...(await source.collect(context)));
    const entries = layerEntries(collected);
    const started = Date.now();
    const blob = await writeLayer(entries, plan.epoch, store);
    context.log(
      `layer ${index + 1}/${plan.layers.length} ${layer.name}: ${entries.length} entries, ${(contentBytes(entries) / MiB).toFixed(1)} MiB -> ${(blob.size / MiB).toFixed(1)} MiB gzip ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    layers.push({ ...blob, name: layer.name, entries: entries.length });
  }
  const config = store.putBytes(imageConfigDocument({ platform: context.platform, epoch: plan.epoch, config: plan.config, layers: layers.map((layer, index) => ({ diffId: layer.diffId, createdBy: plan.layers[index]?.createdBy ?? layer.name })) }));
  const manifest = store.putBytes(manifestDocument(config, layers));
  const blobs: Descriptor[] = [manifest, config, ...layers];
  await writeArchive({ store, blobs, index: indexDocument(manifest, plan.ref, context.platform), dockerManifest: dockerManifestDocument(config, layers, plan.ref) }, plan.epoch, archivePath);
  return {
    ref: plan.ref,
    digest: manifest.digest,
    config: config.digest,
    layers,
    compressedBytes: blobs.reduce((total, blob) => total + blob.size, 0),
    uncompressedBytes: layers.reduce((total, layer) => total + layer.uncompressedSize, 0),
  };
}
