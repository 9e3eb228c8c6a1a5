// What kubectl reads from YAML, as operator/yaml/read-kube-value.ts models it.
// The expected values are what sigs.k8s.io/yaml v1.6.0's YAMLToJSON (the
// code kubectl 1.36 uses) printed for `k: TEXT`; the integration test
// test/integration/yaml/kubectl-oracle.test.ts checks the same model against
// the real kubectl on generated manifests.
import { describe, expect, it } from '@jest/globals';
import { ManifestError, parseYamlDocuments } from '../../../operator/manifest/yaml-documents.ts';

/** Go's json.Marshal of the value: bigints in full. */
function goJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? JSON.rawJSON(inner.toString()) : inner));
}

function read(text: string): unknown {
  const documents = parseYamlDocuments(text, 'in.yaml');
  expect(documents).toHaveLength(1);
  return documents[0]?.value;
}

function readError(text: string): string {
  try {
    parseYamlDocuments(text, 'in.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

/** [plain text, what kubectl makes of `k: TEXT` (JSON), or 'error'] */
const PLAIN_SCALARS: readonly (readonly [string, string])[] = [
  ['yes', 'true'],
  ['Yes', 'true'],
  ['YES', 'true'],
  ['y', 'true'],
  ['Y', 'true'],
  ['no', 'false'],
  ['No', 'false'],
  ['NO', 'false'],
  ['n', 'false'],
  ['N', 'false'],
  ['on', 'true'],
  ['On', 'true'],
  ['ON', 'true'],
  ['off', 'false'],
  ['Off', 'false'],
  ['OFF', 'false'],
  ['true', 'true'],
  ['True', 'true'],
  ['TRUE', 'true'],
  ['false', 'false'],
  ['False', 'false'],
  ['FALSE', 'false'],
  ['tRUE', '"tRUE"'],
  ['yES', '"yES"'],
  ['oN', '"oN"'],
  ['~', 'null'],
  ['null', 'null'],
  ['Null', 'null'],
  ['NULL', 'null'],
  ['nULL', '"nULL"'],
  ['0400', '256'],
  ['0644', '420'],
  ['0777', '511'],
  ['-0400', '-256'],
  ['0_400', '256'],
  ['0o17', '15'],
  ['0O17', '15'],
  ['0b101', '5'],
  ['0B11', '3'],
  ['-0b1', '-1'],
  ['+0b1', '1'],
  ['0x1F', '31'],
  ['0X1f', '31'],
  ['0x_ff', '255'],
  ['-0x10', '-16'],
  ['1_000', '1000'],
  ['1__0', '10'],
  ['1_000.5', '1000.5'],
  ['1.5', '1.5'],
  ['1e3', '1000'],
  ['1E3', '1000'],
  ['.5', '0.5'],
  ['+.5', '0.5'],
  ['1.', '1'],
  ['-0', '0'],
  ['0.0', '0'],
  ['1e400', '"1e400"'],
  ['1e-400', '0'],
  ['.5_5', '0.55'],
  ['._5', '"._5"'],
  ['6.02e+23', '6.02e+23'],
  ['.inf', 'error'],
  ['-.Inf', 'error'],
  ['+.INF', 'error'],
  ['.nan', 'error'],
  ['.NaN', 'error'],
  ['08', '8'],
  ['09', '9'],
  ['007', '7'],
  ['0', '0'],
  ['00', '0'],
  ['+1', '1'],
  ['9007199254740993', '9007199254740993'],
  ['9223372036854775807', '9223372036854775807'],
  ['9223372036854775808', '9223372036854775808'],
  ['-9223372036854775808', '-9223372036854775808'],
  ['-9223372036854775809', '-9223372036854776000'],
  ['18446744073709551615', '18446744073709551615'],
  ['18446744073709551616', '18446744073709552000'],
  ['123456789012345678901234567890', '1.2345678901234568e+29'],
  ['1:30', '"1:30"'],
  ['190:20:30', '"190:20:30"'],
  ['2001-12-14', '"2001-12-14"'],
  ['2001-12-14T21:59:43.10Z', '"2001-12-14T21:59:43.10Z"'],
  ['=', '"="'],
  ['0x', '"0x"'],
  ['0b', '"0b"'],
  ['0o', '"0o"'],
  ['.', '"."'],
  ['1.2.3', '"1.2.3"'],
  ['v1', '"v1"'],
];

describe('plain scalars, as go-yaml v2 resolves them', () => {
  it.each(PLAIN_SCALARS)('k: %s', (text, expected) => {
    if (expected === 'error') expect(readError(`k: ${text}\n`)).toMatch(/^in\.yaml: document 1: line 1: json: unsupported value/);
    else expect(goJson((read(`k: ${text}\n`) as { k: unknown }).k)).toBe(expected);
  });

  it.each(PLAIN_SCALARS.map(([text]) => text))('quoted, %s is a string', (text) => {
    expect(read(`a: "${text}"\nb: '${text}'\n`)).toEqual({ a: text, b: text });
  });

  it('keeps integers beyond 2^53 exact', () => {
    expect(read('a: 9007199254740993\nb: -9223372036854775808\nc: 18446744073709551615\n')).toEqual({
      a: 9007199254740993n,
      b: -9223372036854775808n,
      c: 18446744073709551615n,
    });
  });
});

describe('tags', () => {
  it.each([
    ['!!str 0400', '"0400"'],
    ['!!int "12"', '12'],
    ['!!int 0x1F', '31'],
    ['!!float 3', '3'],
    ['!!bool "yes"', 'true'],
    ['!!null ~', 'null'],
    ['! 0400', '"0400"'],
    ['!foo 0400', '"0400"'],
    ['!!binary aGVsbG8=', '"hello"'],
    ['!!timestamp 2001-12-14', '"2001-12-14"'],
  ])('k: %s', (text, expected) => {
    expect(goJson((read(`k: ${text}\n`) as { k: unknown }).k)).toBe(expected);
  });

  it.each([
    ['!!int abc', 'cannot decode !!str `abc` as a !!int'],
    ['!!bool 1', 'cannot decode !!int `1` as a !!bool'],
    ['!!float 18446744073709551615', 'cannot decode !!int `18446744073709551615` as a !!float'],
    ['!!binary "not base64!"', '!!binary value contains invalid base64 data'],
  ])('k: %s is refused as kubectl refuses it', (text, message) => {
    expect(readError(`a: 1\nk: ${text}\n`)).toBe(`in.yaml: document 1: line 2: ${message}`);
  });

  it('block scalars are strings', () => {
    expect(read('a: |\n  0400\nb: >\n  yes\n')).toEqual({ a: '0400\n', b: 'yes\n' });
  });
});

describe('map keys, as sigs.k8s.io/yaml turns them into JSON keys', () => {
  it('formats non-string keys as Go does (floats as float32, booleans by value)', () => {
    const value = read('{1.0: a, 1000000.0: b, yes: c, 0644: d, 1.5e10: e, 0.00001: f, n: g, 0.1: h, 123456.0: i}\n');
    expect(Object.keys(value as object).sort()).toEqual(['0.1', '1', '1.5e+10', '123456', '1e+06', '1e-05', '420', 'false', 'true'].sort());
  });

  it('takes the last of duplicate keys, as kubectl does', () => {
    expect(read('k: a\nk: b\n')).toEqual({ k: 'b' });
    expect(read('yes: a\ntrue: b\n')).toEqual({ true: 'b' });
  });

  it('refuses different keys that become the same JSON key: kubectl would keep either one at random', () => {
    expect(readError('1: a\n"1": b\n')).toMatch(/map keys 1 \(int\) and "1" both become "1" in JSON/);
  });

  it.each([
    ['~: v', 'unsupported map key of type: <nil>'],
    ['18446744073709551615: v', 'unsupported map key of type: uint64'],
    ['? [1]\n: v', 'invalid map key'],
  ])('refuses %j', (text, message) => {
    expect(readError(`${text}\n`)).toContain(message);
  });

  it('keeps __proto__ and other Object.prototype names as own keys', () => {
    const value = read('__proto__: a\nconstructor: b\ntoString: c\n') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe('a');
  });
});

describe('merge keys and aliases, as go-yaml v2 applies them', () => {
  it('merges in order: a merged key overwrites one written before the <<, one written after wins', () => {
    expect(read('base: &b {p: 1, q: 2}\nm:\n  p: 0\n  <<: *b\n  q: 3\n')).toEqual({ base: { p: 1, q: 2 }, m: { p: 1, q: 3 } });
  });

  it('in a list of maps, the first one wins', () => {
    expect(read('a: &a {p: 1}\nb: &b {p: 2, q: 2}\nm:\n  <<: [*a, *b]\n')).toEqual({ a: { p: 1 }, b: { p: 2, q: 2 }, m: { p: 1, q: 2 } });
  });

  it('a quoted "<<" is an ordinary key', () => {
    expect(read('m:\n  "<<": {p: 1}\n')).toEqual({ m: { '<<': { p: 1 } } });
  });

  it('refuses a merge of something that is not a map', () => {
    expect(readError('a: &a [1]\nm:\n  <<: *a\n')).toContain('map merge requires map or sequence of maps as the value');
  });

  it('an alias names the last anchor of that name before it', () => {
    expect(read('a: &x 1\nb: *x\nc: &x 2\nd: *x\n')).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });

  it('names the document and line of an alias to an anchor defined after it', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\n---\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  volumeClaimTemplates:\n    - metadata:\n        labels: *l\n  template:\n    metadata:\n      labels: &l {app: db}\n';
    expect(readError(text)).toBe("in.yaml: document 2: line 9: unknown anchor 'l' referenced");
  });

  it('refuses an alias inside the node it names', () => {
    expect(readError('a: &a [1, *a]\n')).toContain("anchor 'a' value contains itself");
  });

  it('refuses an alias bomb, as go-yaml does', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) lines.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(', ')}]`);
    expect(readError(`${lines.join('\n')}\n`)).toContain('document contains excessive aliasing');
  });
});

describe('what kubectl refuses in a stream', () => {
  it('an escape libyaml does not know', () => {
    expect(readError('a: 1\nk: "a\\/b"\n')).toMatch(/line 2: found unknown escape character \\\//);
  });

  it('content on the line of a document separator', () => {
    expect(readError('a: 1\n--- {b: 2}\n')).toMatch(/document 2: line 2: kubectl refuses content on the same line as a document separator/);
  });

  it('a document declaring YAML 1.2', () => {
    expect(readError('%YAML 1.2\n---\na: 1\n')).toContain('declares %YAML 1.2; kubectl reads only YAML 1.1');
  });

  it('accepts a comment after a separator', () => {
    expect(parseYamlDocuments('a: 1\n--- # next\nb: 2\n', 'in.yaml').map((document) => document.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('nesting', () => {
  const flow = (depth: number): string => `k: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;

  it('reads 400 nested flow collections', () => {
    expect(parseYamlDocuments(flow(400), 'in.yaml')).toHaveLength(1);
  });

  it.each([501, 20_000, 100_000])('refuses %i nested flow collections, naming file and document, without overflowing the stack', (depth) => {
    expect(readError(`a: 1\n---\n${flow(depth)}`)).toMatch(/^in\.yaml: document 2: line 3: collections nest deeper than 500 levels/);
  });

  it('refuses 20,000 nested block maps the same way', () => {
    const lines = Array.from({ length: 20_000 }, (_, level) => `${' '.repeat(level)}a:`);
    expect(readError(`${lines.join('\n')} 1\n`)).toMatch(/^in\.yaml: document 1: line \d+: collections nest deeper than 500 levels/);
  });

  it('refuses aliases that nest values deeper than 500 levels', () => {
    const lines = ['a0: &a0 [[[[[[[[[[x]]]]]]]]]]'];
    for (let level = 1; level < 60; level++) lines.push(`a${level}: &a${level} [[[[[[[[[[*a${level - 1}]]]]]]]]]]`);
    expect(readError(`${lines.join('\n')}\n`)).toContain('values nest deeper than 500 levels');
  });
});

describe('the stream around the documents', () => {
  it('keeps every byte: leading comments, separators, comment-only and empty documents', () => {
    const text = '# leading\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap # trailing\n---\n---\n# between\n---\nkind: Secret\n...\n# after the end\n';
    const documents = parseYamlDocuments(text, 'in.yaml');
    expect(documents.map((document) => document.value)).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap' }, { kind: 'Secret' }]);
    expect(documents.map((document) => document.source).join('')).toBe(text);
    expect(documents.map((document) => document.index)).toEqual([1, 2]);
  });
});
