import type { SidecarSet } from '../../../../operator/api/sidecar-set.ts';
import type { SidecarSetSource } from '../../../../operator/webhook/sources.ts';

/** A set injecting a proxy into pods labelled app=web that opt in. */
export const proxySet: SidecarSet = {
  apiVersion: 'tandem.dev/v1alpha1',
  kind: 'SidecarSet',
  metadata: { name: 'proxy' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    containers: [
      {
        name: 'proxy',
        image: 'example.com/proxy:1.2.3',
        args: ['--listen=:15001'],
        resources: { requests: { cpu: '10m', memory: '32Mi' } },
      },
    ],
    podMetadata: { annotations: { 'proxy.example.com/port': '15001' } },
  },
};

/** Adds a volume and a labelled log shipper that mounts it. */
export const loggerSet: SidecarSet = {
  apiVersion: 'tandem.dev/v1alpha1',
  kind: 'SidecarSet',
  metadata: { name: 'logger' },
  spec: {
    selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
    nativeSidecars: 'Never',
    containers: [
      {
        name: 'log-shipper',
        image: 'example.com/shipper:4',
        volumeMounts: [{ name: 'tandem-logs', mountPath: '/var/log/app' }],
      },
    ],
    volumes: [{ name: 'tandem-logs', emptyDir: {} }],
    podMetadata: { labels: { 'logging.example.com/shipped': 'true' } },
  },
};

/** Matches nothing in the fixtures. */
export const batchSet: SidecarSet = {
  apiVersion: 'tandem.dev/v1alpha1',
  kind: 'SidecarSet',
  metadata: { name: 'batch-helper' },
  spec: {
    selector: { matchLabels: { app: 'batch-only' } },
    containers: [{ name: 'helper', image: 'example.com/helper:1' }],
  },
};

export const allSets: readonly SidecarSet[] = [proxySet, loggerSet, batchSet];

/** SidecarSets fixed for a test: synced from the outset. */
export function staticSidecarSetSource(sets: readonly SidecarSet[]): SidecarSetSource {
  const frozen = [...sets];
  return { list: () => frozen, synced: () => true };
}
