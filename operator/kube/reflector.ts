import { startWatcher, type KubeObject, type WatcherEvent, type WatcherOptions } from './watcher.ts';

export interface ReflectorOptions<T> extends Omit<WatcherOptions, 'onEvent'> {
  /**
   * Keeps what the store needs from a full object, as it arrives (the
   * controller's trimmed pods); must not keep a reference into it. Default:
   * the object itself.
   */
  readonly trim?: (object: KubeObject) => T;
  /** Default namespace/name. */
  readonly keyOf?: (object: KubeObject) => string;
  /** Each object that was added (before undefined), changed, or deleted (after undefined). A relist reports every object. */
  readonly onChange?: (before: T | undefined, after: T | undefined) => void;
  /** Once after each list and after each change, when the store holds the new state. */
  readonly onStoreChanged?: () => void;
}

/** An in-memory copy of a collection, kept current by the watcher; what every cache of the project is built on. */
export interface Reflector<T> {
  /** A first list has been stored. Stays true across relists and failures (the store keeps serving). */
  synced(): boolean;
  get(key: string): T | undefined;
  values(): IterableIterator<T>;
  readonly size: number;
  stop(): Promise<void>;
}

/**
 * The watcher's events applied to a store, as kube-rs' reflector does. A
 * list builds a new store page by page and then replaces the old one,
 * reporting what it lacks as deleted, so deletions missed while the watch
 * was down are seen too.
 */
export function startReflector<T>(options: ReflectorOptions<T>): Reflector<T> {
  const trim = options.trim ?? ((object: KubeObject) => object as T);
  const keyOf = options.keyOf ?? objectKey;
  let store = new Map<string, T>();
  let listing: Map<string, T> | undefined;
  let synced = false;

  const replace = (next: Map<string, T>): void => {
    const previous = store;
    store = next;
    for (const [key, before] of previous) if (!next.has(key)) options.onChange?.(before, undefined);
    for (const [key, after] of next) options.onChange?.(previous.get(key), after);
    if (!synced) options.logger.info({ watch: options.resource, count: next.size }, `${options.resource} listed`);
    synced = true;
    options.onStoreChanged?.();
  };

  const change = (object: KubeObject, deleted: boolean): void => {
    const key = keyOf(object);
    const before = store.get(key);
    if (deleted && before === undefined) return;
    const after = deleted ? undefined : trim(object);
    if (after === undefined) store.delete(key);
    else store.set(key, after);
    options.onChange?.(before, after);
    options.onStoreChanged?.();
  };

  const onEvent = (event: WatcherEvent): void => {
    switch (event.type) {
      case 'init':
        listing = new Map<string, T>();
        return;
      case 'initApply':
        listing?.set(keyOf(event.object), trim(event.object));
        return;
      case 'initDone':
        replace(listing ?? new Map<string, T>());
        listing = undefined;
        return;
      case 'apply':
      case 'delete':
        change(event.object, event.type === 'delete');
    }
  };

  const watcher = startWatcher({ ...options, onEvent });
  return {
    synced: () => synced,
    get: (key) => store.get(key),
    values: () => store.values(),
    get size() {
      return store.size;
    },
    stop: () => watcher.stop(),
  };
}

export interface ObjectWatchOptions<T> extends Omit<ReflectorOptions<T>, 'labelSelector' | 'fieldSelector' | 'keyOf' | 'onChange' | 'onStoreChanged'> {
  /** The object's name; `path` is its collection (e.g. /api/v1/namespaces/NS/secrets). */
  readonly name: string;
  /** The object after the first list and after every change; undefined while it does not exist. */
  readonly onChange: (object: T | undefined) => void;
}

export interface ObjectWatch<T> {
  current(): T | undefined;
  synced(): boolean;
  stop(): Promise<void>;
}

/**
 * One object by name: a reflector with the field selector
 * metadata.name=NAME, so RBAC can restrict list and watch to that object
 * (resourceNames) and the API server sends nothing else. For the webhook's
 * certificate Secret and the reloader's configuration and sources.
 */
export function watchObject<T>(options: ObjectWatchOptions<T>): ObjectWatch<T> {
  const { name, onChange, ...watched } = options;
  const reflector: Reflector<T> = startReflector<T>({
    ...watched,
    fieldSelector: `metadata.name=${name}`,
    keyOf: () => name,
    onStoreChanged: () => {
      onChange(reflector.get(name));
    },
  });
  return {
    current: () => reflector.get(name),
    synced: () => reflector.synced(),
    stop: () => reflector.stop(),
  };
}

/** namespace/name, or the name alone for cluster-scoped objects. */
export function objectKey(object: KubeObject): string {
  const metadata = object.metadata;
  return metadata?.namespace === undefined ? (metadata?.name ?? '') : `${metadata.namespace}/${metadata.name ?? ''}`;
}
