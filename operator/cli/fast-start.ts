// How bin/tandem, `npx tandem` and the image start `tandem` fast. Bundled by
// scripts/bundle.ts into launch.cjs next to its manifest.json (the checkout's
// node_modules/.cache/tandem-cli/, an image's dist/cli/); plain JavaScript
// with no dependency, since Node's TypeScript stripping alone costs more than
// the start-up budget, and CommonJS, which Node loads faster than a module
// (no ES module facades for the builtins).
//
// 1. A bundle built from a checkout is checked against its sources
//    (fast-start-manifest.ts); when any changed, it is rebuilt and this
//    start runs again, from the new launcher. A stale bundle never runs.
// 2. The offline commands, help and version run from the one-file bundle of
//    fast-cli.ts, compiled with a V8 code cache per command, written after
//    the command's first run and so holding every function it compiled (Node's
//    own compile cache keeps only what compiles before the code runs).
// 3. Anything else runs the full CLI (main.ts) as it always did, without
//    loading the bundle (runs-fast.ts decides).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { changedSource, type BundleSources, type FastStartManifest } from './fast-start-manifest.ts';
import { runsFast } from './runs-fast.ts';

interface FastCli {
  runFastCli(argv: readonly string[]): Promise<void>;
}

/** Set for the start that follows a rebuild, so that a rebuild that did not help falls back instead of looping. */
const REBUILT = 'TANDEM_FAST_START_REBUILT';
const HERE = import.meta.dirname;

start().catch((error: unknown) => {
  // Only the launcher's own failures get here (a command's errors are reported by run-cli.ts).
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
  const why = missing ? `the fast CLI in ${HERE} is incomplete (${(error as Error).message}); rebuild it: make setup in a checkout, npm run build for an image` : ((error as Error).stack ?? String(error));
  process.stderr.write(`tandem: ${why}\n`);
  process.exit(1);
});

async function start(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(HERE, 'manifest.json'), 'utf8')) as FastStartManifest;
  if (manifest.sources !== undefined && changedSource(manifest.sources, join(HERE, manifest.sources.root)) !== undefined) {
    await rebuildAndRestart(manifest.sources, manifest);
    return;
  }
  const argv = process.argv;
  if (!runsFast(argv)) {
    await import(pathToFileURL(join(HERE, manifest.fullCli)).href);
    return;
  }
  const bundle = loadBundle(join(HERE, manifest.bundle), join(manifest.runsAt ?? HERE, manifest.bundle), cacheName(argv));
  process.once('exit', bundle.saveCache);
  await bundle.cli.runFastCli(argv);
}

/**
 * Rebuilds (scripts/bundle.ts --checkout, into this directory), then runs this start again in a
 * child, from the launcher that build wrote. When the build fails or did not
 * make the bundle current, runs the full CLI from the sources: slower, never wrong.
 */
async function rebuildAndRestart(sources: BundleSources, manifest: FastStartManifest): Promise<void> {
  const root = join(HERE, sources.root);
  if (process.env[REBUILT] === undefined) {
    const { spawnSync } = process.getBuiltinModule('node:child_process');
    const build = spawnSync(process.execPath, [join(root, 'scripts/bundle.ts'), '--checkout', '--cli-outdir', HERE], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (build.status === 0) {
      const child = spawnSync(process.execPath, [join(HERE, 'launch.cjs'), ...process.argv.slice(2)], {
        stdio: 'inherit',
        env: { ...process.env, [REBUILT]: '1' },
      });
      if (child.signal !== null) process.kill(process.pid, child.signal);
      process.exit(child.status ?? 1);
    }
    process.stderr.write(`tandem: could not rebuild the CLI bundle, running from the sources:\n${build.stderr}`);
  }
  await import(pathToFileURL(join(HERE, manifest.fullCli)).href);
}

/** One cache per command: each holds what that command compiles. */
function cacheName(argv: readonly string[]): string {
  const command = argv[2] ?? '';
  return /^[a-z][a-z-]{0,31}$/.test(command) ? command : 'program';
}

interface LoadedBundle {
  readonly cli: FastCli;
  /** Writes the code cache when there was none or V8 rejected it (another Node, other V8 flags). */
  readonly saveCache: () => void;
}

/** `file` compiled under `filename` (where stack traces say it is) with the code cache of command `name`. */
function loadBundle(file: string, filename: string, name: string): LoadedBundle {
  const cacheFile = join(dirname(file), `${name}.v8-cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The CommonJS wrapper on the first line, as Node's own, so line numbers in stack traces hold.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
    filename,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const module = { exports: {} };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  const current = cachedData !== undefined && script.cachedDataRejected !== true;
  return {
    cli: module.exports as FastCli,
    saveCache: () => {
      if (!current) writeQuietly(cacheFile, script.createCachedData());
    },
  };
}

/** Atomically, or not at all: a read-only image or checkout just starts without a cache. */
function writeQuietly(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    // Nothing to do: the next start compiles again.
  }
}
