// A KubeConnection without @kubernetes/client-node in the common cases, for
// the reloader: client-node's KubeConfig module alone pulls in its whole
// generated API client and undici, more than the reloader's whole memory
// target (docs/adr/0011-reloader-memory.md, docs/adr/0024-one-kubernetes-client.md).
// The in-cluster service account and kubeconfigs with tokens, token files,
// client certificates or basic auth are read here, as client-node reads them;
// a kubeconfig whose user runs an exec plugin or an auth provider, or whose
// cluster sets a proxy-url, is handed to client-node's KubeConfig (loaded
// only then), so every kubeconfig client-node accepts still works.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Agent, type AgentOptions } from 'node:https';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { isIPv6 } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { SERVICE_ACCOUNT_DIR, type KubeConnection } from './kube-connection.ts';
import { nodeHttp } from './node-http.ts';

export interface LoadKubeConnectionOptions {
  /** --kubeconfig; otherwise $KUBECONFIG, ~/.kube/config, then in-cluster. */
  readonly path?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** The service account directory (tests). */
  readonly serviceAccountDir?: string;
}

type Yaml = Record<string, unknown>;

interface Named {
  readonly name: string;
  readonly [key: string]: unknown;
}

interface KubeconfigFile {
  readonly path: string;
  readonly doc: Yaml;
}

/** Resolves the same way client-node's loadFromDefault does; throws naming the file on errors. */
export async function loadKubeConnection(options: LoadKubeConnectionOptions = {}): Promise<KubeConnection> {
  const env = options.env ?? process.env;
  const files = kubeconfigFiles(options.path, env, options.home ?? homedir());
  if (files.length > 0) return fromKubeconfig(files.map(readKubeconfig), options.path);
  if (env.KUBERNETES_SERVICE_HOST !== undefined && env.KUBERNETES_SERVICE_PORT !== undefined) {
    return inCluster(env.KUBERNETES_SERVICE_HOST, env.KUBERNETES_SERVICE_PORT, options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
  }
  throw new Error('no kubeconfig ($KUBECONFIG, ~/.kube/config) and not in a cluster (no KUBERNETES_SERVICE_HOST)');
}

function kubeconfigFiles(path: string | undefined, env: NodeJS.ProcessEnv, home: string): string[] {
  if (path !== undefined) return [path];
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file !== '');
  if (fromEnv.length > 0) return fromEnv;
  const inHome = join(home, '.kube', 'config');
  try {
    readFileSync(inHome);
    return [inHome];
  } catch {
    return [];
  }
}

function readKubeconfig(path: string): KubeconfigFile {
  try {
    const doc: unknown = parseYaml(readFileSync(path, 'utf8'));
    return { path, doc: isObject(doc) ? doc : {} };
  } catch (error) {
    throw new Error(`cannot load the kubeconfig ${path}: ${(error as Error).message}`, { cause: error });
  }
}

async function inCluster(host: string, port: string, dir: string): Promise<KubeConnection> {
  const scheme = ['80', '8080', '8001'].includes(port) ? 'http' : 'https';
  const server = new URL(`${scheme}://${isIPv6(host) ? `[${host}]` : host}:${port}`);
  const ca = await readFile(join(dir, 'ca.crt')).catch((error: unknown) => {
    throw new Error(`in-cluster: cannot read the service account CA ${join(dir, 'ca.crt')}: ${(error as Error).message}`, { cause: error });
  });
  const namespace = await readFile(join(dir, 'namespace'), 'utf8').then((text) => text.trim(), () => undefined);
  return lightAccess(server, { ca }, { tokenFile: join(dir, 'token') }, { namespace, origin: 'in-cluster' });
}

/** Merged like client-node: the first file that names a cluster, user or context wins; current-context from the first that has one. */
function fromKubeconfig(files: readonly KubeconfigFile[], explicitPath: string | undefined): Promise<KubeConnection> {
  const origin = `kubeconfig ${files.map((file) => file.path).join(delimiter)}`;
  const currentContext = files.map((file) => file.doc['current-context']).find((name) => typeof name === 'string' && name !== '');
  const context = findNamed(files, 'contexts', currentContext, 'context');
  if (typeof currentContext !== 'string' || context === undefined) {
    throw new Error(`no current cluster in the ${origin}${explicitPath === undefined ? ' (default: $KUBECONFIG, ~/.kube/config or in-cluster)' : ''}`);
  }
  const cluster = findNamed(files, 'clusters', context.value.cluster, 'cluster');
  if (cluster === undefined || typeof cluster.value.server !== 'string') throw new Error(`no current cluster in the ${origin}`);
  const user = findNamed(files, 'users', context.value.user, 'user') ?? { value: {}, dir: cluster.dir };
  const namespace = typeof context.value.namespace === 'string' && context.value.namespace !== '' ? context.value.namespace : undefined;
  if (needsClientNode(cluster.value, user.value)) return clientNodeAccess(files, origin);
  const server = new URL(cluster.value.server);
  return Promise.resolve(lightAccess(server, tlsOptions(cluster.value, user.value, cluster.dir, user.dir), credentials(user.value, user.dir), { namespace, origin }));
}

function findNamed(files: readonly KubeconfigFile[], list: string, name: unknown, field: string): { value: Yaml; dir: string } | undefined {
  for (const file of files) {
    const entries = file.doc[list];
    if (!Array.isArray(entries)) continue;
    const entry = (entries as unknown[]).find((candidate): candidate is Named => isObject(candidate) && candidate.name === name);
    const value = entry?.[field];
    if (entry !== undefined) return { value: isObject(value) ? value : {}, dir: dirname(file.path) };
  }
  return undefined;
}

/** What only client-node implements: exec plugins, auth providers (oidc, azure, gcp), impersonation, proxies. */
function needsClientNode(cluster: Yaml, user: Yaml): boolean {
  return user.exec !== undefined || user['auth-provider'] !== undefined || user.as !== undefined || cluster['proxy-url'] !== undefined;
}

function tlsOptions(cluster: Yaml, user: Yaml, clusterDir: string, userDir: string): AgentOptions {
  const options: AgentOptions = {};
  const ca = bytes(cluster, 'certificate-authority', clusterDir);
  if (ca !== undefined) options.ca = ca;
  const cert = bytes(user, 'client-certificate', userDir);
  const key = bytes(user, 'client-key', userDir);
  if (cert !== undefined) options.cert = cert;
  if (key !== undefined) options.key = key;
  if (cluster['insecure-skip-tls-verify'] === true) options.rejectUnauthorized = false;
  if (typeof cluster['tls-server-name'] === 'string') options.servername = cluster['tls-server-name'];
  return options;
}

/** FIELD-data (base64) or FIELD (a file, relative to the kubeconfig's directory). */
function bytes(section: Yaml, field: string, dir: string): Buffer | undefined {
  const data = section[`${field}-data`];
  if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64');
  const file = section[field];
  if (typeof file !== 'string' || file === '') return undefined;
  return readFileSync(isAbsolute(file) ? file : join(dir, file));
}

interface Credentials {
  readonly token?: string;
  readonly tokenFile?: string;
  readonly basic?: string;
}

function credentials(user: Yaml, dir: string): Credentials {
  if (typeof user.token === 'string' && user.token !== '') return { token: user.token };
  if (typeof user.tokenFile === 'string' && user.tokenFile !== '') {
    return { tokenFile: isAbsolute(user.tokenFile) ? user.tokenFile : join(dir, user.tokenFile) };
  }
  if (typeof user.username === 'string' && user.username !== '') {
    return { basic: `${user.username}:${typeof user.password === 'string' ? user.password : ''}` };
  }
  return {};
}

function lightAccess(server: URL, tls: AgentOptions, auth: Credentials, about: { namespace: string | undefined; origin: string }): KubeConnection {
  // One keep-alive agent: watches hold their sockets, lists reuse the others.
  const agent = server.protocol === 'http:' ? new nodeHttp.Agent({ keepAlive: true }) : new Agent({ ...tls, keepAlive: true });
  return {
    server,
    namespace: about.namespace,
    origin: about.origin,
    requestOptions: async () => {
      const headers: Record<string, string> = {};
      // Bound service account tokens rotate: read the file for every request (it is small and local).
      const token = auth.tokenFile !== undefined ? (await readFile(auth.tokenFile, 'utf8')).trim() : auth.token;
      if (token !== undefined && token !== '') headers.authorization = `Bearer ${token}`;
      return { agent, headers, ...(auth.basic !== undefined ? { auth: auth.basic } : {}) };
    },
    close: () => {
      agent.destroy();
    },
  };
}

/** The rare kubeconfigs only client-node understands: loaded on demand, as the operator loads every kubeconfig. */
async function clientNodeAccess(files: readonly KubeconfigFile[], origin: string): Promise<KubeConnection> {
  const [{ KubeConfig }, { kubeConfigConnection }] = await Promise.all([import('@kubernetes/client-node'), import('./kube-config-connection.ts')]);
  const kubeConfig = new KubeConfig();
  const [first, ...rest] = files;
  if (first !== undefined) kubeConfig.loadFromFile(first.path);
  for (const file of rest) {
    const other = new KubeConfig();
    other.loadFromFile(file.path);
    kubeConfig.mergeConfig(other);
  }
  return kubeConfigConnection(kubeConfig, `${origin} (through @kubernetes/client-node)`);
}

function isObject(value: unknown): value is Yaml {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
