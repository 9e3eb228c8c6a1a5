// The bundle an image runs (scripts/bundle.ts) works, with the V8 flags the
// SidecarSet gives it: a --once render through yaml, liquidjs, pino and
// prom-client as bundled, and a --validate that reports a wrong field.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

  it('validates a configuration, naming a wrong field', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'templates:\n  - { template: x, dest: relative }\n');
    const validate = tandem(['reloader', '--config', join(dir, 'bad.yaml'), '--validate']);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toContain('templates[0].dest: must match pattern "^/"');
  });
});
