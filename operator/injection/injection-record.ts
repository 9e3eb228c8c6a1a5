import { canonicalJson } from '../json/canonical-json.ts';

/** What one SidecarSet added to a pod: enough to strip it again exactly. */
export interface SetRecord {
  readonly hash: string;
  readonly hashWithoutImages: string;
  /** Absent in records written before in-place resize (their pods cannot be resized: nothing says only resources changed). */
  readonly hashWithoutImagesAndResources?: string;
  /** Regular (non-native) sidecar containers. */
  readonly containers: readonly string[];
  /** Init containers, including native sidecars (restartPolicy: Always). */
  readonly initContainers: readonly string[];
  readonly volumes: readonly string[];
  readonly imagePullSecrets: readonly string[];
  readonly labels: readonly string[];
  readonly annotations: readonly string[];
  /**
   * Digest of what the set added, images aside (injected-content.ts): the
   * proof that the named containers, volumes and metadata are still Tandem's.
   * Absent in records written before Tandem wrote it.
   */
  readonly contentHash?: string;
}

/**
 * The injection record stored in the pod annotation. Pod-level changes that
 * are not owned by one set are recorded once, so stripping restores the
 * user's original value (absent) rather than guessing.
 */
export interface InjectionRecord {
  readonly version: 1;
  readonly sets: Readonly<Record<string, SetRecord>>;
  /** Tandem turned shareProcessNamespace on; the pod did not set it. */
  readonly setShareProcessNamespace: boolean;
  /** Tandem added kubectl.kubernetes.io/default-container. */
  readonly setDefaultContainer: boolean;
}

/** Canonical JSON without empty lists or false flags: the annotation stays short and stable. */
export function serializeRecord(record: InjectionRecord): string {
  const sets = Object.fromEntries(
    Object.entries(record.sets).map(([name, set]) => [
      name,
      Object.fromEntries(Object.entries(set).filter(([, value]) => !Array.isArray(value) || value.length > 0)),
    ]),
  );
  return canonicalJson({
    version: record.version,
    sets,
    ...(record.setShareProcessNamespace ? { setShareProcessNamespace: true } : {}),
    ...(record.setDefaultContainer ? { setDefaultContainer: true } : {}),
  });
}

export type RecordParse =
  | { readonly ok: true; readonly record: InjectionRecord }
  | { readonly ok: false; readonly error: string };

/**
 * Reads a record written by this or an older Tandem. A record that cannot be
 * read is reported, never half-trusted: the caller leaves the pod as it is.
 */
export function parseRecord(text: string): RecordParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(value) || value.version !== 1 || !isObject(value.sets)) {
    return { ok: false, error: 'expected {"version":1,"sets":{...}}' };
  }
  // Set names come from the pod: a map with no prototype, so sets["constructor"] is only ever a recorded set.
  const sets = Object.create(null) as Record<string, SetRecord>;
  for (const [name, entry] of Object.entries(value.sets)) {
    const parsed = parseSetRecord(entry);
    if (parsed === undefined) return { ok: false, error: `sets.${name} is malformed` };
    sets[name] = parsed;
  }
  return {
    ok: true,
    record: {
      version: 1,
      sets,
      setShareProcessNamespace: value.setShareProcessNamespace === true,
      setDefaultContainer: value.setDefaultContainer === true,
    },
  };
}

function parseSetRecord(entry: unknown): SetRecord | undefined {
  if (!isObject(entry) || typeof entry.hash !== 'string' || typeof entry.hashWithoutImages !== 'string') {
    return undefined;
  }
  if (entry.contentHash !== undefined && typeof entry.contentHash !== 'string') return undefined;
  const lists = {
    containers: stringList(entry.containers),
    initContainers: stringList(entry.initContainers),
    volumes: stringList(entry.volumes),
    imagePullSecrets: stringList(entry.imagePullSecrets),
    labels: stringList(entry.labels),
    annotations: stringList(entry.annotations),
  };
  if (Object.values(lists).some((list) => list === undefined)) return undefined;
  const withoutResources = entry.hashWithoutImagesAndResources;
  if (withoutResources !== undefined && typeof withoutResources !== 'string') return undefined;
  return {
    hash: entry.hash,
    hashWithoutImages: entry.hashWithoutImages,
    ...(withoutResources !== undefined ? { hashWithoutImagesAndResources: withoutResources } : {}),
    ...(lists as Record<keyof typeof lists, string[]>),
    ...(entry.contentHash === undefined ? {} : { contentHash: entry.contentHash }),
  };
}

/** Absent lists were omitted as empty by serializeRecord; anything else but strings is malformed. */
function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
