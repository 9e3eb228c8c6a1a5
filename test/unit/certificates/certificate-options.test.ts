import { describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { certificateSettings, parseDuration, type CertificateFlags } from '../../../operator/certificates/certificate-options.ts';
import { addCertificateOptions } from '../../../operator/cli/certificate-hooks.ts';
import { servingNames } from '../../../operator/certificates/serving-names.ts';
import { caBundlePatch } from '../../../operator/certificates/webhook-configuration-ca-bundle.ts';
import { V1MutatingWebhookConfiguration } from '@kubernetes/client-node';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['2160h', 2160 * 3_600_000],
    ['365d', 365 * 86_400_000],
    ['1.5h', 5_400_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', '10', '5y', '-3s'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow('is not a duration');
  });
});

describe('certificate flags', () => {
  const parse = (args: string[]): CertificateFlags => {
    const command = addCertificateOptions(new Command('operator').exitOverride().option('--tls-cert-file <file>'));
    command.parse(args, { from: 'user' });
    return command.opts<CertificateFlags>();
  };

  it('defaults to self-managed with the chart\'s names and the default lifetimes', () => {
    const settings = certificateSettings(parse([]));
    expect(settings).toMatchObject({ mode: 'self-managed', secretName: 'tandem-webhook-tls', webhookConfigurationName: 'tandem', service: 'tandem-webhook', webhookNames: ['inject.tandem.dev'] });
    expect(settings.policy.caLifetimeMs).toBe(365 * 86_400_000);
    expect(settings.policy.servingLifetimeMs).toBe(90 * 86_400_000);
  });

  it('a certificate file means provided, unless a mode is named', () => {
    expect(certificateSettings(parse(['--tls-cert-file', 'x'])).mode).toBe('provided');
    expect(certificateSettings(parse(['--tls-cert-file', 'x', '--certificate-mode', 'cert-manager'])).mode).toBe('cert-manager');
  });

  it('takes short lifetimes, and refuses ones without an overlap', () => {
    const settings = certificateSettings(parse(['--serving-lifetime', '30s', '--ca-lifetime', '60s', '--certificate-propagation-delay', '3s', '--certificate-names', '127.0.0.1, localhost']));
    expect(settings.policy).toMatchObject({ servingLifetimeMs: 30_000, caLifetimeMs: 60_000, propagationDelayMs: 3_000 });
    expect(settings.extraNames).toEqual(['127.0.0.1', 'localhost']);
    expect(() => certificateSettings(parse(['--serving-lifetime', '30s', '--ca-lifetime', '60s', '--certificate-propagation-delay', '10s']))).toThrow('twice the propagation delay');
  });
});

describe('servingNames', () => {
  it('names the Service every way a client may, plus the extras, sorted', () => {
    expect(servingNames({ service: 'svc', namespace: 'ns', extra: ['127.0.0.1', 'Tandem.example.com', '::1'] })).toEqual({
      dnsNames: ['svc', 'svc.ns', 'svc.ns.svc', 'svc.ns.svc.cluster.local', 'tandem.example.com'],
      ipAddresses: ['127.0.0.1', '::1'],
    });
    expect(() => servingNames({ service: 's', namespace: 'n', extra: ['not a name'] })).toThrow('neither a DNS name nor an IP address');
  });
});

describe('caBundlePatch', () => {
  const configuration = (webhooks: { name: string; caBundle?: string }[]): V1MutatingWebhookConfiguration =>
    Object.assign(new V1MutatingWebhookConfiguration(), {
      webhooks: webhooks.map((webhook) => ({ name: webhook.name, clientConfig: { caBundle: webhook.caBundle }, admissionReviewVersions: ['v1'], sideEffects: 'None' })),
    });

  it.each([
    ['no entry of ours', [{ name: 'other.example.com' }], undefined],
    ['already current', [{ name: 'inject.tandem.dev', caBundle: 'NEW' }], []],
    [
      'empty: add, pinned by name',
      [{ name: 'other.example.com', caBundle: 'X' }, { name: 'inject.tandem.dev' }],
      [
        { op: 'test', path: '/webhooks/1/name', value: 'inject.tandem.dev' },
        { op: 'add', path: '/webhooks/1/clientConfig/caBundle', value: 'NEW' },
      ],
    ],
    [
      'stale: replace, pinned by name and previous value',
      [{ name: 'inject.tandem.dev', caBundle: 'OLD' }],
      [
        { op: 'test', path: '/webhooks/0/name', value: 'inject.tandem.dev' },
        { op: 'test', path: '/webhooks/0/clientConfig/caBundle', value: 'OLD' },
        { op: 'replace', path: '/webhooks/0/clientConfig/caBundle', value: 'NEW' },
      ],
    ],
  ] as const)('%s', (_label, webhooks, expected) => {
    expect(caBundlePatch(configuration([...webhooks]), ['inject.tandem.dev'], 'NEW')).toEqual(expected);
  });
});
