const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000 };

/** "250ms", "2s", "1.5m" -> milliseconds. Throws on anything else; the schema has already checked the shape. */
export function parseDuration(text: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m)$/.exec(text);
  const unit = match?.[2];
  if (match?.[1] === undefined || unit === undefined) throw new Error(`"${text}" is not a duration like 250ms, 2s or 1m`);
  return Math.round(Number(match[1]) * (UNIT_MS[unit] ?? 1));
}
