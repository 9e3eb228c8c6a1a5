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

const collator = new Intl.Collator('en', { numeric: true });

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
  return [...byAddress.values()].sort((a, b) => collator.compare(a.ip, b.ip) || a.port - b.port);
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
