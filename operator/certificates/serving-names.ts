import { isIP } from 'node:net';

/** The names a serving certificate must be valid for. */
export interface ServingNames {
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
}

export interface ServingNamesInput {
  /** The webhook Service the apiserver calls. */
  readonly service: string;
  readonly namespace: string;
  /** Extra DNS names and IP addresses (e.g. 127.0.0.1 for a webhook called by URL). */
  readonly extra?: readonly string[];
}

/**
 * `<svc>.<ns>.svc` is the name the apiserver verifies for a Service-backed
 * webhook; the `.cluster.local` form and the short forms cover clients
 * inside the cluster (probes, curl from a debug pod). Sorted and unique, so
 * two replicas compute the same list.
 */
export function servingNames(input: ServingNamesInput): ServingNames {
  const dns = new Set([
    input.service,
    `${input.service}.${input.namespace}`,
    `${input.service}.${input.namespace}.svc`,
    `${input.service}.${input.namespace}.svc.cluster.local`,
  ]);
  const ips = new Set<string>();
  for (const name of input.extra ?? []) {
    if (isIP(name) !== 0) ips.add(name);
    else if (/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(name)) dns.add(name.toLowerCase());
    else throw new Error(`"${name}" is neither a DNS name nor an IP address`);
  }
  return { dnsNames: [...dns].sort(), ipAddresses: [...ips].sort() };
}
