// The proxy stand-in's log (test/images/proxy-stand-in/events.go): one JSON
// object per line, {"time":RFC 3339 with nanoseconds,"event":name,...}.
// Other lines (a kubectl message) are not events and are left out.

export interface ProxyEvent {
  readonly time: string;
  readonly event: string;
  readonly [field: string]: unknown;
}

function isEvent(value: unknown): value is ProxyEvent {
  const fields = value as Partial<ProxyEvent> | null;
  return typeof fields?.event === 'string' && typeof fields.time === 'string';
}

export function proxyEvents(log: string): ProxyEvent[] {
  return log.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    const parsed: unknown = JSON.parse(line);
    return isEvent(parsed) ? [parsed] : [];
  });
}

/** The first event named `name` for which `match` holds; throws with the log when there is none. */
export function firstEvent(events: readonly ProxyEvent[], name: string, match: (event: ProxyEvent) => boolean = () => true): ProxyEvent {
  const found = events.find((event) => event.event === name && match(event));
  if (found === undefined) throw new Error(`no "${name}" event in the proxy's log:\n${events.map((event) => JSON.stringify(event)).join('\n')}`);
  return found;
}

/** Milliseconds since 1970 of an event (the nanoseconds beyond milliseconds dropped). */
export function eventMs(event: ProxyEvent): number {
  return Date.parse(event.time);
}
