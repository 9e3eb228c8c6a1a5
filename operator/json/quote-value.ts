/** How much of a value a message quotes: enough to recognise it, never enough to make an answer large. */
export const MAX_QUOTED_CHARACTERS = 64;

/**
 * A value as messages, warnings, denials and logs quote it: JSON for short
 * strings, numbers, booleans and null; a string longer than `max` cut with
 * "..." and its length (`"xxxx..." (1048576 characters)`); objects and lists
 * by their kind and size only. Never recurses into the value, so a value
 * nested 100,000 levels deep costs nothing to describe.
 */
export function quoteValue(value: unknown, max: number = MAX_QUOTED_CHARACTERS): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') {
    if (value.length <= max) return JSON.stringify(value);
    return `${JSON.stringify(`${value.slice(0, max)}...`)} (${value.length} characters)`;
  }
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'bigint') return value.toString();
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

/** A key or name for a message: as it is, or cut with "..." and its length when longer than `max`. */
export function quoteKey(key: string, max: number = MAX_QUOTED_CHARACTERS * 2): string {
  return key.length <= max ? key : `${key.slice(0, max)}... (${key.length} characters)`;
}
