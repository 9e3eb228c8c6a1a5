// A static Go program as a layer source: `go build` of a module in the
// repository with CGO off, -trimpath, no VCS stamp and an empty build ID,
// which makes the binary a function of the sources and the Go release alone.
// The toolchain is this machine's (GOTOOLCHAIN=local: never a download).
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkoutFiles } from './checkout.ts';
import { imagePath, ROOT_OWNER, type LayerEntry } from './layer-entry.ts';
import type { BuildContext, LayerSource, ResolvedSource } from './recipe.ts';
import { run, runSync } from './run-command.ts';

export interface GoBinaryOptions {
  /** The module's directory in the repository (holds go.mod). */
  readonly module: string;
  /** Image path of the binary. */
  readonly to: string;
}

/** `go` on PATH, else the official install location. */
export function goCommand(): string {
  const onPath = (process.env.PATH ?? '').split(':').map((dir) => join(dir, 'go')).find((path) => existsSync(path));
  if (onPath !== undefined) return onPath;
  if (existsSync('/usr/local/go/bin/go')) return '/usr/local/go/bin/go';
  throw new Error('no Go toolchain: install one at /usr/local/go (https://go.dev/doc/install) or put `go` on PATH');
}

function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CGO_ENABLED: '0', GOOS: 'linux', GOARCH: 'amd64', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' };
}

export function goBinary(options: GoBinaryOptions): LayerSource {
  return {
    describe: `/${imagePath(options.to)} built by go build from ${options.module}`,
    resolve(context: BuildContext): Promise<ResolvedSource> {
      const go = goCommand();
      const files = checkoutFiles(context.root, [options.module]);
      const hash = createHash('sha256').update(JSON.stringify(options)).update(runSync(go, ['version'], { env: goEnv() }));
      for (const file of files) hash.update('\0').update(file).update('\0').update(readFileSync(join(context.root, file)));
      return Promise.resolve({
        fingerprint: hash.digest('hex'),
        async collect(ctx: BuildContext): Promise<LayerEntry[]> {
          const output = join(ctx.workDir, 'go', imagePath(options.to).replace(/\//g, '_'));
          ctx.log(`go build ${options.module}`);
          await run(go, ['build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w -buildid=', '-o', output, '.'], { cwd: join(ctx.root, options.module), env: goEnv() });
          return [{ type: 'file', path: imagePath(options.to), mode: 0o755, size: lstatSync(output).size, content: { path: output }, ...ROOT_OWNER }];
        },
      });
    },
  };
}
