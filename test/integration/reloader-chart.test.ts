// The chart's reloader option (reloader.enabled) installs the same SidecarSet
// and ClusterRole as the examples in deploy/examples/, so both run the
// reloader with the V8 flags its memory was measured with; the apiserver
// accepts the SidecarSet.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { clusterTools, kubectl, repoRoot } from './cluster-env.ts';

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: { containers: { command?: string[]; args?: string[] }[] };
  rules?: unknown[];
}

const documents = (text: string): Manifest[] =>
  parseAllDocuments(text).map((document) => document.toJSON() as Manifest | null).filter((manifest): manifest is Manifest => manifest !== null);

function rendered(): Manifest[] {
  const result = spawnSync(clusterTools().helm, [
    'template', 'tandem', join(repoRoot, 'charts/tandem'), '--namespace', 'tandem-system',
    '--set', 'reloader.enabled=true', '--set', 'image.tag=0.1.0',
    '--show-only', 'templates/reloader-sidecarset.yaml',
  ], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`helm template: ${result.stderr}`);
  return documents(result.stdout);
}

const example = (file: string, kind: string): Manifest | undefined =>
  documents(readFileSync(join(repoRoot, 'deploy/examples', file), 'utf8')).find((manifest) => manifest.kind === kind);

describe('the chart option reloader.enabled', () => {
  let chart: Manifest[];
  beforeAll(() => {
    chart = rendered();
  });

  it('renders the example SidecarSet, V8 flags included', () => {
    const sidecarSet = chart.find((manifest) => manifest.kind === 'SidecarSet');
    expect(sidecarSet?.spec).toEqual(example('reloader-sidecarset.yaml', 'SidecarSet')?.spec);
    expect(sidecarSet?.spec?.containers[0]?.command).toEqual(['node', '--lite-mode', '--max-semi-space-size=1', '/app/dist/bundle/main.js']);
    expect(sidecarSet?.spec?.containers[0]?.args).toEqual(['reloader']);
  });

  it('renders the shipped ClusterRole', () => {
    expect(chart.find((manifest) => manifest.kind === 'ClusterRole')?.rules).toEqual(example('reloader-rbac.yaml', 'ClusterRole')?.rules);
  });

  it('is accepted by the apiserver', () => {
    // The global set-up installed the CRD and waited until SidecarSets are served.
    const sidecarSet = chart.find((manifest) => manifest.kind === 'SidecarSet');
    const result = kubectl(['apply', '--dry-run=server', '-f', '-'], JSON.stringify(sidecarSet));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
