// Waiting in tests, for every kind of test: one poll loop, three faces.
// State the code under test publishes asynchronously (a watch, a process's
// log, a controller's status) is polled; timing is never asserted.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Thrown by a check to stop waiting at once (the thing waited for can no longer happen, e.g. its process exited). */
export class StopWaiting extends Error {}

interface Polled<T> {
  readonly value: T | undefined;
  readonly accepted: boolean;
  readonly error: unknown;
}

/** The one poll loop: calls `check` every `everyMs` until `accept` holds or `timeoutMs` passed; a throwing check counts as not yet, unless it throws StopWaiting. */
async function poll<T>(check: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs: number, everyMs: number): Promise<Polled<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: Polled<T> = { value: undefined, accepted: false, error: undefined };
  for (;;) {
    try {
      const value = await check();
      last = { value, accepted: accept(value), error: undefined };
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      last = { value: last.value, accepted: false, error };
    }
    if (last.accepted || Date.now() >= deadline) return last;
    await sleep(everyMs);
  }
}

/** Polls until `accept` likes the value, then returns it; after `timeoutMs`, returns the last one, for the test to assert on. */
export async function eventually<T>(check: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const polled = await poll(check, accept, timeoutMs, everyMs);
  if (!polled.accepted && polled.value === undefined) throw polled.error instanceof Error ? polled.error : new Error(String(polled.error));
  return polled.value as T;
}

/** Polls until `check` returns a defined value and returns it; throws naming `what` (and the last error) after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const polled = await poll(check, (value) => value !== undefined, timeoutMs, everyMs);
  if (polled.accepted) return polled.value as T;
  const cause = polled.error instanceof Error ? `: ${polled.error.message}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
}

/** Polls a condition every 10 ms; throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what = 'the condition', timeoutMs = 5_000): Promise<void> {
  await waitFor(what, () => (condition() ? true : undefined), timeoutMs, 10);
}
