// List, then watch from the list's resourceVersion, for the few objects a
// reloader source reads (one ConfigMap or Secret by name, the EndpointSlices
// of one Service), over plain node:http(s) — what client-node's ListWatch
// does, at a fraction of its memory (docs/adr/0011-reloader-memory.md):
// - the watch asks for bookmarks and follows their resourceVersion, so a
//   reconnect resumes where it left off even when nothing it watches changed;
// - 410 Gone (as the response status or as an ERROR event) means that
//   resourceVersion is too old: list again;
// - the server ends each watch after timeoutSeconds; it is reopened at once
//   from the last resourceVersion; a silent connection is dropped after
//   timeoutSeconds plus a margin;
// - any other failure is reported and retried after an exponential backoff
//   with jitter, from the last resourceVersion (a relist if that has expired);
//   the objects stay as they were meanwhile.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { nodeHttp } from './node-http.ts';
import { request as httpsRequest } from 'node:https';
import type { KubeAccess } from './reloader-kube-access.ts';

export interface KubeObject {
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly resourceVersion?: string };
}

export interface ReloaderBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const RELOADER_KUBE_BACKOFF: ReloaderBackoff = { initialMs: 1_000, maxMs: 60_000 };

export interface ListWatchOptions<T extends KubeObject> {
  readonly access: KubeAccess;
  /** Collection path, e.g. /api/v1/namespaces/web/configmaps. */
  readonly path: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** The current objects, after the list and after every change. */
  readonly onObjects: (objects: readonly T[]) => void;
  /** Listing or watching failed; retried after `retryInMs`. */
  readonly onError: (error: unknown, retryInMs: number) => void;
  /** A watch is open again after errors (nothing new read yet). */
  readonly onHealthy?: () => void;
  readonly backoff?: ReloaderBackoff;
  /** Server-side watch timeout; default random 5-10 min as client-go. */
  readonly watchTimeoutSeconds?: number;
}

export interface RunningListWatch {
  stop(): Promise<void>;
}

/** A response other than 200; `code` and `reason` as the API server's Status says. */
export class KubeApiError extends Error {
  readonly status: number;
  readonly reason: string | undefined;
  constructor(status: number, body: unknown, what: string) {
    const statusObject = (typeof body === 'object' && body !== null ? body : {}) as { message?: unknown; reason?: unknown };
    const message = typeof statusObject.message === 'string' ? `: ${statusObject.message}` : '';
    super(`${what}: HTTP ${status}${message}`);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = typeof statusObject.reason === 'string' ? statusObject.reason : undefined;
  }
}

const GONE = 410;
const SILENCE_MARGIN_MS = 30_000;
/** A watch that ends sooner than this without events is treated like a failure for pacing. */
const SHORT_WATCH_MS = 1_000;

/** GET a path as JSON; a non-200 status rejects with KubeApiError. */
export async function getJson(access: KubeAccess, path: string, query: Readonly<Record<string, string | undefined>> = {}, signal?: AbortSignal): Promise<unknown> {
  const response = await open(access, path, query, signal);
  const text = await readAll(response);
  const body = parseJson(text);
  if (response.statusCode !== 200) throw new KubeApiError(response.statusCode ?? 0, body, `GET ${path}`);
  return body;
}

export function startListWatch<T extends KubeObject>(options: ListWatchOptions<T>): RunningListWatch {
  const backoff = options.backoff ?? RELOADER_KUBE_BACKOFF;
  const objects = new Map<string, T>();
  const selectors = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector };
  let resourceVersion: string | undefined;
  let delayMs = backoff.initialMs;
  let stopped = false;
  let failing = false;
  const controller = new AbortController();
  let wake: (() => void) | undefined;

  const publish = (): void => {
    options.onObjects([...objects.values()]);
  };
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const list = async (): Promise<void> => {
    const body = (await getJson(options.access, options.path, selectors, controller.signal)) as { items?: T[]; metadata?: { resourceVersion?: string } };
    objects.clear();
    for (const item of body.items ?? []) objects.set(keyOf(item), item);
    resourceVersion = body.metadata?.resourceVersion;
    publish();
  };
  const apply = (event: WatchEvent<T>): boolean => {
    const version = event.object.metadata?.resourceVersion;
    if (version !== undefined) resourceVersion = version;
    if (event.type === 'BOOKMARK') return false;
    if (event.type === 'DELETED') objects.delete(keyOf(event.object));
    else objects.set(keyOf(event.object), event.object);
    publish();
    return true;
  };
  const healthy = (): void => {
    delayMs = backoff.initialMs;
    if (failing) options.onHealthy?.();
    failing = false;
  };
  const cycle = async (): Promise<void> => {
    if (resourceVersion === undefined) {
      await list();
      healthy();
    }
    const started = Date.now();
    const outcome = await watch(options, { resourceVersion: resourceVersion ?? '', selectors, signal: controller.signal, onOpen: healthy, onEvent: apply });
    if (outcome.gone) resourceVersion = undefined;
    else if (!outcome.sawEvents && Date.now() - started < SHORT_WATCH_MS) await pause();
  };
  const pause = async (): Promise<void> => {
    const waitMs = Math.round(delayMs * (0.8 + Math.random() * 0.4));
    delayMs = Math.min(delayMs * 2, backoff.maxMs);
    await sleep(waitMs);
  };
  const fail = async (error: unknown): Promise<void> => {
    if (error instanceof KubeApiError && error.status === GONE) {
      resourceVersion = undefined;
      return;
    }
    failing = true;
    const waitMs = Math.round(delayMs * (0.8 + Math.random() * 0.4));
    options.onError(error, waitMs);
    delayMs = Math.min(delayMs * 2, backoff.maxMs);
    await sleep(waitMs);
  };
  const isStopped = (): boolean => stopped;
  const loop = (async () => {
    while (!isStopped()) {
      try {
        await cycle();
      } catch (error) {
        if (isStopped()) break;
        await fail(error);
      }
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      controller.abort();
      wake?.();
      await loop;
    },
  };
}

interface WatchEvent<T> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  readonly object: T;
}

interface WatchRequest<T> {
  readonly resourceVersion: string;
  readonly selectors: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
  readonly onOpen: () => void;
  /** True when the event changed the objects. */
  readonly onEvent: (event: WatchEvent<T>) => boolean;
}

/** One watch request, until the server ends it. Resolves gone: true on an expired resourceVersion. */
async function watch<T extends KubeObject>(options: ListWatchOptions<T>, request: WatchRequest<T>): Promise<{ gone: boolean; sawEvents: boolean }> {
  const timeoutSeconds = options.watchTimeoutSeconds ?? Math.floor(300 + Math.random() * 300);
  const query = {
    ...request.selectors,
    watch: 'true',
    resourceVersion: request.resourceVersion,
    allowWatchBookmarks: 'true',
    timeoutSeconds: String(timeoutSeconds),
  };
  const response = await open(options.access, options.path, query, request.signal);
  if (response.statusCode !== 200) {
    throw new KubeApiError(response.statusCode ?? 0, parseJson(await readAll(response)), `watch ${options.path}`);
  }
  request.onOpen();
  response.socket.setTimeout(timeoutSeconds * 1000 + SILENCE_MARGIN_MS, () => {
    response.destroy(new Error(`watch ${options.path}: no data for ${timeoutSeconds + SILENCE_MARGIN_MS / 1000} s`));
  });
  let sawEvents = false;
  let gone = false;
  await eachLine(response, (line) => {
    const event = JSON.parse(line) as { type: string; object: unknown };
    if (event.type === 'ERROR') {
      const status = event.object as { code?: number };
      if (status.code === GONE) {
        gone = true;
        return false;
      }
      throw new KubeApiError(status.code ?? 0, status, `watch ${options.path}`);
    }
    if (request.onEvent(event as WatchEvent<T>)) sawEvents = true;
    return true;
  });
  return { gone, sawEvents };
}

async function open(access: KubeAccess, path: string, query: Readonly<Record<string, string | undefined>>, signal?: AbortSignal): Promise<IncomingMessage> {
  const url = new URL(path, access.server);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  const base = await access.requestOptions();
  const send = url.protocol === 'http:' ? nodeHttp.request : httpsRequest;
  return new Promise((resolve, reject) => {
    const headers: OutgoingHttpHeaders = base.headers !== undefined && !Array.isArray(base.headers) ? (base.headers as OutgoingHttpHeaders) : {};
    const req = send(url, { ...base, method: 'GET', headers: { ...headers, accept: 'application/json' }, signal }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Calls onLine for each line; onLine returns false to stop early (the response is then dropped). */
async function eachLine(response: IncomingMessage, onLine: (line: string) => boolean): Promise<void> {
  response.setEncoding('utf8');
  let pending = '';
  for await (const chunk of response) {
    pending += chunk as string;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line !== '' && !onLine(line)) {
        response.destroy();
        return;
      }
      newline = pending.indexOf('\n');
    }
  }
  if (pending.trim() !== '') onLine(pending.trim());
}

async function readAll(response: IncomingMessage): Promise<string> {
  response.setEncoding('utf8');
  let text = '';
  for await (const chunk of response) text += chunk as string;
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 200) };
  }
}

function keyOf(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}
