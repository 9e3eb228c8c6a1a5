import type { AddressInfo, Server } from 'node:net';
/** Where `tandem webhook` and `tandem operator` listen by default (the chart's container port). */
export const DEFAULT_WEBHOOK_LISTEN = '0.0.0.0:9443';

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (all IPv4 interfaces).
 * Throws an Error saying what was expected.
 */
export function parseListenAddress(text: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (match === null || !Number.isInteger(port) || port > 65535) {
    throw new Error(`"${text}" is not HOST:PORT, [IPv6]:PORT or :PORT (port 0-65535)`);
  }
  const host = match[1] ?? (match[2] === undefined || match[2] === '' ? '0.0.0.0' : match[2]);
  return { host, port };
}

export function formatListenAddress(address: ListenAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

/** Binds the server and resolves with the address it got (port 0 picks a free one); rejects on a bind error. */
export function listenOn(server: Server, address: ListenAddress): Promise<ListenAddress> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      const bound = server.address() as AddressInfo;
      resolve({ host: bound.address, port: bound.port });
    });
  });
}
