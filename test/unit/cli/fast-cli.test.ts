// The fast CLI (scripts/bundle.ts --checkout; operator/cli/fast-start.ts)
// behaves exactly as the sources do: same stdout, stderr and exit code for
// the commands it runs itself (inject, explain, help, version) and for those
// it hands to the full CLI; and a bundle whose sources changed is rebuilt
// before anything runs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastStartManifest } from '../../../operator/cli/fast-start-manifest.ts';

const root = join(import.meta.dirname, '../../..');
// Inside the checkout, as bin/tandem's is: the version comes from the nearest package.json.
const outdir = join(root, 'node_modules/.cache', `tandem-cli-test-${process.pid}`);
const examples = join(root, 'deploy/examples');
const dir = mkdtempSync(join(tmpdir(), 'tandem-fast-cli-'));
const launcher = join(outdir, 'launch.cjs');

function runNode(args: readonly string[], input?: string) {
  const result = spawnSync(process.execPath, args, { input, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fast = (args: readonly string[], input?: string) => runNode([launcher, ...args], input);
const sources = (args: readonly string[], input?: string) => runNode([join(root, 'operator/cli/main.ts'), ...args], input);

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/bundle.ts'), '--checkout', '--cli-outdir', outdir], { encoding: 'utf8', timeout: 180_000 });
  if (build.status !== 0) throw new Error(`scripts/bundle.ts --checkout failed: ${build.stderr}`);
}, 180_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

const sets = ['--sidecarsets', join(examples, 'sidecarsets.yaml'), '--sidecarsets', join(examples, 'reloader-sidecarset.yaml')];
const overLimit = readFileSync(join(examples, 'composed-workload.yaml'), 'utf8').replace('memory-limit: 384Mi', 'memory-limit: 4Gi');
const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {tandem.dev/inject: "no-such-set"}\nspec:\n  containers: [{name: app, image: app}]\n';

describe('the fast CLI', () => {
  it.each([
    // Run by the bundle: version, the program's help from the recorded summaries, the offline commands.
    ['--version'],
    ['--help'],
    [],
    ['help'],
    ['inject', '--help'],
    ['inject', '-f', join(examples, 'workloads.yaml'), ...sets],
    ['explain', '-f', join(examples, 'composed-workload.yaml'), '-o', 'json', '--sidecarsets', join(examples, 'proxy-sidecarset.yaml')],
    ['inject', '-f', join(examples, 'no-such-file.yaml'), ...sets],
    ['explain', '-f', join(examples, 'workloads.yaml'), ...sets, '-o', 'yaml'],
    // Handed to the full CLI: other commands, help of a command by name, unknown commands and options.
    ['help', 'inject'],
    ['bogus'],
    ['--bogus'],
    ['webhook', '--help'],
  ])('tandem %s: same output and exit code as the sources', (...args: string[]) => {
    expect(fast(args)).toEqual(sources(args));
  });

  it.each([
    ['a warning on stderr', pod, ['inject', '-f', '-', ...sets]],
    ['a refusal', overLimit, ['inject', '-f', '-', '--sidecarsets', join(examples, 'proxy-sidecarset.yaml'), ...sets]],
  ])('reads standard input like the sources (%s)', (_, input, args) => {
    const result = fast(args, input);
    expect(result).toEqual(sources(args, input));
    expect(result.stderr).not.toBe('');
  });

  it('runs inject, explain and help from its bundle with a code cache per command, written by the build', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as FastStartManifest;
    const bundleDir = join(outdir, manifest.bundle, '..');
    expect(readdirSync(bundleDir)).toEqual(expect.arrayContaining(['explain.v8-cache', 'inject.v8-cache', 'program.v8-cache', 'tandem-cli.cjs']));
    expect(manifest.fullCli).toBe('../../../operator/cli/main.ts');
    const recorded = manifest.sources?.files.map((file) => file.path) ?? [];
    for (const path of ['operator/cli/fast-cli.ts', 'operator/cli/fast-start.ts', 'operator/cli/webhook-command.ts', 'scripts/bundle.ts', 'package-lock.json', 'node_modules/yaml/dist/index.js']) {
      expect(recorded).toContain(path);
    }
  });

  it('rebuilds, then runs, when a file it was built from changed', () => {
    const file = join(outdir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { sources: { files: { path: string; sha256: string; mtimeNs: string }[] } };
    const entry = manifest.sources.files.find((candidate) => candidate.path === 'operator/cli/inject-command.ts');
    if (entry === undefined) throw new Error('inject-command.ts is not recorded');
    const real = entry.sha256;
    // What an edit looks like to the launcher: another time, another hash.
    entry.sha256 = '0'.repeat(64);
    entry.mtimeNs = '1';
    writeFileSync(file, JSON.stringify(manifest));
    const args = ['inject', '-f', join(examples, 'workloads.yaml'), ...sets];
    expect(fast(args)).toEqual(sources(args));
    const rebuilt = JSON.parse(readFileSync(file, 'utf8')) as typeof manifest;
    expect(rebuilt.sources.files.find((candidate) => candidate.path === 'operator/cli/inject-command.ts')?.sha256).toBe(real);
  }, 180_000);
});
