// The API, checked by the real kube-apiserver: the CRD installs and becomes
// Established, `kubectl explain` reads its descriptions, every invalid fixture
// is rejected with the expected message (schema and CEL rules), and every
// documented example is accepted. Objects are sent as JSON: kubectl reads
// YAML 1.1, where a plain `yes` would silently become a boolean.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadFixtures } from '../unit/api/sidecar-set-fixtures.ts';
import { kubectl, repoRoot } from './cluster-env.ts';
import { eventually } from '../support/wait.ts';

const invalid = loadFixtures('invalid-sidecarsets.yaml');
const valid = loadFixtures('valid-sidecarsets.yaml');

beforeAll(() => {
  const applied = kubectl(['apply', '--server-side', '--force-conflicts', '-f', join(repoRoot, 'crds/sidecarset.yaml')]);
  expect(applied.stderr).toBe('');
  const established = kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd/sidecarsets.tandem.dev']);
  expect(established.code).toBe(0);
});

describe('the SidecarSet CRD on a real apiserver', () => {
  it('is served, with its short name and printer columns', () => {
    const resources = kubectl(['api-resources', '--api-group=tandem.dev', '-o', 'wide']);
    expect(resources.stdout).toMatch(/sidecarsets\s+scs\s+tandem\.dev\/v1alpha1\s+false\s+SidecarSet/);
    const columns = kubectl(['get', 'crd', 'sidecarsets.tandem.dev', '-o', 'jsonpath={.spec.versions[0].additionalPrinterColumns[*].name}']);
    expect(columns.stdout).toBe('Matched Injected Updated Ready Outdated Age');
  });

  it.each(['sidecarset.spec', 'sidecarset.spec.containers', 'sidecarset.spec.updateStrategy', 'sidecarset.status'])(
    'kubectl explain %s prints descriptions',
    async (path) => {
      // The apiserver publishes a new CRD's OpenAPI a few seconds after it is Established.
      const explained = await eventually(() => kubectl(['explain', path]), (result) => result.code === 0);
      expect(explained.stderr).toBe('');
      expect(explained.stdout).toContain('DESCRIPTION:');
      expect(explained.stdout).toContain('FIELDS:');
    },
  );

  it('has at least 12 invalid fixtures', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(12);
  });

  it.each(invalid.map((fixture) => [fixture.name, fixture] as const))('rejects %s', (_name, fixture) => {
    const result = kubectl(['create', '--dry-run=server', '-f', '-'], JSON.stringify(fixture.object));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(fixture.expectError);
  });

  it.each(valid.map((fixture) => [fixture.name, fixture] as const))('accepts %s', (_name, fixture) => {
    const result = kubectl(['create', '--dry-run=server', '-f', '-'], JSON.stringify(fixture.object));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
