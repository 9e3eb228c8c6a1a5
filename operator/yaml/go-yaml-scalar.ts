/**
 * What one YAML scalar means to kubectl. kubectl reads YAML with
 * sigs.k8s.io/yaml, which decodes with go-yaml v2 (go.yaml.in/yaml/v2,
 * resolve.go) into interface{} values: YAML 1.1 scalar rules as go-yaml
 * implements them, which are neither YAML 1.2 nor the `yaml` package's 1.1
 * schema. Where they differ from that schema: no sexagesimal numbers
 * (`1:30` stays a string), timestamps stay strings, `0o17`, `0B101` and `0X1F`
 * are integers (Go's base-0 integer syntax), integers beyond 64 bits become
 * floats, a float that overflows (`1e400`) stays a string, `.` stays a string.
 */

export const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';
const STR = `${YAML_TAG_PREFIX}str`;
const BOOL = `${YAML_TAG_PREFIX}bool`;
const INT = `${YAML_TAG_PREFIX}int`;
const FLOAT = `${YAML_TAG_PREFIX}float`;
const NULL = `${YAML_TAG_PREFIX}null`;
const TIMESTAMP = `${YAML_TAG_PREFIX}timestamp`;
export const BINARY_TAG = `${YAML_TAG_PREFIX}binary`;
export const MERGE_TAG = `${YAML_TAG_PREFIX}merge`;

/** A resolved scalar, keeping go-yaml's int/float distinction (map keys are formatted by it). */
export type GoScalar =
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null'; readonly value: null }
  /** A 64-bit integer: a number when it is exact as one, else a bigint. */
  | { readonly kind: 'int'; readonly value: number | bigint; readonly unsigned: boolean }
  /** May be NaN or infinite (.nan, .inf), which kubectl cannot turn into JSON. */
  | { readonly kind: 'float'; readonly value: number };

export type GoScalarResult = { readonly ok: true; readonly scalar: GoScalar } | { readonly ok: false; readonly error: string };

/** Tags go-yaml resolves (resolvableTag); every other tag leaves the text a string. */
const RESOLVABLE = new Set(['', STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);

const WORDS = new Map<string, GoScalar>();
for (const word of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) WORDS.set(word, { kind: 'bool', value: true });
for (const word of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) WORDS.set(word, { kind: 'bool', value: false });
for (const word of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(word, { kind: 'null', value: null });
for (const word of ['.nan', '.NaN', '.NAN']) WORDS.set(word, { kind: 'float', value: Number.NaN });
for (const word of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) WORDS.set(word, { kind: 'float', value: Number.POSITIVE_INFINITY });
for (const word of ['-.inf', '-.Inf', '-.INF']) WORDS.set(word, { kind: 'float', value: Number.NEGATIVE_INFINITY });

/** go-yaml's yamlStyleFloat, matched against the text without underscores. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's strconv.ParseFloat syntax for a text starting with '.' (underscores only between digits). */
const DOT_FLOAT = /^\.[0-9]+(_[0-9]+)*([eE][-+]?[0-9]+(_[0-9]+)*)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_LIMIT = 2n ** 64n;

/**
 * go-yaml's resolve(tag, text): `tag` is '' for an untagged plain scalar or
 * a long tag (`tag:yaml.org,2002:int`). Fails as go-yaml fails ("cannot
 * decode !!str `abc` as a !!int").
 */
export function resolveGoScalar(tag: string, text: string): GoScalarResult {
  if (!RESOLVABLE.has(tag)) return { ok: true, scalar: { kind: 'str', value: text } };
  const resolved = tag === STR ? ({ kind: 'str', value: text } as const) : resolveImplicit(tag, text);
  if (tag === '' || tag === STR || tag === `${YAML_TAG_PREFIX}${resolved.kind}`) return { ok: true, scalar: resolved };
  if (tag === TIMESTAMP && resolved.kind === 'str' && isGoTimestamp(text)) return { ok: true, scalar: resolved };
  if (tag === FLOAT && resolved.kind === 'int' && !resolved.unsigned) {
    return { ok: true, scalar: { kind: 'float', value: Number(resolved.value) } };
  }
  return { ok: false, error: `cannot decode !!${resolved.kind} \`${text}\` as a !!${tag.slice(YAML_TAG_PREFIX.length)}` };
}

function resolveImplicit(tag: string, text: string): GoScalar {
  const hint = text === '' ? 'N' : hintOf(text.charCodeAt(0));
  const string: GoScalar = { kind: 'str', value: text };
  if (hint === undefined) return string;
  const word = WORDS.get(text);
  if (word !== undefined) return word;
  if (hint === '.') return resolveDotFloat(text) ?? string;
  if (hint !== 'D' && hint !== 'S') return string;
  // A timestamp (only tried untagged or !!timestamp) stays its text when decoded into interface{}.
  if ((tag === '' || tag === TIMESTAMP) && isGoTimestamp(text)) return string;
  return resolveNumber(text.replaceAll('_', '')) ?? string;
}

/** strconv.ParseFloat on a text starting with '.'; undefined when it is not a float (or overflows). */
function resolveDotFloat(text: string): GoScalar | undefined {
  if (!DOT_FLOAT.test(text)) return undefined;
  const value = Number(text.replaceAll('_', ''));
  return Number.isFinite(value) ? { kind: 'float', value } : undefined;
}

/** ParseInt, then ParseUint, then a YAML-style float, on the text without underscores. */
function resolveNumber(plain: string): GoScalar | undefined {
  const signed = parseGoInt(plain);
  if (signed !== undefined) return integer(signed, false);
  const unsigned = parseGoUint(plain);
  if (unsigned !== undefined) return integer(unsigned, true);
  if (!YAML_STYLE_FLOAT.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? { kind: 'float', value } : undefined;
}

function integer(value: bigint, unsigned: boolean): GoScalar {
  const exact = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
  return { kind: 'int', value: exact ? Number(value) : value, unsigned };
}

/** go-yaml's resolve table: which first characters may start something other than a string. */
function hintOf(code: number): 'S' | 'D' | 'M' | '.' | undefined {
  if (code === 43 || code === 45) return 'S';
  if (code >= 48 && code <= 57) return 'D';
  if (code === 46) return '.';
  return 'yYnNtTfFoO~'.includes(String.fromCharCode(code)) ? 'M' : undefined;
}

/** strconv.ParseInt(text, 0, 64). */
export function parseGoInt(text: string): bigint | undefined {
  const negative = text.startsWith('-');
  const magnitude = parseGoUint(negative || text.startsWith('+') ? text.slice(1) : text);
  if (magnitude === undefined) return undefined;
  const value = negative ? -magnitude : magnitude;
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** strconv.ParseUint(text, 0, 64): Go's prefixes 0x, 0o, 0b (either case) and a leading 0 for octal; no sign. */
export function parseGoUint(text: string): bigint | undefined {
  if (text === '') return undefined;
  const { base, digits } = goBase(text);
  let value = 0n;
  for (const character of digits) {
    const digit = Number.parseInt(character, 16);
    if (Number.isNaN(digit) || digit >= base) return undefined;
    value = value * BigInt(base) + BigInt(digit);
    if (value >= UINT64_LIMIT) return undefined;
  }
  return value;
}

/** strconv's base 0: 0b, 0o, 0x (three characters at least), a leading 0 means octal, else decimal. */
function goBase(text: string): { readonly base: number; readonly digits: string } {
  if (!text.startsWith('0')) return { base: 10, digits: text };
  const prefix = text.length >= 3 ? text.charAt(1).toLowerCase() : '';
  const bases: Readonly<Record<string, number>> = { b: 2, o: 8, x: 16 };
  const base = bases[prefix];
  return base === undefined ? { base: 8, digits: text.slice(1) } : { base, digits: text.slice(2) };
}

/** go-yaml's parseTimestamp formats: 2006-1-2, with T/t and a zone, or with a space and no zone. */
const GO_TIMESTAMP =
  /^(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})(?:[Tt](?<time>\d{1,2}:\d{1,2}:\d{1,2})(?:\.\d{1,9})?(?:Z|[-+]\d{2}:\d{2})| (?<spaced>\d{1,2}:\d{1,2}:\d{1,2})(?:\.\d{1,9})?)?$/;

function isGoTimestamp(text: string): boolean {
  const groups = GO_TIMESTAMP.exec(text)?.groups;
  if (groups === undefined) return false;
  const [year, month, day] = [groups.year, groups.month, groups.day].map(Number) as [number, number, number];
  const [hour, minute, second] = (groups.time ?? groups.spaced ?? '0:0:0').split(':').map(Number) as [number, number, number];
  return isDate(year, month, day) && hour < 24 && minute < 60 && second < 60;
}

function isDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * How sigs.k8s.io/yaml turns a resolved map key into a JSON key, or why it
 * cannot: floats through strconv.FormatFloat(f, 'g', -1, 32), booleans as
 * "true"/"false", null and uint64 keys are refused.
 */
export function goMapKey(key: GoScalar): { readonly ok: true; readonly key: string } | { readonly ok: false; readonly error: string } {
  switch (key.kind) {
    case 'str':
      return { ok: true, key: key.value };
    case 'bool':
      return { ok: true, key: String(key.value) };
    case 'int':
      return key.unsigned ? { ok: false, error: `unsupported map key of type: uint64, key: ${String(key.value)}` } : { ok: true, key: String(key.value) };
    case 'float':
      return { ok: true, key: formatFloat32G(key.value) };
    case 'null':
      return { ok: false, error: 'unsupported map key of type: <nil>' };
  }
}

/** strconv.FormatFloat(value, 'g', -1, 32), with go-yaml's names for the special values. */
export function formatFloat32G(value: number): string {
  const single = Math.fround(value);
  if (Number.isNaN(single)) return '.nan';
  if (!Number.isFinite(single)) return single > 0 ? '.inf' : '-.inf';
  if (single === 0) return Object.is(single, -0) ? '-0' : '0';
  const [mantissa = '', exponentText = '0'] = shortestFloat32(single).split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  // 'g' with the shortest digits: %e when the exponent is below -4 or at least 6 (Go's eprec for shortest).
  return `${sign}${exponent < -4 || exponent >= 6 ? exponentForm(digits, exponent) : decimalForm(digits, exponent)}`;
}

function exponentForm(digits: string, exponent: number): string {
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${digits.charAt(0)}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function decimalForm(digits: string, exponent: number): string {
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  const fraction = digits.slice(exponent + 1);
  return `${digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')}${fraction === '' ? '' : `.${fraction}`}`;
}

/** The fewest decimal digits (in exponential notation) that read back as the same float32. */
function shortestFloat32(single: number): string {
  for (let precision = 1; precision < 9; precision++) {
    const candidate = single.toExponential(precision - 1);
    if (Math.fround(Number(candidate)) === single) return candidate;
  }
  return single.toExponential(8);
}
