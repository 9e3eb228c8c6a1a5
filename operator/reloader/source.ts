// What the reloader needs from a source, whatever it watches. A source keeps
// its last good value when the thing it watches becomes unreachable, and says
// so in its status, so readiness can report it while the files stay as they are.
import { isDeepStrictEqual } from 'node:util';
import type { KeyValues } from './template-engine.ts';

/** One Ready backend of a Service; address is host:port (IPv6 in brackets). */
export interface Endpoint {
  readonly address: string;
  readonly ip: string;
  readonly port: number;
  readonly hostname?: string;
  readonly nodeName?: string;
  readonly zone?: string;
  /** Name of the targetRef (usually the pod). */
  readonly target?: string;
}

export type SourceValue = KeyValues | readonly Endpoint[];

export interface SourceStatus {
  /** A first value was read. */
  readonly synced: boolean;
  /** The last attempt to read or watch succeeded. */
  readonly healthy: boolean;
  /** Why it is not healthy. */
  readonly error?: string;
}

export interface Source {
  readonly name: string;
  /** Undefined until synced. */
  value(): SourceValue | undefined;
  status(): SourceStatus;
  stop(): Promise<void>;
}

/** How a source reports to the reloader. */
export interface SourceListener {
  /** The value changed (never called with an equal value). */
  onChange(source: string): void;
  /** Reading or watching failed; the last value stays. */
  onError(source: string, error: unknown): void;
}

// Property signatures (not methods): the functions are passed around unbound.
export interface SourceState {
  readonly value: () => SourceValue | undefined;
  readonly status: () => SourceStatus;
  /** Stores a value read successfully; notifies only when it differs from the last one. */
  readonly set: (value: SourceValue) => void;
  readonly fail: (error: unknown) => void;
  /** The connection is back, nothing new read yet. */
  readonly healthy: () => void;
}

/** The bookkeeping every source shares. */
export function createSourceState(name: string, listener: SourceListener): SourceState {
  let current: SourceValue | undefined;
  let error: string | undefined;
  return {
    value: () => current,
    status: () => ({ synced: current !== undefined, healthy: error === undefined, ...(error !== undefined ? { error } : {}) }),
    set: (value) => {
      error = undefined;
      if (current !== undefined && isDeepStrictEqual(current, value)) return;
      current = value;
      listener.onChange(name);
    },
    fail: (cause) => {
      error = cause instanceof Error ? cause.message : String(cause);
      listener.onError(name, cause);
    },
    healthy: () => {
      error = undefined;
    },
  };
}
