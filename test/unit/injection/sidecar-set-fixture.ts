import type { SidecarSet, SidecarSetSpec } from '../../../operator/api/sidecar-set.ts';

/** A minimal valid SidecarSet with CRD defaults applied, for unit tests of pure rules. */
export function sidecarSet(name: string, spec: Partial<SidecarSetSpec> = {}): SidecarSet {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      injectionPolicy: 'OptIn',
      nativeSidecars: 'Auto',
      shareProcessNamespace: true,
      paused: false,
      containers: [{ name: `${name}-sidecar`, image: `example.com/${name}:1`, placement: 'After' }],
      ...spec,
    },
  };
}
