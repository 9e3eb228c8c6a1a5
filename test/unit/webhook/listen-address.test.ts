import { describe, expect, it } from '@jest/globals';
import { formatListenAddress, parseListenAddress } from '../../../operator/webhook/listen-address.ts';

describe('parseListenAddress', () => {
  it.each([
    ['0.0.0.0:9443', { host: '0.0.0.0', port: 9443 }],
    [':9443', { host: '0.0.0.0', port: 9443 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['[::]:9443', { host: '::', port: 9443 }],
    ['[fd00::1]:8443', { host: 'fd00::1', port: 8443 }],
    ['webhook.local:443', { host: 'webhook.local', port: 443 }],
  ])('parses %s', (text, expected) => {
    expect(parseListenAddress(text)).toEqual(expected);
    expect(parseListenAddress(formatListenAddress(expected))).toEqual(expected);
  });

  it.each(['9443', 'host', '::1:9443', 'host:65536', 'host:-1', '[::1]', 'a:b'])('refuses %s', (text) => {
    expect(() => parseListenAddress(text)).toThrow(/is not HOST:PORT/);
  });
});
