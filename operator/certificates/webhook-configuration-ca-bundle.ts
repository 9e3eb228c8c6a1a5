import type { V1MutatingWebhookConfiguration } from '@kubernetes/client-node';
import type { KubeClient } from '../kube/kube-client.ts';
import { statusText } from './certificate-secret-store.ts';

export const CERTIFICATE_FIELD_MANAGER = 'tandem-certificates';

export type CaBundleResult =
  /** Every named webhook now carries the bundle (patched: whether this call changed anything). */
  | { readonly status: 'published'; readonly patched: boolean }
  /** The configuration or the webhook entries do not exist (yet): nothing to patch. */
  | { readonly status: 'missing'; readonly detail: string }
  /** Someone changed the configuration between read and patch; read again. */
  | { readonly status: 'conflict' };

export interface WebhookCaBundle {
  readonly what: string;
  /** Makes the caBundle of every named webhook entry equal `bundlePem`, touching nothing else. */
  publish(bundlePem: string): Promise<CaBundleResult>;
}

/**
 * Patches the caBundle of Tandem's own entries in its
 * MutatingWebhookConfiguration (by name), with a JSON Patch whose `test`
 * operations pin the entry's name and previous caBundle: a concurrent change
 * fails the patch (422) instead of being overwritten, so two writers never
 * flip the bundle back and forth. Entries of other webhooks are not touched.
 */
export function createWebhookCaBundle(client: KubeClient, name: string, webhookNames: readonly string[]): WebhookCaBundle {
  const what = `MutatingWebhookConfiguration ${name}`;
  const path = `/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/${encodeURIComponent(name)}`;
  const read = async (): Promise<V1MutatingWebhookConfiguration | undefined> => {
    const response = await client.request({ method: 'GET', path });
    if (response.status === 404) return undefined;
    if (response.status >= 300) throw new Error(`cannot read the ${what}: ${statusText(response.status, response.body)}`);
    return response.body as V1MutatingWebhookConfiguration;
  };
  return {
    what,
    publish: async (bundlePem) => {
      const configuration = await read();
      if (configuration === undefined) return { status: 'missing', detail: `${what} does not exist` };
      const wanted = Buffer.from(bundlePem, 'utf8').toString('base64');
      const operations = caBundlePatch(configuration, webhookNames, wanted);
      if (operations === undefined) return { status: 'missing', detail: `${what} has no webhook named ${webhookNames.join(' or ')}` };
      if (operations.length === 0) return { status: 'published', patched: false };
      const response = await client.request({
        method: 'PATCH',
        path,
        query: { fieldManager: CERTIFICATE_FIELD_MANAGER },
        contentType: 'application/json-patch+json',
        body: operations,
      });
      if (response.status === 409 || response.status === 422) return { status: 'conflict' };
      if (response.status >= 300) throw new Error(`cannot patch the caBundle of the ${what}: ${statusText(response.status, response.body)}`);
      return { status: 'published', patched: true };
    },
  };
}

type Operation = { op: 'test' | 'add' | 'replace'; path: string; value: string };

/** undefined when no entry matches; [] when every matching entry already carries `wanted`. */
export function caBundlePatch(configuration: V1MutatingWebhookConfiguration, webhookNames: readonly string[], wanted: string): Operation[] | undefined {
  const operations: Operation[] = [];
  const entries = (configuration.webhooks ?? []).map((webhook, index) => ({ webhook, index })).filter(({ webhook }) => webhookNames.includes(webhook.name));
  for (const { webhook, index } of entries) {
    const current = webhook.clientConfig.caBundle;
    if (current === wanted) continue;
    const path = `/webhooks/${index}/clientConfig/caBundle`;
    operations.push({ op: 'test', path: `/webhooks/${index}/name`, value: webhook.name });
    if (current === undefined || current === '') operations.push({ op: 'add', path, value: wanted });
    else operations.push({ op: 'test', path, value: current }, { op: 'replace', path, value: wanted });
  }
  return entries.length > 0 ? operations : undefined;
}
