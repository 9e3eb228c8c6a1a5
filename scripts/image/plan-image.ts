// A recipe resolved: every source's fingerprint, the reference, the
// configuration, the epoch, and the cache key that names the build. The key
// hashes everything a build's bytes depend on: the builder's own code, the
// recipe's files, the fingerprints, the configuration, the epoch and the
// gzip release. Equal keys, equal images; so a cached build is reused only
// when nothing it was made of changed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkReference, type ContainerConfig } from './oci-documents.ts';
import type { BuildContext, ImageRecipe, ResolvedSource } from './recipe.ts';
import { runSync } from './run-command.ts';
import { GZIP_ARGS } from './write-layer.ts';

export interface PlannedLayer {
  readonly name: string;
  readonly createdBy: string;
  readonly sources: readonly ResolvedSource[];
}

export interface ImagePlan {
  readonly name: string;
  readonly ref: string;
  readonly config: ContainerConfig;
  readonly epoch: number;
  readonly layers: readonly PlannedLayer[];
  /** 16 hex digits. */
  readonly key: string;
}

/** The builder's own files: this folder and the command, as the key's first input. */
function builderFiles(root: string): string[] {
  const dir = 'scripts/image';
  return ['scripts/build-image.ts', ...readdirSync(join(root, dir)).filter((name) => name.endsWith('.ts')).sort().map((name) => `${dir}/${name}`)];
}

/** `path` itself, or every file under it when it is a directory, sorted. */
function filesUnder(root: string, path: string): string[] {
  if (!statSync(join(root, path)).isDirectory()) return [path];
  return readdirSync(join(root, path), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

function tarStreamVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules/tar-stream/package.json'), 'utf8')) as { version: string }).version;
}

export async function planImage(recipe: ImageRecipe, context: BuildContext): Promise<ImagePlan> {
  const layers: PlannedLayer[] = [];
  for (const layer of recipe.layers) {
    const sources: ResolvedSource[] = [];
    for (const source of layer.sources) sources.push(await source.resolve(context));
    layers.push({ name: layer.name, createdBy: `build-image ${recipe.name}: ${layer.name}: ${layer.sources.map((source) => source.describe).join('; ')}`, sources });
  }
  const resolved = layers.flatMap((layer) => layer.sources);
  const facts = Object.assign({}, ...resolved.map((source) => source.facts ?? {})) as Record<string, string>;
  const image = recipe.image(facts, context);
  const labels = Object.assign({}, image.config.labels, ...resolved.map((source) => source.labels ?? {})) as Record<string, string>;
  const config: ContainerConfig = { ...image.config, labels };
  const epoch = recipe.epoch(context);
  const hash = createHash('sha256');
  for (const file of [...builderFiles(context.root), ...recipe.files.flatMap((path) => filesUnder(context.root, path))]) hash.update(file).update('\0').update(readFileSync(join(context.root, file))).update('\0');
  hash.update(JSON.stringify({ tarStream: tarStreamVersion(context.root), gzip: [runSync('gzip', ['--version']).split('\n')[0], ...GZIP_ARGS], platform: context.platform }));
  hash.update(JSON.stringify({ ref: checkReference(image.ref), config, epoch, layers: layers.map((layer) => [layer.createdBy, layer.sources.map((source) => source.fingerprint)]) }));
  return { name: recipe.name, ref: image.ref, config, epoch, layers, key: hash.digest('hex').slice(0, 16) };
}
