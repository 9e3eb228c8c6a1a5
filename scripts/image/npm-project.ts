// An npm project built outside the checkout, as layer sources: its input
// files are copied into the build's scratch space (so nothing resolves from
// the checkout's node_modules, and the checkout's mtimes and modes never
// matter), `npm ci` installs every dependency, the build commands run with
// the Node that runs this builder (node_modules a real directory in the
// tree, as after a plain `npm ci`, so the output does not depend on where the
// cache is), and a second `npm ci --omit=dev
// --ignore-scripts` installs the production dependencies alone, apart from
// the build, so no dev dependency can reach the image. Each `npm ci` result
// is cached by the lock file, package.json, command, Node and npm versions
// (${TANDEM_CACHE_DIR}/images/npm-ci/), except in a fresh build.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkoutFiles } from './checkout.ts';
import { directory, imagePath, normalizeMode, ROOT_OWNER, type LayerEntry } from './layer-entry.ts';
import type { BuildContext, LayerSource, ResolvedSource } from './recipe.ts';
import { run, runSync } from './run-command.ts';
import { listTree, treeEntries, type TreeItem } from './tree-entries.ts';

export interface NpmProjectOptions {
  /** Files and directories of the checkout the build reads (package.json and package-lock.json among them). */
  readonly inputs: readonly string[];
  /** Run in the copied tree after `npm ci`, in order. */
  readonly build: readonly (readonly string[])[];
}

interface Built {
  /** The copied tree, after the build. */
  readonly tree: string;
  /** The production dependencies' node_modules. */
  readonly production: string;
}

export interface NpmProject {
  /** Paths of the built tree (`dist`, `package.json`) placed in the image (`app/dist`). */
  output(mapping: Readonly<Record<string, string>>): LayerSource;
  /** The production node_modules placed at `to`, less what `include` refuses. */
  productionDependencies(to: string, include?: (path: string, item: TreeItem) => boolean): LayerSource;
}

const FULL_INSTALL = ['ci', '--no-audit', '--no-fund'] as const;
const PRODUCTION_INSTALL = ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'] as const;

function toolEnv(): NodeJS.ProcessEnv {
  // The builder's own node first, so `npm` and the build scripts run on it; nothing from the caller's NODE_OPTIONS.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`, npm_config_update_notifier: 'false' };
  delete env.NODE_OPTIONS;
  return env;
}

/** node_modules for `manifests` installed by `npm <args>`; from the cache unless the build is fresh. */
async function install(manifestDir: string, args: readonly string[], context: BuildContext): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(args)).update(process.version).update(runSync('npm', ['--version'], { env: toolEnv() }));
  for (const file of ['package.json', 'package-lock.json']) hash.update('\0').update(readFileSync(join(manifestDir, file)));
  const dir = join(context.fresh ? join(context.workDir, 'npm-ci') : join(context.cacheDir, 'images/npm-ci'), hash.digest('hex').slice(0, 16));
  if (!existsSync(join(dir, '.complete'))) {
    const work = `${dir}.tmp-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(manifestDir, file), join(work, file));
    context.log(`npm ${args.join(' ')}`);
    await run('npm', args, { cwd: work, env: toolEnv(), progress: true });
    writeFileSync(join(work, '.complete'), `${args.join(' ')}\n`);
    try {
      renameSync(work, dir);
    } catch (error) {
      // Another build installed the same meanwhile: its result is as good.
      if (!existsSync(join(dir, '.complete'))) throw error;
      rmSync(work, { recursive: true, force: true });
    }
  }
  const now = new Date();
  utimesSync(dir, now, now);
  return join(dir, 'node_modules');
}

async function build(files: readonly string[], options: NpmProjectOptions, context: BuildContext): Promise<Built> {
  const tree = join(context.workDir, 'npm-project/tree');
  for (const file of files) {
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    copyFileSync(join(context.root, file), join(tree, file));
  }
  // A real node_modules inside the tree, never a symlink: esbuild names bundled modules by their real
  // path relative to the tree, and those names go into chunk names and source maps (so the bundle
  // would depend on where the cache is). Hard links make the copy cheap; the build only reads them.
  await run('cp', ['-al', await install(tree, FULL_INSTALL, context), join(tree, 'node_modules')]);
  for (const command of options.build) {
    context.log(command.join(' '));
    await run(command[0] ?? '', command.slice(1), { cwd: tree, env: toolEnv(), progress: true });
  }
  return { tree, production: await install(tree, PRODUCTION_INSTALL, context) };
}

export function npmProject(options: NpmProjectOptions): NpmProject {
  let files: string[] | undefined;
  let fingerprint: string | undefined;
  let built: Promise<Built> | undefined;
  const resolveOnce = (context: BuildContext): string => {
    if (fingerprint !== undefined) return fingerprint;
    files = checkoutFiles(context.root, options.inputs);
    const hash = createHash('sha256').update(JSON.stringify(options)).update(process.version).update(runSync('npm', ['--version'], { env: toolEnv() }));
    for (const file of files) hash.update('\0').update(file).update('\0').update(readFileSync(join(context.root, file)));
    fingerprint = hash.digest('hex');
    return fingerprint;
  };
  const buildOnce = (context: BuildContext): Promise<Built> => (built ??= build(files ?? [], options, context));
  const source = (describe: string, place: (result: Built) => LayerEntry[]): LayerSource => ({
    describe,
    resolve(context: BuildContext): Promise<ResolvedSource> {
      return Promise.resolve({ fingerprint: `${resolveOnce(context)} ${describe}`, collect: async (ctx: BuildContext) => place(await buildOnce(ctx)) });
    },
  });
  return {
    output: (mapping) =>
      source(`${Object.values(mapping).map((path) => `/${path}`).join(', ')} built by ${options.build.map((command) => command.join(' ')).join(' && ')}`, (result) =>
        Object.entries(mapping).flatMap(([from, to]) => placed(result.tree, from, to)),
      ),
    productionDependencies: (to, include) =>
      source(`/${to} from npm ${PRODUCTION_INSTALL.join(' ')}`, (result) => treeEntries(listTree(result.production), { from: result.production, to, ...(include === undefined ? {} : { include }) })),
  };
}

/** `from` of the built tree (a file, or a directory and all it holds) at image path `to`. */
function placed(tree: string, from: string, to: string): LayerEntry[] {
  const path = join(tree, from);
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new Error(`the build made no ${from}`);
  if (stat.isDirectory()) return [directory(to), ...treeEntries(listTree(path), { from: path, to })];
  return [{ type: 'file', path: imagePath(to), mode: normalizeMode('file', stat.mode), size: stat.size, content: { path }, ...ROOT_OWNER }];
}
