// The CLI as a user runs it: a real process, real files, exit codes and streams.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const main = join(import.meta.dirname, '../../../operator/cli/main.ts');
const examples = join(import.meta.dirname, '../../../deploy/examples');
const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-'));

function tandem(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [main, ...args], { input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const sets = join(examples, 'sidecarsets.yaml');
const reloaderSets = join(examples, 'reloader-sidecarset.yaml');
const proxySets = join(examples, 'proxy-sidecarset.yaml');
const composed = join(examples, 'composed-workload.yaml');
/** The composed example with a memory limit above what the tandem-proxy set allows. */
const overLimit = (): string => readFileSync(composed, 'utf8').replace('memory-limit: 384Mi', 'memory-limit: 4Gi');

describe('tandem inject', () => {
  it('injects the example workloads and keeps comments', () => {
    const result = tandem(['inject', '-f', join(examples, 'workloads.yaml'), '--sidecarsets', sets, '--sidecarsets', reloaderSets]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Example workloads/);
    expect(result.stdout).toContain('name: tandem-reloader');
    expect(result.stdout).toContain('name: mesh-proxy');
    expect(result.stdout).toContain('# Opted out explicitly');
    expect(result.stderr).toBe('');
  });

  it('composes nginx, the reloader and the proxy from two SidecarSets, with the per-pod override', () => {
    const result = tandem(['inject', '-f', composed, '--sidecarsets', proxySets, '--sidecarsets', reloaderSets]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/- name: tandem-proxy\n[^]*- name: tandem-reloader\n/);
    expect(result.stdout).toContain('limits:\n              memory: 384Mi');
  });

  it('refuses, printing nothing, a workload whose pods the webhook would reject for an invalid override', () => {
    const result = tandem(['inject', '-f', '-', '--sidecarsets', proxySets, '--sidecarsets', reloaderSets], overLimit());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error: <stdin>: document 1 (Deployment web/web-meshed): the webhook would reject its pods: SidecarSet "tandem-proxy": annotation proxy.tandem.dev/memory-limit="4Gi" is invalid: it is above the maximum 1Gi that the SidecarSet allows\n',
    );
  });

  it('reads standard input with -f -', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {mesh: enabled}\n  annotations: {tandem.dev/inject: "true"}\nspec:\n  containers: [{name: app, image: app}]\n';
    const result = tandem(['inject', '-f', '-', '--sidecarsets', sets], pod);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('tandem.dev/injected: "true"');
  });

  it('prints warnings on stderr, not stdout', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {tandem.dev/inject: "no-such-set"}\nspec:\n  containers: [{name: app, image: app}]\n';
    const result = tandem(['inject', '-f', file('warn.yaml', pod), '--sidecarsets', sets]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: ');
    expect(result.stderr).toContain('"no-such-set", which does not exist');
    expect(result.stdout).not.toContain('warning');
  });

  it('refuses the same SidecarSet name in two files', () => {
    const result = tandem(['inject', '-f', join(examples, 'workloads.yaml'), '--sidecarsets', sets, '--sidecarsets', sets]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SidecarSet "mesh-proxy" is defined in more than one --sidecarsets file');
  });

  it.each([
    {
      name: 'invalid manifest YAML',
      args: () => ['-f', file('bad.yaml', 'apiVersion: v1\n---\nkind: [unclosed\n'), '--sidecarsets', sets],
      error: /bad\.yaml: document 2: invalid YAML at line \d+/,
    },
    {
      name: 'an invalid SidecarSet',
      args: () => [
        '-f',
        join(examples, 'workloads.yaml'),
        '--sidecarsets',
        file('sets.yaml', 'apiVersion: tandem.dev/v1alpha1\nkind: SidecarSet\nmetadata: {name: s}\nspec:\n  selector: {}\n  containers: [{name: c, image: i}]\n'),
      ],
      error: /sets\.yaml: document 1 \(line 1\): invalid SidecarSet "s"\nspec\.selector: Invalid value/,
    },
    {
      name: 'a missing file',
      args: () => ['-f', join(dir, 'nope.yaml'), '--sidecarsets', sets],
      error: /nope\.yaml: cannot read/,
    },
    {
      name: '20,000 levels of nesting',
      args: () => ['-f', file('deep.yaml', `apiVersion: v1\n---\nk: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`), '--sidecarsets', sets],
      error: /deep\.yaml: document 2: line 3: collections nest deeper than 500 levels/,
    },
    {
      name: 'a --sidecarsets file that holds no SidecarSet',
      args: () => ['-f', join(examples, 'workloads.yaml'), '--sidecarsets', join(examples, 'workloads.yaml')],
      error: /workloads\.yaml: holds no SidecarSet/,
    },
    {
      name: 'a bad --kube-version',
      args: () => ['-f', join(examples, 'workloads.yaml'), '--sidecarsets', sets, '--kube-version', 'newest'],
      error: /"newest" is not a Kubernetes version/,
    },
    {
      name: 'a bad --namespace-labels',
      args: () => ['-f', join(examples, 'workloads.yaml'), '--sidecarsets', sets, '--namespace-labels', '=x'],
      error: /invalid label "=x"/,
    },
  ])('fails on $name with exit 1, a clear error, and nothing on stdout', ({ args, error }) => {
    const result = tandem(['inject', ...args()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(error);
  });
});

describe('tandem explain', () => {
  it('says for each template and set whether it is injected and why', () => {
    const result = tandem(['explain', '-f', join(examples, 'workloads.yaml'), '--sidecarsets', sets, '--sidecarsets', reloaderSets]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Deployment shop/web (document 1):');
    expect(result.stdout).toMatch(/INJECT mesh-proxy: Injected/);
    expect(result.stdout).toMatch(/skip {3}tandem-reloader: NotListed/);
    expect(result.stdout).toMatch(/skip {3}mesh-proxy: PodOptedOut/);
  });

  it('says the pod would be rejected, and why, for an invalid override', () => {
    const result = tandem(['explain', '-f', '-', '--sidecarsets', proxySets, '--sidecarsets', reloaderSets], overLimit());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/skip {3}tandem-proxy: InvalidOverride: annotation proxy.tandem.dev\/memory-limit="4Gi" is invalid/);
    expect(result.stdout).toContain('REJECT the pod, with none of these sets: SidecarSet "tandem-proxy"');
  });

  it('prints JSON with -o json', () => {
    const result = tandem(['explain', '-o', 'json', '-f', join(examples, 'workloads.yaml'), '--sidecarsets', sets]);
    const parsed = JSON.parse(result.stdout) as { object: string; decisions: { reason: string }[] }[];
    expect(parsed.map((entry) => entry.object)).toEqual([
      'Deployment shop/web',
      'Job shop/nightly-report',
      'Deployment shop/legacy',
    ]);
  });

  it('explains each workload of a List (kubectl get -o yaml), naming its item', () => {
    const list = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - {apiVersion: v1, kind: Service, metadata: {name: web}}',
      '  - apiVersion: v1',
      '    kind: Pod',
      '    metadata: {name: p, labels: {mesh: enabled}, annotations: {tandem.dev/inject: "true"}}',
      '    spec: {containers: [{name: app, image: app}]}',
      '',
    ].join('\n');
    const result = tandem(['explain', '-f', '-', '--sidecarsets', sets], list);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Pod p (document 1, item 1):');
    expect(result.stdout).toMatch(/INJECT mesh-proxy: Injected/);
    const json = JSON.parse(tandem(['explain', '-o', 'json', '-f', '-', '--sidecarsets', sets], list).stdout) as { item?: number }[];
    expect(json.map((entry) => entry.item)).toEqual([1]);
  });
});

describe('tandem --version', () => {
  it('prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(tandem(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('tandem reloader', () => {
  it('says how to configure it when the pod lacks the tandem.dev/reloader-config annotation (the env var is then empty)', () => {
    const result = spawnSync(process.execPath, [main, 'reloader'], {
      encoding: 'utf8',
      env: { ...process.env, TANDEM_RELOADER_CONFIG_MAP: '' },
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('give --config <file> or --config-map <name>');
    expect(result.stderr).toContain('the pod annotation tandem.dev/reloader-config, which this pod may lack');
  });
});
