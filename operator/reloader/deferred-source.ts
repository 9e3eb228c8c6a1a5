// A source whose client is still loading (the Kubernetes access of a source
// that a live configuration change added to a reloader started without any):
// not read yet until it is open, then the real source; a failure to open is
// reported like a watch error.
import type { Source, SourceListener } from './source.ts';

export function deferredSource(name: string, opening: Promise<Source>, listener: SourceListener): Source {
  let source: Source | undefined;
  let error: string | undefined;
  const opened = opening.then(
    (value) => {
      source = value;
      return value;
    },
    (cause: unknown) => {
      error = cause instanceof Error ? cause.message : String(cause);
      listener.onError(name, cause);
      return undefined;
    },
  );
  return {
    name,
    value: () => source?.value(),
    status: () => source?.status() ?? { synced: false, healthy: error === undefined, ...(error !== undefined ? { error } : {}) },
    stop: async () => {
      await (await opened)?.stop();
    },
  };
}
