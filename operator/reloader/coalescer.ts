// consul-template's wait {min, max}: run once no trigger came for minMs, but
// never later than maxMs after the first trigger of a burst, so a steady
// stream of changes cannot postpone the reload forever. Runs never overlap:
// a trigger during a run starts a new burst that runs after it.

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

export interface CoalescerOptions {
  readonly minMs: number;
  readonly maxMs: number;
  readonly run: () => Promise<void>;
  readonly clock?: Clock;
}

export interface Coalescer {
  trigger(): void;
  /** Runs now if a burst is waiting, and resolves when nothing is running. */
  flush(): Promise<void>;
  /** Cancels a waiting burst; resolves after a running one ends. */
  stop(): Promise<void>;
}

export function createCoalescer(options: CoalescerOptions): Coalescer {
  const clock = options.clock ?? systemClock;
  let burstStart: number | undefined;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = (): void => {
    if (burstStart === undefined || running !== undefined || stopped) return;
    clock.clearTimeout(timer);
    const now = clock.now();
    const at = Math.min(now + options.minMs, burstStart + options.maxMs);
    timer = clock.setTimeout(fire, Math.max(0, at - now));
  };
  const fire = (): void => {
    clock.clearTimeout(timer);
    timer = undefined;
    if (burstStart === undefined || running !== undefined || stopped) return;
    burstStart = undefined;
    // run() reports its own failures; a rejection must not become an unhandled one.
    running = options.run().catch(() => undefined).finally(() => {
      running = undefined;
      schedule();
    });
  };

  return {
    trigger: () => {
      burstStart ??= clock.now();
      schedule();
    },
    flush: async () => {
      while (running !== undefined || burstStart !== undefined) {
        if (running === undefined) fire();
        await running;
      }
    },
    stop: async () => {
      stopped = true;
      clock.clearTimeout(timer);
      burstStart = undefined;
      await running;
    },
  };
}
