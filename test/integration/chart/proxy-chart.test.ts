// The chart's proxy option (proxy.enabled, proxy.capture.enabled) installs the
// same SidecarSets as deploy/examples/proxy-sidecarset.yaml, with the chart's
// labels and values; the apiserver accepts them, and the defaults install none.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifests, template, type Manifest } from './support/chart.ts';
import { kubectl, repoRoot } from '../cluster-env.ts';

const PROXY = ['--show-only', 'templates/proxy-sidecarset.yaml'];
const examples = manifests(readFileSync(join(repoRoot, 'deploy/examples/proxy-sidecarset.yaml'), 'utf8'));
const example = (name: string): Manifest | undefined => examples.find((manifest) => manifest.metadata.name === name);

interface SidecarSetSpec {
  containers?: { image: string; resources?: unknown }[];
  initContainers?: { image: string }[];
}

describe('the chart option proxy.enabled', () => {
  it('renders exactly the example SidecarSets, with both options on', () => {
    const rendered = manifests(template(['--set', 'proxy.enabled=true', '--set', 'proxy.capture.enabled=true', ...PROXY]));
    expect(rendered.map((manifest) => manifest.metadata.name)).toEqual(['tandem-proxy', 'tandem-proxy-capture']);
    for (const manifest of rendered) {
      expect(manifest.spec).toEqual(example(manifest.metadata.name)?.spec);
      expect(manifest.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'Helm' });
    }
  });

  it('renders the proxy alone without proxy.capture.enabled, and nothing by default', () => {
    expect(manifests(template(['--set', 'proxy.enabled=true', ...PROXY])).map((manifest) => manifest.metadata.name)).toEqual(['tandem-proxy']);
    expect(template([])).not.toContain('kind: SidecarSet');
  });

  it('takes the images and the proxy\'s resources from values', () => {
    const [proxy, capture] = manifests(template([
      '--set', 'proxy.enabled=true', '--set', 'proxy.capture.enabled=true',
      '--set', 'proxy.image=registry.example.com/envoy:v1', '--set', 'proxy.capture.image=registry.example.com/iptables:v1',
      '--set-json', 'proxy.resources={"requests":{"cpu":"100m"},"limits":{"memory":"512Mi"}}', ...PROXY,
    ]));
    const proxySpec = proxy?.spec as SidecarSetSpec;
    expect(proxySpec.containers?.[0]).toMatchObject({ image: 'registry.example.com/envoy:v1', resources: { requests: { cpu: '100m' }, limits: { memory: '512Mi' } } });
    expect((capture?.spec as SidecarSetSpec).initContainers?.[0]?.image).toBe('registry.example.com/iptables:v1');
  });

  it('is accepted by the apiserver', () => {
    // The global set-up installed the CRD and waited until SidecarSets are served.
    const result = kubectl(['apply', '--dry-run=server', '-f', '-'], template(['--set', 'proxy.enabled=true', '--set', 'proxy.capture.enabled=true', ...PROXY]));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
