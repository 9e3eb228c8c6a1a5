// The bundle an image runs (scripts/bundle.ts) works, with the V8 flags the
// SidecarSet gives it: a --once render through yaml, liquidjs, pino and
// prom-client as bundled, and a --validate that reports a wrong field.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeApiServer } from '../support/fake-api-server.ts';

const repoRoot = join(import.meta.dirname, '../../..');
// Inside the repository, so the external packages resolve from node_modules as in an image.
const outdir = join(repoRoot, 'dist', `test-bundle-${process.pid}`);
const dir = mkdtempSync(join(tmpdir(), 'tandem-bundle-'));

function tandem(args: readonly string[]) {
  return spawnSync(process.execPath, ['--lite-mode', '--max-semi-space-size=1', join(outdir, 'main.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
}

beforeAll(() => {
  const bundle = spawnSync(process.execPath, [join(repoRoot, 'scripts/bundle.ts'), '--outdir', outdir], { encoding: 'utf8', timeout: 60_000 });
  if (bundle.status !== 0) throw new Error(`scripts/bundle.ts failed: ${bundle.stderr}`);
  mkdirSync(join(dir, 'values'));
  writeFileSync(join(dir, 'values', 'greeting'), 'hello');
  writeFileSync(join(dir, 'app.liquid'), '{{ sources.values.greeting | upcase }} {{ reloader.revision | size }}');
}, 60_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('the reloader bundle', () => {
  it('renders once with the sidecar flags', () => {
    writeFileSync(join(dir, 'reloader.yaml'), `sources:\n  values: { file: { path: ${dir}/values } }\ntemplates:\n  - { src: app.liquid, dest: ${dir}/app.conf }\n`);
    const once = tandem(['reloader', '--config', join(dir, 'reloader.yaml'), '--once', '--listen', '127.0.0.1:0']);
    expect(once.stderr).toBe('');
    expect(once.status).toBe(0);
    expect(readFileSync(join(dir, 'app.conf'), 'utf8')).toBe('HELLO 16');
  });

  it('reads a ConfigMap through the API without loading @kubernetes/client-node (ADR 0011)', async () => {
    const api = await new FakeApiServer().start();
    try {
      api.onList('/api/v1/namespaces/web/configmaps', () => ({
        status: 200,
        body: { metadata: { resourceVersion: '1' }, items: [{ metadata: { name: 'settings', namespace: 'web', resourceVersion: '1' }, data: { greeting: 'from-the-api' } }] },
      }));
      const kubeconfig = join(dir, 'kubeconfig');
      writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\ncurrent-context: x\nclusters: [{ name: c, cluster: { server: "${api.url}" } }]\nusers: [{ name: u, user: { token: t } }]\ncontexts: [{ name: x, context: { cluster: c, user: u, namespace: web } }]\n`);
      writeFileSync(join(dir, 'kube.liquid'), '{{ sources.settings.greeting }}');
      writeFileSync(join(dir, 'kube.yaml'), `sources:\n  settings: { configMap: { name: settings } }\ntemplates:\n  - { src: kube.liquid, dest: ${dir}/kube.conf }\n`);
      const child = spawn(process.execPath, [
        // Without --lite-mode: it disables WebAssembly, which type stripping of the .ts hook needs.
        '--import', join(repoRoot, 'test/unit/cli/support/record-imports.ts'), '--max-semi-space-size=1',
        join(outdir, 'main.js'), 'reloader', '--config', join(dir, 'kube.yaml'), '--kubeconfig', kubeconfig, '--once', '--listen', '127.0.0.1:0',
      ], { env: { ...process.env, NODE_OPTIONS: '' } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect({ code, errors: stderr.split('\n').filter((line) => !line.startsWith('import ')).join('\n') }).toEqual({ code: 0, errors: '' });
      expect(readFileSync(join(dir, 'kube.conf'), 'utf8')).toBe('from-the-api');
      const imports = stderr.split('\n').filter((line) => line.startsWith('import '));
      expect(imports.some((line) => line.includes('/kube/') || line.includes('chunk'))).toBe(true);
      expect(imports.filter((line) => line.includes('@kubernetes/client-node') || line.includes('undici'))).toEqual([]);
    } finally {
      await api.stop();
    }
  });

  it('validates a configuration, naming a wrong field', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'templates:\n  - { template: x, dest: relative }\n');
    const validate = tandem(['reloader', '--config', join(dir, 'bad.yaml'), '--validate']);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toContain('templates[0].dest: must match pattern "^/"');
  });
});
