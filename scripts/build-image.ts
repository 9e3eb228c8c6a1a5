// Builds a container image as an OCI archive, without a container engine,
// from a declarative recipe (docs/adr/0008-images-built-without-an-engine.md):
//
//   node scripts/build-image.ts <tandem|nginx|toolbox|toolbox-next|pause> [--out DIR]
//
// tandem   Tandem's image (image/recipe.ts): what the chart, deploy/ and the
//          SidecarSets run; `make image`.
// nginx    tandem.local/test/nginx:<Debian's nginx version>, toolbox
//          tandem.local/test/toolbox:<busybox version> (toolbox-next: the
//          same files, another digest: a sidecar's "new version"), pause
//          tandem.local/test/pause:<version>: the test images of the real
//          node (test/images/<name>/recipe.ts).
//
// Prints progress on stderr and, last on stdout, one line of JSON:
//   {"name":"tandem","ref":"ghcr.io/tandem-dev/tandem:0.1.0","archive":"/abs/path.tar",
//    "digest":"sha256:<manifest digest>","config":"sha256:<config digest>"}
// The archive is an OCI image layout in a tar (index.json names the image by
// `ref`) with Docker's manifest.json beside it: `ctr images import`,
// `kind load image-archive`, `docker load` and `skopeo ... oci-archive:` all
// read it. `digest` is what a pod pins (`image: REF@DIGEST`).
//
// Without --out, the archive lives in ${TANDEM_CACHE_DIR:-~/.cache/tandem}/images/<name>-<key>/image.tar,
// <key> a hash of everything the image is made of, and a build whose key is
// already there is reused at once (archives unused for 3 days are deleted).
// --out DIR builds afresh into DIR/<name>.tar, reusing only downloads
// (Debian packages, npm tarballs): a release build, or a check that two builds
// give the same digest. Concurrent runs are safe: every result is written
// under a temporary name and renamed into place.
//
// Needs: Debian 12 (bookworm) with its apt lists (`apt-get update`), gzip,
// tar and dpkg-deb; Go at /usr/local/go for pause; npm for tandem. Never a
// Docker engine, never a registry other than Debian's and npm's.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assembleImage, type AssembledImage } from './image/assemble-image.ts';
import { planImage } from './image/plan-image.ts';
import type { BuildContext, ImageRecipe } from './image/recipe.ts';

const ROOT = join(import.meta.dirname, '..');
/** Built images not used for this long are deleted (other worktrees may still use recent ones). */
const PRUNE_AFTER_MS = 3 * 24 * 3600 * 1000;

export const RECIPES: Readonly<Record<string, string>> = {
  tandem: '../image/recipe.ts',
  nginx: '../test/images/nginx/recipe.ts',
  toolbox: '../test/images/toolbox/recipe.ts',
  'toolbox-next': '../test/images/toolbox-next/recipe.ts',
  pause: '../test/images/pause/recipe.ts',
};

/** The line printed last. */
export interface BuildResult {
  readonly name: string;
  readonly ref: string;
  readonly archive: string;
  readonly digest: string;
  readonly config: string;
}

/** What image.json beside a cached archive holds. */
interface CachedBuild extends BuildResult {
  readonly details: Omit<AssembledImage, 'ref' | 'digest' | 'config'>;
  readonly seconds: number;
}

export function cacheRoot(): string {
  return process.env.TANDEM_CACHE_DIR ?? join(homedir(), '.cache/tandem');
}

export async function loadRecipe(name: string): Promise<ImageRecipe> {
  const module = RECIPES[name];
  if (module === undefined) throw new Error(`no image named "${name}"; one of: ${Object.keys(RECIPES).join(', ')}`);
  return ((await import(module)) as { recipe: ImageRecipe }).recipe;
}

function log(message: string): void {
  process.stderr.write(`build-image: ${message}\n`);
}

function platformOf(): BuildContext['platform'] {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`images are built for linux/amd64 on linux/amd64; this is ${process.platform}/${process.arch}`);
  return { architecture: 'amd64', os: 'linux' };
}

function prune(imagesDir: string, keep: string): void {
  for (const name of readdirSync(imagesDir)) {
    const path = join(imagesDir, name);
    if (name !== keep && Date.now() - lstatSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { recursive: true, force: true });
  }
}

async function buildInto(recipe: ImageRecipe, options: { out?: string }, started: number): Promise<BuildResult> {
  const cacheDir = cacheRoot();
  const imagesDir = join(cacheDir, 'images');
  mkdirSync(imagesDir, { recursive: true });
  const workDir = mkdtempSync(join(imagesDir, `.work-${recipe.name}-`));
  const context: BuildContext = { root: ROOT, cacheDir, workDir, fresh: options.out !== undefined, platform: platformOf(), log };
  try {
    const plan = await planImage(recipe, context);
    const entryName = `${recipe.name}-${plan.key}`;
    const entry = join(imagesDir, entryName);
    if (options.out === undefined && existsSync(join(entry, 'image.json'))) {
      const now = new Date();
      utimesSync(entry, now, now);
      prune(imagesDir, entryName);
      const cached = JSON.parse(readFileSync(join(entry, 'image.json'), 'utf8')) as CachedBuild;
      log(`${plan.ref}: reused the build in ${entry} (key ${plan.key})`);
      return { name: cached.name, ref: cached.ref, archive: join(entry, 'image.tar'), digest: cached.digest, config: cached.config };
    }
    const target = options.out === undefined ? join(imagesDir, `.${entryName}.tmp-${process.pid}`) : resolve(options.out);
    mkdirSync(target, { recursive: true });
    const archiveName = options.out === undefined ? 'image.tar' : `${recipe.name}.tar`;
    log(`${plan.ref}: building (key ${plan.key}${context.fresh ? ', fresh' : ''})`);
    const image = await assembleImage(plan, context, join(target, archiveName));
    const seconds = (Date.now() - started) / 1000;
    const result: BuildResult = { name: recipe.name, ref: image.ref, archive: join(options.out === undefined ? entry : target, archiveName), digest: image.digest, config: image.config };
    const { ref: _ref, digest: _digest, config: _config, ...details } = image;
    const record: CachedBuild = { ...result, details, seconds };
    log(`${image.ref}: ${image.digest}, ${(image.compressedBytes / 1024 / 1024).toFixed(1)} MiB compressed, ${(image.uncompressedBytes / 1024 / 1024).toFixed(1)} MiB of layers, built in ${seconds.toFixed(1)} s`);
    if (options.out !== undefined) {
      writeFileSync(join(target, `${recipe.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
      return result;
    }
    writeFileSync(join(target, 'image.json'), `${JSON.stringify(record, null, 2)}\n`);
    try {
      renameSync(target, entry);
    } catch (error) {
      // Another run built the same key meanwhile: equal keys, equal images.
      if (!existsSync(join(entry, 'image.json'))) throw error;
      rmSync(target, { recursive: true, force: true });
    }
    prune(imagesDir, entryName);
    return result;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

export async function buildImage(name: string, options: { out?: string } = {}): Promise<BuildResult> {
  const started = Date.now();
  return buildInto(await loadRecipe(name), options, started);
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0) {
    process.stderr.write(`usage: node scripts/build-image.ts <${Object.keys(RECIPES).join('|')}> [--out DIR]\n`);
    process.exit(2);
  }
  try {
    const result = await buildImage(name, values.out === undefined ? {} : { out: values.out });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stderr.write(`build-image: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
