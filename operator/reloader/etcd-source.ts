// An etcd v3 key prefix, through the etcd3 client (gRPC). One range read at
// a revision, then a watch from the next revision, so no change falls
// between the two. The client reconnects the watch by itself and resumes
// from the last revision it saw; while disconnected the source reports
// unhealthy and the last values stay. If the first read fails it is retried
// with backoff.
import type { Etcd3, IKeyValue, Watcher } from 'etcd3';
import { createSourceState, type Source, type SourceListener } from './source.ts';

export interface EtcdSourceOptions {
  readonly name: string;
  readonly endpoints: readonly string[];
  readonly prefix: string;
  readonly dialTimeoutMs: number;
  readonly listener: SourceListener;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

export function startEtcdSource(options: EtcdSourceOptions): Source {
  const state = createSourceState(options.name, options.listener);
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 30_000 };
  const values = new Map<string, string>();
  let client: Etcd3 | undefined;
  let watcher: Watcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let delayMs = backoff.initialMs;

  const publish = (): void => {
    state.set(Object.fromEntries([...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  };
  const retry = (error: unknown): void => {
    state.fail(error);
    if (stopped) return;
    timer = setTimeout(() => void connect(), delayMs);
    delayMs = Math.min(delayMs * 2, backoff.maxMs);
  };
  const connect = async (): Promise<void> => {
    try {
      // Loaded on first use: gRPC costs memory that a reloader without etcd sources should not pay.
      const { Etcd3: Client } = await import('etcd3');
      client ??= new Client({ hosts: [...options.endpoints], dialTimeout: options.dialTimeoutMs });
      const range = await client.getAll().prefix(options.prefix).exec();
      values.clear();
      for (const kv of range.kvs) values.set(kv.key.toString(), kv.value.toString());
      publish();
      delayMs = backoff.initialMs;
      watcher = await client.watch().prefix(options.prefix).startRevision(String(BigInt(range.header.revision) + 1n)).create();
      watch(watcher);
    } catch (error) {
      retry(error);
    }
  };
  const watch = (active: Watcher): void => {
    active.on('put', (kv: IKeyValue) => {
      values.set(kv.key.toString(), kv.value.toString());
      publish();
    });
    active.on('delete', (kv: IKeyValue) => {
      values.delete(kv.key.toString());
      publish();
    });
    active.on('disconnected', (error: Error) => {
      state.fail(new Error(`etcd watch disconnected: ${error.message}`));
    });
    active.on('connected', () => {
      state.healthy();
    });
    active.on('error', (error: Error) => {
      state.fail(error);
    });
  };
  void connect();

  return {
    name: options.name,
    value: state.value,
    status: state.status,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await watcher?.cancel().catch(() => undefined);
      client?.close();
    },
  };
}
