import { describe, expect, it } from '@jest/globals';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import { checkOverrideValue, type OverrideFormat } from '../../../operator/injection/override-value.ts';
import type { PodTemplate } from '../../../operator/api/pod-template.ts';
import { compareQuantities, parseQuantity } from '../../../operator/injection/quantity.ts';
import { hashSidecarSet } from '../../../operator/injection/sidecar-set-hash.ts';
import { sidecarSet } from './sidecar-set-fixture.ts';

const NOT_REQUIRED = [
  { resourceName: 'cpu', restartPolicy: 'NotRequired' },
  { resourceName: 'memory', restartPolicy: 'NotRequired' },
];

describe('parseQuantity and compareQuantities', () => {
  it.each([
    ['100m', '0.1', 0],
    ['1', '1000m', 0],
    ['1Ki', '1024', 0],
    ['1Gi', '1073741824', 0],
    ['1e3', '1k', 0],
    ['1.5Gi', '1536Mi', 0],
    ['.5', '500m', 0],
    ['512Mi', '1Gi', -1],
    ['1G', '1Gi', -1],
    ['2', '1999m', 1],
    ['1E', '1000P', 0],
    ['0', '0m', 0],
  ])('%s compared with %s is %d', (a, b, expected) => {
    expect(compareQuantities(parseQuantity(a)!, parseQuantity(b)!)).toBe(expected);
  });

  it.each(['', '-1', '1 Gi', '1gi', '1K', 'Gi', '1.2.3', '1e100', 'lots', '0x10', '1Mi ', '+1'])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('checkOverrideValue', () => {
  const cases: [OverrideFormat, string, string | undefined, string | null][] = [
    // format, value, maximum, the value that goes into the container (null: refused)
    ['PortList', '5432', undefined, '5432'],
    ['PortList', '5432, 6379 ,80', undefined, '5432,6379,80'],
    ['PortList', '', undefined, ''],
    ['PortList', '  ', undefined, ''],
    ['PortList', '0', undefined, null],
    ['PortList', '65536', undefined, null],
    ['PortList', '080', undefined, null],
    ['PortList', '80,', undefined, null],
    ['PortList', '80-90', undefined, null],
    ['PortList', '80;rm -rf /', undefined, null],
    ['CIDRList', '10.0.0.0/8, fd00::/8', undefined, '10.0.0.0/8,fd00::/8'],
    ['CIDRList', '10.0.0.1/32', undefined, '10.0.0.1/32'],
    ['CIDRList', '10.0.0.0', undefined, null],
    ['CIDRList', '10.0.0.0/33', undefined, null],
    ['CIDRList', 'fd00::/129', undefined, null],
    ['CIDRList', '*', undefined, null],
    ['Quantity', '512Mi', '1Gi', '512Mi'],
    ['Quantity', '1Gi', '1Gi', '1Gi'],
    ['Quantity', '1025Mi', '1Gi', null],
    ['Quantity', '250m', undefined, '250m'],
    ['Quantity', 'lots', undefined, null],
    ['Integer', '16', '16', '16'],
    ['Integer', '17', '16', null],
    ['Integer', '0', undefined, '0'],
    ['Integer', '-1', undefined, null],
    ['Integer', '1.5', undefined, null],
    ['Integer', '07', undefined, null],
    ['Boolean', 'true', undefined, 'true'],
    ['Boolean', 'false', undefined, 'false'],
    ['Boolean', 'True', undefined, null],
    ['Boolean', 'yes', undefined, null],
  ];
  it.each(cases)('%s %j (maximum %s) gives %j', (format, value, maximum, expected) => {
    const check = checkOverrideValue(format, value, maximum);
    expect(check.ok ? check.value : null).toBe(expected);
  });

  it('says what was expected', () => {
    expect(checkOverrideValue('PortList', '80,http', undefined)).toEqual({
      ok: false,
      problem: '"http" is not a port number from 1 to 65535 (a comma-separated list is expected)',
    });
    expect(checkOverrideValue('Quantity', '2Gi', '1Gi')).toEqual({ ok: false, problem: 'it is above the maximum 1Gi that the SidecarSet allows' });
  });
});

const proxySet = sidecarSet('mesh', {
  overrides: [
    { annotation: 'proxy.example.com/exclude-outbound-ports', container: 'proxy', env: 'EXCLUDED', format: 'PortList' },
    { annotation: 'proxy.example.com/memory-limit', container: 'proxy', resource: 'limits.memory', maximum: '1Gi' },
    { annotation: 'proxy.example.com/memory-request', container: 'proxy', resource: 'requests.memory' },
  ],
  containers: [
    {
      name: 'proxy',
      image: 'example.com/proxy:1',
      placement: 'After',
      env: [{ name: 'EXCLUDED', valueFrom: { configMapKeyRef: { name: 'mesh', key: 'excluded' } } }],
      resources: { requests: { memory: '64Mi' }, limits: { memory: '256Mi' } },
    },
  ],
});

const annotated = (annotations: Record<string, string>): PodTemplate => ({
  metadata: { name: 'app', labels: { app: 'web' }, annotations: { 'tandem.dev/inject': 'true', ...annotations } },
  spec: { containers: [{ name: 'app', image: 'example.com/app:1' }] },
});

const inject = (pod: PodTemplate) => injectPod({ pod, namespaceLabels: {}, sidecarSets: [proxySet], options: {} });
const proxyOf = (pod: PodTemplate) => pod.spec?.initContainers?.find((container) => container.name === 'proxy');

describe('per-pod overrides in injectPod', () => {
  it('replaces a declared env var (valueFrom included) and a resource, and leaves the next pod as declared', () => {
    const first = inject(annotated({ 'proxy.example.com/exclude-outbound-ports': '5432', 'proxy.example.com/memory-limit': '512Mi' }));
    expect(first.rejection).toBeUndefined();
    expect(proxyOf(first.pod)?.env).toEqual([{ name: 'EXCLUDED', value: '5432' }]);
    expect(proxyOf(first.pod)?.resources).toEqual({ requests: { memory: '64Mi' }, limits: { memory: '512Mi' } });
    const next = inject(annotated({}));
    expect(proxyOf(next.pod)).toEqual({ ...proxySet.spec.containers![0], placement: undefined, restartPolicy: 'Always', resizePolicy: NOT_REQUIRED });
    expect(proxyOf(next.pod)?.resources).toEqual({ requests: { memory: '64Mi' }, limits: { memory: '256Mi' } });
  });

  it('rejects the pod, naming every invalid annotation, and changes nothing', () => {
    const input = annotated({ 'proxy.example.com/exclude-outbound-ports': 'db', 'proxy.example.com/memory-limit': '4Gi' });
    const result = inject(input);
    expect(result.pod).toBe(input);
    expect(result.changed).toBe(false);
    expect(result.rejection).toBe(
      'SidecarSet "mesh": annotation proxy.example.com/exclude-outbound-ports="db" is invalid: "db" is not a port number from 1 to 65535 (a comma-separated list is expected); ' +
        'annotation proxy.example.com/memory-limit="4Gi" is invalid: it is above the maximum 1Gi that the SidecarSet allows',
    );
    expect(result.decisions).toEqual([expect.objectContaining({ sidecarSet: 'mesh', injected: false, reason: 'InvalidOverride' })]);
  });

  it('rejects a request raised above the limit, and accepts it when the limit is raised too', () => {
    expect(inject(annotated({ 'proxy.example.com/memory-request': '300Mi' })).rejection).toBe(
      'SidecarSet "mesh": annotation proxy.example.com/memory-request="300Mi" would make container "proxy" request memory 300Mi, above its limit 256Mi',
    );
    const both = inject(annotated({ 'proxy.example.com/memory-request': '300Mi', 'proxy.example.com/memory-limit': '512Mi' }));
    expect(both.rejection).toBeUndefined();
    expect(proxyOf(both.pod)?.resources).toEqual({ requests: { memory: '300Mi' }, limits: { memory: '512Mi' } });
  });

  it('ignores override annotations of a set the pod does not get', () => {
    const optedOut = annotated({ 'tandem.dev/inject': 'false', 'proxy.example.com/memory-limit': 'lots' });
    const result = inject(optedOut);
    expect(result.rejection).toBeUndefined();
    expect(result.changed).toBe(false);
  });

  it('warns about a key under a declared prefix that no injected set declares', () => {
    const result = inject(annotated({ 'proxy.example.com/memory-limt': '512Mi', 'other.example.com/x': 'y' }));
    expect(result.warnings).toEqual([
      'annotation proxy.example.com/memory-limt is not an override of the injected SidecarSets (they declare proxy.example.com/exclude-outbound-ports, proxy.example.com/memory-limit, proxy.example.com/memory-request); it is ignored',
    ]);
  });

  // Sets without overrides keep their hashes: the records in test/golden/ predate overrides and still match.
  it('changes the hashes of a set whose overrides change (pods injected before are outdated)', () => {
    const { overrides: _overrides, ...spec } = proxySet.spec;
    expect(hashSidecarSet(proxySet, true).hashWithoutImages).not.toBe(hashSidecarSet({ ...proxySet, spec }, true).hashWithoutImages);
  });

  it('is stable: a pod injected with overrides is left alone by a second pass', () => {
    const once = inject(annotated({ 'proxy.example.com/memory-limit': '512Mi' }));
    const twice = inject(once.pod);
    expect(twice.changed).toBe(false);
    expect(twice.pod).toBe(once.pod);
  });
});
