import { Pair, Scalar, Schema, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { resolveGoScalar } from './go-yaml-scalar.ts';

/**
 * A YAML node for a JSON value, written so that every reader means the same
 * by it: kubectl (go-yaml v2, YAML 1.1 rules), YAML 1.2 parsers and other
 * YAML 1.1 parsers (sexagesimal numbers, timestamps). Scalars are nodes with
 * string values, as in a document parsed with the `failsafe` schema, so the
 * stringifier writes exactly the text chosen here: numbers in decimal
 * (bigints in full), and strings quoted whenever any of those readers would
 * read the plain text as something other than that string.
 */
export function createKubeNode(value: unknown): Node {
  if (value === null || value === undefined) return plain('null');
  if (typeof value === 'boolean') return plain(String(value));
  if (typeof value === 'bigint') return plain(value.toString());
  if (typeof value === 'number') return plain(numberText(value));
  if (typeof value === 'string') return stringScalar(value);
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const item of value) seq.items.push(createKubeNode(item));
    return seq;
  }
  const map = new YAMLMap();
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined) map.items.push(new Pair(stringScalar(key), createKubeNode(item)));
  }
  return map;
}

/** A key or string value: plain when every reader reads the plain text back as this string, else double-quoted. */
export function stringScalar(text: string): Scalar<string> {
  const scalar = new Scalar(text);
  scalar.type = isUnambiguousPlainString(text) ? 'PLAIN' : 'QUOTE_DOUBLE';
  return scalar;
}

function plain(text: string): Scalar<string> {
  const scalar = new Scalar(text);
  scalar.type = 'PLAIN';
  return scalar;
}

/** Shortest round-trip digits; -0 is written 0 (JSON has no negative zero either). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${String(value)} as YAML that kubectl reads`);
  return Object.is(value, -0) ? '0' : String(value);
}

const RESOLVING_TAGS = [...new Schema({ schema: 'core' }).tags, ...new Schema({ schema: 'yaml-1.1' }).tags].filter(
  (tag) => tag.default === true && tag.test !== undefined,
);

/**
 * True when the plain text is a string to go-yaml v2 (kubectl), to the YAML
 * 1.2 core schema and to the YAML 1.1 schema of the `yaml` package
 * (sexagesimal numbers, timestamps, underscores in numbers). `<<` would be a
 * merge key, so it is never plain.
 */
export function isUnambiguousPlainString(text: string): boolean {
  if (text === '<<') return false;
  const go = resolveGoScalar('', text);
  if (!go.ok || go.scalar.kind !== 'str') return false;
  return !RESOLVING_TAGS.some((tag) => tag.test?.test(text) === true);
}
