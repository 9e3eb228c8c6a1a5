// Where the reloader's own configuration comes from (a ConfigMap, or a file
// with its templates beside it), read once at start and then followed, so an
// edited template or configuration takes effect without a pod restart.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.ts';
import { CONFIG_KEY, parseReloaderConfig, ReloaderConfigError, type ReloaderConfig } from './reloader-config.ts';

/** One version of the configuration: reloader.yaml and the texts its templates' src may name. */
export interface ConfigSnapshot {
  /** Undefined when there is no configuration (the ConfigMap has no reloader.yaml or is gone). */
  readonly text: string | undefined;
  readonly templates: Readonly<Record<string, string>>;
  /** Why text is undefined, naming the field or object. */
  readonly missing?: string;
}

export interface ConfigFeedListener {
  /** A snapshot read now; it may equal the previous one (a relist, a touched file). */
  onSnapshot(snapshot: ConfigSnapshot): void;
  /** Reading or watching failed; retried. */
  onError(error: unknown): void;
}

export interface ConfigFeed {
  /** "ConfigMap web/web-reloader" or the file's path, for messages. */
  readonly origin: string;
  /** One read (start-up, --once, --validate); throws when the source cannot be read. */
  read(): Promise<ConfigSnapshot>;
  /** Follows changes until stopped. */
  watch(listener: ConfigFeedListener): { stop(): Promise<void> };
}

/** Parses and validates a snapshot; throws ReloaderConfigError naming every wrong field. */
export function parseConfigSnapshot(snapshot: ConfigSnapshot, origin: string): ReloaderConfig {
  if (snapshot.text === undefined) {
    throw new ReloaderConfigError(origin, [snapshot.missing ?? `data.${CONFIG_KEY}: required (the reloader configuration)`]);
  }
  const { templates } = snapshot;
  return parseReloaderConfig(snapshot.text, (src) => (Object.hasOwn(templates, src) ? templates[src] : undefined), origin);
}

/** A short content hash, to tell in logs and /statusz which configuration runs. */
export function snapshotRevision(snapshot: ConfigSnapshot): string {
  return createHash('sha256').update(canonicalJson({ text: snapshot.text ?? null, templates: snapshot.templates })).digest('hex').slice(0, 12);
}
