import { describe, expect, it } from '@jest/globals';
import { compareIps, readyEndpoints, type EndpointSliceLike } from '../../../operator/reloader/endpoints.ts';

const slice = (addresses: [string, boolean | undefined][], ports: EndpointSliceLike['ports']): EndpointSliceLike => ({
  addressType: 'IPv4',
  endpoints: addresses.map(([ip, ready]) => ({ addresses: [ip], conditions: ready === undefined ? {} : { ready }, targetRef: { name: `pod-${ip}` } })),
  ports,
});

describe('readyEndpoints', () => {
  it('keeps Ready (and unset) endpoints of all slices, deduplicated and sorted numerically', () => {
    const slices = [
      slice([['10.0.0.10', true], ['10.0.0.2', false], ['10.0.0.9', undefined]], [{ name: 'http', port: 8080 }]),
      slice([['10.0.0.3', true], ['10.0.0.10', true]], [{ name: 'http', port: 8080 }]),
    ];
    expect(readyEndpoints(slices).map((endpoint) => endpoint.address)).toEqual(['10.0.0.3:8080', '10.0.0.9:8080', '10.0.0.10:8080']);
    expect(readyEndpoints(slices)[0]).toEqual({ address: '10.0.0.3:8080', ip: '10.0.0.3', port: 8080, target: 'pod-10.0.0.3' });
  });

  it('chooses the port by name or number, and skips slices without it', () => {
    const slices = [slice([['10.0.0.1', true]], [{ name: 'metrics', port: 9090 }, { name: 'http', port: 80 }]), slice([['10.0.0.2', true]], [{ name: 'metrics', port: 9090 }])];
    expect(readyEndpoints(slices, 'http').map((endpoint) => endpoint.address)).toEqual(['10.0.0.1:80']);
    expect(readyEndpoints(slices, 9090).map((endpoint) => endpoint.address)).toEqual(['10.0.0.1:9090', '10.0.0.2:9090']);
  });

  it('brackets IPv6 and skips FQDN slices', () => {
    const v6: EndpointSliceLike = { addressType: 'IPv6', endpoints: [{ addresses: ['fd00::1'] }], ports: [{ port: 443 }] };
    const fqdn: EndpointSliceLike = { addressType: 'FQDN', endpoints: [{ addresses: ['example.com'] }], ports: [{ port: 443 }] };
    expect(readyEndpoints([v6, fqdn]).map((endpoint) => endpoint.address)).toEqual(['[fd00::1]:443']);
  });

  it('gives an empty list when no backend is ready', () => {
    expect(readyEndpoints([slice([['10.0.0.1', false]], [{ port: 80 }])])).toEqual([]);
    expect(readyEndpoints([])).toEqual([]);
  });
});

describe('compareIps', () => {
  it('orders IPv4 numerically, then IPv6 numerically (:: expanded), then anything else, whatever the locale', () => {
    const ips = ['fd00::10', '10.0.0.10', 'not-an-ip', '2001:db8::1', '10.0.0.9', 'fd00::9', '9.255.255.255', 'FD00:0:0:0:0:0:0:a', '::1'];
    expect([...ips].sort(compareIps)).toEqual(['9.255.255.255', '10.0.0.9', '10.0.0.10', '::1', '2001:db8::1', 'fd00::9', 'FD00:0:0:0:0:0:0:a', 'fd00::10', 'not-an-ip']);
    expect(compareIps('10.0.0.1', '10.0.0.1')).toBe(0);
  });
});
