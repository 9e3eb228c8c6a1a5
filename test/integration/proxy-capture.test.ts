// The traffic capture of the proxy example (tandem-proxy-capture in
// deploy/examples/proxy-sidecarset.yaml), run for real in dry-run mode: the
// pod is injected by Tandem's engine with per-pod exclusion annotations, its
// init container's args are expanded the way the kubelet expands $(NAME), and
// Istio's istio-iptables (built from Istio's module by build.sh) prints the
// rules it would apply. It never touches this machine's iptables (-n).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSidecarSetDocuments } from '../../operator/api/sidecar-set-documents.ts';
import { injectPod } from '../../operator/injection/inject-pod.ts';
import type { Container } from '../../operator/api/pod-template.ts';
import { buildTestTool, repoRoot } from './cluster-env.ts';

const EXAMPLE = 'deploy/examples/proxy-sidecarset.yaml';
const sets = parseSidecarSetDocuments(readFileSync(join(repoRoot, EXAMPLE), 'utf8'), EXAMPLE);
let istioIptables: string;

beforeAll(() => {
  istioIptables = buildTestTool('istio-iptables');
}, 600_000);

/** The capture init container of a pod injected with both proxy sets and these annotations. */
function captureContainer(annotations: Record<string, string>): Container {
  const result = injectPod({
    pod: {
      metadata: { name: 'web', annotations: { 'tandem.dev/inject': 'tandem-proxy,tandem-proxy-capture', ...annotations } },
      spec: { containers: [{ name: 'app', image: 'example.com/app:1' }] },
    },
    namespaceLabels: {},
    sidecarSets: sets,
    options: {},
  });
  if (result.rejection !== undefined) throw new Error(result.rejection);
  const container = result.pod.spec?.initContainers?.find((candidate) => candidate.name === 'tandem-proxy-capture');
  if (container === undefined) throw new Error('tandem-proxy-capture was not injected');
  return container;
}

/** The kubelet's expansion of args: $(NAME) from the container's env values, $$ to $, unknown names left as written. */
function expandArgs(container: Container): string[] {
  const env = new Map((container.env ?? []).flatMap((variable) => (variable.value === undefined ? [] : [[variable.name, variable.value] as const])));
  return (container.args ?? []).map((arg) => arg.replace(/\$\$|\$\(([-._a-zA-Z][-._a-zA-Z0-9]*)\)/g, (match: string, name?: string) => (name === undefined ? '$' : (env.get(name) ?? match))));
}

/** The nat table istio-iptables would load, one rule per line. */
function dryRun(args: readonly string[]): string[] {
  const [command, ...flags] = args;
  expect(command).toBe('istio-iptables');
  const result = spawnSync(istioIptables, [...flags, '-n'], { encoding: 'utf8', timeout: 30_000 });
  expect(result.status).toBe(0);
  const output = `${result.stdout}${result.stderr}`;
  expect(output).not.toMatch(/\terror\t/);
  const table = /^\* nat\n([^]*?)^COMMIT$/m.exec(output)?.[1];
  if (table === undefined) throw new Error(`no nat table in the dry run:\n${output}`);
  return table.trim().split('\n');
}

describe('tandem-proxy-capture, dry-run by istio-iptables', () => {
  it('redirects inbound TCP to 15006 and outbound to 15001, exempting the proxy\'s UID and GID (1337) and its 127.0.0.6 connections', () => {
    const rules = dryRun(expandArgs(captureContainer({})));
    expect(rules).toEqual(expect.arrayContaining([
      '-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001',
      '-A ISTIO_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006',
      '-A ISTIO_INBOUND -p tcp -j ISTIO_IN_REDIRECT',
      '-A ISTIO_OUTPUT -m owner --uid-owner 1337 -j RETURN',
      '-A ISTIO_OUTPUT -m owner --gid-owner 1337 -j RETURN',
      '-A ISTIO_OUTPUT -o lo -s 127.0.0.6/32 -j RETURN',
      '-A ISTIO_OUTPUT -j ISTIO_REDIRECT',
    ]));
    // With no annotation, nothing is excluded beyond the tool's own defaults.
    expect(rules.filter((rule) => / --dport \d+ -j RETURN$/.test(rule) && !rule.includes('15008'))).toEqual([]);
  });

  it('turns the per-pod exclusion annotations into RETURN rules', () => {
    const rules = dryRun(expandArgs(captureContainer({
      'proxy.tandem.dev/exclude-inbound-ports': '8081',
      'proxy.tandem.dev/exclude-outbound-ports': '5432, 6379',
      'proxy.tandem.dev/exclude-outbound-cidrs': '10.96.0.1/32',
    })));
    expect(rules).toEqual(expect.arrayContaining([
      '-A ISTIO_INBOUND -p tcp --dport 8081 -j RETURN',
      '-A ISTIO_OUTPUT -p tcp --dport 5432 -j RETURN',
      '-A ISTIO_OUTPUT -p tcp --dport 6379 -j RETURN',
      '-A ISTIO_OUTPUT -d 10.96.0.1/32 -j RETURN',
    ]));
    // The exclusions come before the final redirect, so they take effect.
    expect(rules.indexOf('-A ISTIO_OUTPUT -d 10.96.0.1/32 -j RETURN')).toBeLessThan(rules.indexOf('-A ISTIO_OUTPUT -j ISTIO_REDIRECT'));
  });

  it('never gets a value istio-iptables would take silently: Tandem rejects it first', () => {
    // istio-iptables itself accepts "http" as a port (iptables reads service names) and only logs a bad CIDR.
    const unchecked = spawnSync(istioIptables, ['-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-b', '*', '-d', 'http', '-n'], { encoding: 'utf8' });
    expect(unchecked.status).toBe(0);
    expect(() => captureContainer({ 'proxy.tandem.dev/exclude-inbound-ports': 'http' })).toThrow(
      'annotation proxy.tandem.dev/exclude-inbound-ports="http" is invalid: "http" is not a port number from 1 to 65535',
    );
    expect(() => captureContainer({ 'proxy.tandem.dev/exclude-outbound-cidrs': 'nope' })).toThrow('is not an IPv4 or IPv6 CIDR');
  });
});
