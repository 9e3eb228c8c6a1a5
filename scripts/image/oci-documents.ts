// The JSON documents of an image, as bytes: the image configuration, the
// manifest, the OCI layout's index.json and oci-layout, and Docker's
// manifest.json (what `docker load` reads). Pure functions of their inputs,
// with a fixed key order and no whitespace, so equal inputs give equal
// digests. Specifications: OCI image-spec v1.1 (config.md, manifest.md,
// image-index.md, image-layout.md, annotations.md) and Docker's image
// tarball format (moby image/spec, "Combined Image JSON + Filesystem
// Changeset Format").
import type { Descriptor } from './blob-store.ts';

export const MEDIA_TYPE = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

/** What `docker run` and the kubelet start a container with. */
export interface ContainerConfig {
  /** `uid:gid`, numeric (the kubelet checks runAsNonRoot on it without reading /etc/passwd). */
  readonly user?: string;
  /** In this order. */
  readonly env: readonly (readonly [string, string])[];
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly workdir?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** `9443/tcp`. */
  readonly exposedPorts?: readonly string[];
  readonly stopSignal?: string;
}

export interface Platform {
  readonly architecture: string;
  readonly os: string;
}

export interface ConfigLayer {
  readonly diffId: string;
  /** The history entry: what made the layer. */
  readonly createdBy: string;
}

function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function json(document: unknown): Buffer {
  return Buffer.from(JSON.stringify(document));
}

/** RFC 3339 in UTC, seconds precision, as the OCI spec's `created` asks. */
export function created(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function imageConfigDocument(input: { platform: Platform; epoch: number; config: ContainerConfig; layers: readonly ConfigLayer[] }): Buffer {
  const { config } = input;
  const at = created(input.epoch);
  const runtime: Record<string, unknown> = {};
  if (config.user !== undefined) runtime.User = config.user;
  if (config.exposedPorts !== undefined && config.exposedPorts.length > 0) runtime.ExposedPorts = sortedRecord(config.exposedPorts.map((port) => [port, {}] as const));
  runtime.Env = config.env.map(([name, value]) => `${name}=${value}`);
  if (config.entrypoint !== undefined) runtime.Entrypoint = config.entrypoint;
  if (config.cmd !== undefined) runtime.Cmd = config.cmd;
  if (config.workdir !== undefined) runtime.WorkingDir = config.workdir;
  if (config.labels !== undefined) runtime.Labels = sortedRecord(Object.entries(config.labels));
  if (config.stopSignal !== undefined) runtime.StopSignal = config.stopSignal;
  return json({
    created: at,
    architecture: input.platform.architecture,
    os: input.platform.os,
    config: runtime,
    rootfs: { type: 'layers', diff_ids: input.layers.map((layer) => layer.diffId) },
    history: input.layers.map((layer) => ({ created: at, created_by: layer.createdBy })),
  });
}

export function manifestDocument(config: Descriptor, layers: readonly Descriptor[]): Buffer {
  return json({
    schemaVersion: 2,
    mediaType: MEDIA_TYPE.manifest,
    config: { mediaType: MEDIA_TYPE.config, digest: config.digest, size: config.size },
    layers: layers.map((layer) => ({ mediaType: MEDIA_TYPE.layer, digest: layer.digest, size: layer.size })),
  });
}

/**
 * index.json: one manifest, named by the full reference twice: as
 * `org.opencontainers.image.ref.name` (what skopeo's and umoci's
 * `oci-archive:FILE:REF` select) and as `io.containerd.image.name` (what
 * `ctr images import` and so `kind load image-archive` name the image by).
 */
export function indexDocument(manifest: Descriptor, ref: string, platform: Platform): Buffer {
  return json({
    schemaVersion: 2,
    mediaType: MEDIA_TYPE.index,
    manifests: [
      {
        mediaType: MEDIA_TYPE.manifest,
        digest: manifest.digest,
        size: manifest.size,
        annotations: { 'io.containerd.image.name': ref, 'org.opencontainers.image.ref.name': ref },
        platform: { architecture: platform.architecture, os: platform.os },
      },
    ],
  });
}

export const OCI_LAYOUT_DOCUMENT = json({ imageLayoutVersion: '1.0.0' });

/** Docker's manifest.json, pointing at the same blobs (a layer tar may be compressed; docker load detects it). */
export function dockerManifestDocument(config: Descriptor, layers: readonly Descriptor[], ref: string): Buffer {
  const blob = (descriptor: Descriptor): string => `blobs/sha256/${descriptor.digest.replace(/^sha256:/, '')}`;
  return json([{ Config: blob(config), RepoTags: [ref], Layers: layers.map(blob) }]);
}

// The reference grammar of distribution/reference (name:tag, lower-case
// path components, an optional registry host with port).
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?';
const REFERENCE = new RegExp(`^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*:[\\w][\\w.-]{0,127}$`);

/** `registry/path/name:tag`, or an error saying what is wrong. */
export function checkReference(ref: string): string {
  if (!REFERENCE.test(ref)) throw new Error(`"${ref}" is not an image reference of the form host/path/name:tag (lower-case name; tag of letters, digits, _ . -)`);
  return ref;
}

/** A tag from a version such as Debian's `1:1.35.0-4+deb12u1`: the epoch dropped, characters a tag cannot hold as `_`. */
export function tagOf(version: string): string {
  const tag = version.replace(/^\d+:/, '').replace(/[^\w.-]/g, '_');
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) throw new Error(`cannot make a tag of the version "${version}"`);
  return tag;
}
