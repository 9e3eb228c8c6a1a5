import type { Endpoint } from './source.ts';

/** The fields of a discovery.k8s.io/v1 EndpointSlice that matter here. */
export interface EndpointSliceLike {
  readonly addressType?: string;
  readonly endpoints?: readonly {
    readonly addresses?: readonly string[];
    readonly conditions?: { readonly ready?: boolean | null };
    readonly hostname?: string;
    readonly nodeName?: string;
    readonly zone?: string;
    readonly targetRef?: { readonly name?: string };
  }[];
  readonly ports?: readonly { readonly name?: string | null; readonly port?: number | null }[] | null;
}

/**
 * The Ready endpoints of all slices of one Service, on the chosen port (a
 * name, a number, or the first port of each slice), without duplicates
 * (an endpoint may sit in two slices while the controller moves it), sorted
 * by address then port so a template renders the same text for the same set.
 * `ready: null/undefined` counts as ready, as the API documents. FQDN slices
 * are skipped: a template wants IP addresses.
 */
export function readyEndpoints(slices: readonly EndpointSliceLike[], port?: string | number): Endpoint[] {
  const byAddress = new Map<string, Endpoint>();
  for (const slice of slices) {
    if (slice.addressType === 'FQDN') continue;
    const number = slicePort(slice, port);
    if (number === undefined) continue;
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready === false) continue;
      for (const ip of endpoint.addresses ?? []) {
        const entry = toEndpoint(endpoint, ip, number);
        byAddress.set(entry.address, entry);
      }
    }
  }
  return [...byAddress.values()].sort((a, b) => compareIps(a.ip, b.ip) || a.port - b.port);
}

/**
 * IPv4 before IPv6, each in numeric order (10.0.0.9 before 10.0.0.10), and
 * anything else after them by code unit: the same order on every node and
 * locale. Plain arithmetic on purpose: Intl.Collator loads ICU collation
 * data, ~2.5 MB of the reloader's memory (docs/adr/0011-reloader-memory.md).
 */
export function compareIps(a: string, b: string): number {
  const [keyA, keyB] = [ipSortKey(a), ipSortKey(b)];
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

/** A string whose code-unit order is the order above: a family digit, then fixed-width hex. */
function ipSortKey(ip: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4 !== null) return `4${v4.slice(1).map((octet) => Number(octet).toString(16).padStart(2, '0')).join('')}`;
  const groups = ipv6Groups(ip);
  return groups !== undefined ? `6${groups.map((group) => group.padStart(4, '0')).join('')}` : `9${ip}`;
}

/** The eight hex groups of an IPv6 address (:: expanded, lower case); undefined if it is not one. */
function ipv6Groups(ip: string): string[] | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(ip)) return undefined;
  const [head = '', tail, ...more] = ip.toLowerCase().split('::');
  if (more.length > 0) return undefined;
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  return groups.every((group) => group.length >= 1 && group.length <= 4) ? groups : undefined;
}

type SliceEndpoint = NonNullable<EndpointSliceLike['endpoints']>[number];

function toEndpoint(endpoint: SliceEndpoint, ip: string, port: number): Endpoint {
  return {
    address: ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`,
    ip,
    port,
    ...(endpoint.hostname !== undefined ? { hostname: endpoint.hostname } : {}),
    ...(endpoint.nodeName !== undefined ? { nodeName: endpoint.nodeName } : {}),
    ...(endpoint.zone !== undefined ? { zone: endpoint.zone } : {}),
    ...(endpoint.targetRef?.name !== undefined ? { target: endpoint.targetRef.name } : {}),
  };
}

function slicePort(slice: EndpointSliceLike, wanted: string | number | undefined): number | undefined {
  const ports = slice.ports ?? [];
  const match = wanted === undefined
    ? ports[0]
    : ports.find((candidate) => (typeof wanted === 'number' ? candidate.port === wanted : candidate.name === wanted));
  if (match?.port != null) return match.port;
  // A numeric port the slice does not list (e.g. a Service without ports) is still usable.
  return typeof wanted === 'number' ? wanted : undefined;
}
