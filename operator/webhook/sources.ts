import type { SidecarSet } from '../api/sidecar-set.ts';

// The webhook's view of the world, as narrow interfaces: the cluster sources
// implement them with reflectors, file-sidecar-set-source.ts and
// static-namespace-source.ts from files and flags, tests with plain objects. Reads are synchronous and cheap (served from
// memory) because they sit on the admission hot path.

export interface SidecarSetSource {
  /**
   * Every valid SidecarSet known right now; invalid ones were already logged
   * and left out. Contract: neither the returned array nor the sets in it are
   * ever mutated; a change yields a new array of new objects. The injection
   * engine caches hashes and sort order per object on that promise.
   */
  list(): readonly SidecarSet[];
  /** True once the initial list has been loaded; until then admissions are answered 503. */
  synced(): boolean;
}

export interface NamespaceSource {
  /** The namespace's labels, or undefined when the namespace is not known (yet). */
  labelsOf(name: string): Readonly<Record<string, string>> | undefined;
  synced(): boolean;
  /**
   * Optional: the labels as soon as the namespace is known, or undefined
   * after `timeoutMs`. A watch-based source can lag behind the API server: a
   * pod created right after its namespace (`kubectl create ns x && kubectl
   * run -n x ...`) may arrive first. Never rejects.
   */
  waitFor?(name: string, timeoutMs: number): Promise<Readonly<Record<string, string>> | undefined>;
}
