// Bundles the tandem CLI (operator/cli/main.ts) with esbuild into
// dist/bundle/: main.js plus one chunk per subcommand (each still loaded only
// when its command runs) and shared chunks. What an image runs for the
// reloader sidecar: fewer module records and, minified, smaller source
// strings kept alive in the heap (1.3-2.3 MB of idle RSS;
// docs/adr/0011-reloader-memory.md). Whitespace and syntax are minified,
// identifiers are not, so stack traces stay readable (source maps beside).
//
// Packages the reloader never loads at start stay external (resolved from
// node_modules at run time): etcd3 and gRPC read files beside themselves, and
// the operator's Kubernetes models and client are not worth bundling.
//
//   node scripts/bundle.ts [--outdir dist/bundle]
import { build } from 'esbuild';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');

export const BUNDLE_EXTERNAL = [
  'etcd3',
  '@grpc/*',
  '@kubernetes/client-node',
  'kubernetes-models',
  '@kubernetes-models/*',
  '@bufbuild/*',
  '@peculiar/*',
  'reflect-metadata',
];

const { values } = parseArgs({ options: { outdir: { type: 'string', default: join(ROOT, 'dist/bundle') } } });

await build({
  absWorkingDir: ROOT,
  entryPoints: ['operator/cli/main.ts'],
  outdir: values.outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  external: BUNDLE_EXTERNAL,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'external',
  // CommonJS dependencies (pino, prom-client, commander) call require() for Node builtins.
  banner: { js: "import { createRequire as __tandemRequire } from 'node:module'; const require = __tandemRequire(import.meta.url);" },
  logLevel: 'warning',
});
