// Generated multi-document manifests full of what YAML 1.1 and 1.2 readers
// disagree on: booleans in all their spellings, octal and binary integers,
// underscores, integers beyond 2^53, floats, sexagesimal and timestamp-like
// strings, merge keys, anchors and aliases, flow style, comments, leading
// comments, comment-only and empty documents, JSON documents. Workloads only
// use such values where the typed API accepts them (strings in string
// fields, integer forms in integer fields), so kubectl decodes them; a
// `Tricky` kind (unknown to kubectl, so read as unstructured) carries them
// anywhere, keys included. Used by the in-process property test
// (test/unit/cli/inject-yaml-property.test.ts) and the kubectl oracle
// (test/integration/yaml/kubectl-oracle.test.ts).
import fc from 'fast-check';
import type { WorkloadInjectionContext } from '../../../../operator/injection/inject-workload.ts';
import { parseSidecarSetDocuments } from '../../../../operator/api/sidecar-set-documents.ts';

/** Texts that mean something else than a string to some YAML reader (or look like it). */
export const TRICKY_TEXTS: readonly string[] = [
  'yes', 'Yes', 'YES', 'y', 'Y', 'no', 'No', 'NO', 'n', 'N', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'true', 'True', 'FALSE', 'tRUE', '~', 'null', 'Null', 'NULL', 'nULL',
  '0400', '0644', '0777', '-0400', '0_400', '0o17', '0O17', '0b101', '0B11', '-0b1', '0x1F', '0X1f', '0x_ff',
  '1_000', '1__0', '1_000.5', '1.5', '1e3', '1E3', '.5', '+.5', '1.', '-0', '0.0', '1e400', '1e-400', '.5_5', '6.02e+23',
  '08', '09', '007', '0', '+1', '9007199254740993', '9223372036854775807', '-9223372036854775808', '18446744073709551615',
  '123456789012345678901234567890', '1:30', '190:20:30', '2001-12-14', '2001-12-14T21:59:43.10Z', '2001-12-14 21:59:43.10',
  '=', '0x', '0b', '0o', '.', '1.2.3', 'v1', '<<', '- x', 'a: b', '# no', "it's", 'say "hi"', 'tab\there', 'line\nbreak', '',
  'ünïcode', 'a/b', '@at', '`tick', '%percent', '*star', '&amp', '!bang', '[x]', '{y}', ',comma', '?q', '|pipe', '>gt',
];

/** Plain integer forms for integer fields: every one is an integer to kubectl. */
export const INTEGER_TEXTS: readonly string[] = ['0400', '0644', '0o644', '420', '0x1A4', '0b110100100', '1_0', '+7', '0', '1e1', '30.0', '0777'];
/** Beyond 2^53, for int64 fields. */
export const BIG_INTEGER_TEXTS: readonly string[] = ['9007199254740993', '9223372036854775807', '4611686018427387905'];

/** Map keys for Tricky documents, with the JSON key kubectl makes of each (so a generated map never has two keys that collide). */
const KEYS: readonly { readonly text: string; readonly json: string }[] = [
  { text: 'yes', json: 'true' }, { text: 'off', json: 'false' }, { text: '0644', json: '420' }, { text: '0x1F', json: '31' },
  { text: '1_000', json: '1000' }, { text: '"yes"', json: 'yes' }, { text: "'0644'", json: '0644' }, { text: 'plain', json: 'plain' },
  { text: '"1:30"', json: '1:30' }, { text: '__proto__', json: '__proto__' }, { text: 'constructor', json: 'constructor' },
  { text: 'toString', json: 'toString' }, { text: '"a b"', json: 'a b' }, { text: 'key.with/slash', json: 'key.with/slash' },
  { text: '2001-12-14', json: '2001-12-14' }, { text: '1.5', json: '1.5' },
];

const WORD = /^[A-Za-z][A-Za-z0-9]*$/;

function doubleQuoted(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n').replaceAll('\t', '\\t')}"`;
}

function singleQuoted(text: string): string {
  return text.includes('\n') || text.includes('\t') ? doubleQuoted(text) : `'${text.replaceAll("'", "''")}'`;
}

/** A text that plain YAML syntax can hold on one line (whatever it then means). */
function plainable(text: string): boolean {
  return /^[A-Za-z0-9_.~+=-][A-Za-z0-9_.:~+=/ -]*$/.test(text) && !/[:#] |\s$|: ?$/.test(text) && text !== '-' && !text.startsWith('- ');
}

/** A string scalar written so it stays a string to every reader: quoted, or plain when it is a plain word. */
const stringScalar = (text: string): fc.Arbitrary<string> =>
  WORD.test(text) && !TRICKY_TEXTS.includes(text) ? fc.constantFrom(text, doubleQuoted(text), singleQuoted(text)) : fc.constantFrom(doubleQuoted(text), singleQuoted(text));

/** Any scalar, in any style: what it means is up to the reader. */
const anyScalar: fc.Arbitrary<string> = fc
  .constantFrom(...TRICKY_TEXTS)
  .chain((text) => (plainable(text) ? fc.constantFrom(text, doubleQuoted(text), singleQuoted(text)) : fc.constantFrom(doubleQuoted(text), singleQuoted(text))));

const comment: fc.Arbitrary<string> = fc.constantFrom('', '', '', ' # a comment', ' # yes: 0400');

interface Tree {
  /** Block lines, unindented; a scalar or flow collection is one line. */
  readonly lines: () => string[];
  readonly flow: () => string;
  /** Written as block lines, so it must start on the line after its key. */
  readonly block: boolean;
}

function scalarTree(text: string): Tree {
  return { lines: () => [text], flow: () => text, block: false };
}

/** Explicitly tagged scalars, which go-yaml resolves (or not) by their tag. */
const TAGGED: readonly string[] = ['!!str 0400', '!!int "0x1F"', '!!float 3', '! yes', '!custom 0644', '!!binary aGVsbG8=', '!!bool "on"', '!!null ~'];

/** Nested maps and lists of tricky scalars, aliases to the anchors `base` (a map) and `list`, and merge keys. */
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree; map: Tree; seq: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyScalar.map(scalarTree),
    fc.constantFrom(...TAGGED).map(scalarTree),
    fc.constantFrom('*list', '*base').map(scalarTree),
    tie('map'),
    tie('seq'),
  ),
  map: fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...KEYS), { selector: (key) => key.json, minLength: 1, maxLength: 4 }),
      fc.array(tie('tree'), { minLength: 4, maxLength: 4 }),
      fc.constantFrom('none', 'before', 'after'),
      fc.boolean(),
      comment,
    )
    .map(([keys, values, merge, flow, note]) => mapTree(keys.map((key, index) => [key.text, values[index] as Tree] as const), merge, flow, note)),
  seq: fc
    .tuple(fc.array(tie('tree'), { minLength: 0, maxLength: 3 }), fc.boolean())
    .map(([items, flow]) => seqTree(items, flow)),
})).tree;

function mapTree(entries: readonly (readonly [string, Tree])[], merge: string, flow: boolean, note: string): Tree {
  const all = merge === 'before' ? [['<<', scalarTree('*base')] as const, ...entries] : merge === 'after' ? [...entries, ['<<', scalarTree('*base')] as const] : entries;
  const inline = (): string => `{${all.map(([key, value]) => `${key}: ${value.flow()}`).join(', ')}}`;
  return {
    flow: inline,
    block: !flow,
    lines: () =>
      flow
        ? [inline()]
        : all.flatMap(([key, value], index) => {
            const suffix = index === 0 ? note : '';
            if (!value.block) return [`${key}: ${value.lines()[0] ?? ''}${suffix}`];
            return [`${key}:${suffix}`, ...value.lines().map((line) => `  ${line}`)];
          }),
  };
}

function seqTree(items: readonly Tree[], flow: boolean): Tree {
  const inline = (): string => `[${items.map((item) => item.flow()).join(', ')}]`;
  const block = !flow && items.length > 0;
  return {
    flow: inline,
    block,
    lines: () =>
      block
        ? items.flatMap((item) => {
            const inner = item.lines();
            return [`- ${inner[0] ?? ''}`, ...inner.slice(1).map((line) => `  ${line}`)];
          })
        : [inline()],
  };
}

function indented(tree: Tree, indent: string): string {
  return tree.lines().map((line) => `${indent}${line}`).join('\n');
}

/** A document of an unknown kind: kubectl reads it unstructured, so any value goes anywhere. */
const trickyDocument: fc.Arbitrary<string> = fc
  .tuple(tree, tree, fc.integer({ min: 0, max: 999 }))
  .map(([base, data, id]) => {
    const anchors = `anchors:\n  base: &base\n    yes: 0400\n    "on": "0644"\n    plain: 1_000\n  list: &list [0x1F, "1:30", 9007199254740993]\n`;
    const wrapped = data.block ? `data:\n${indented(data, '  ')}\n` : `data: ${data.flow()}\n`;
    const extra = base.block ? `extra:\n${indented(base, '  ')}\n` : `extra: ${base.flow()}\n`;
    return `apiVersion: tricky.tandem.dev/v1\nkind: Tricky\nmetadata:\n  name: tricky-${id}\n${anchors}${wrapped}${extra}`;
  });

/** Annotations with tricky string values, quoted so the typed API accepts them. */
const annotations: fc.Arbitrary<string[]> = fc
  .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'constructor', 'toString', 'yes'), fc.constantFrom(...TRICKY_TEXTS)), {
    selector: ([key]) => key,
    maxLength: 4,
  })
  .chain((pairs) => fc.tuple(...pairs.map(([key, text]) => stringScalar(text).map((value) => `example.com/${key}: ${value}`))));

interface PodParts {
  readonly labelsStyle: 'block' | 'flow' | 'merge' | 'alias';
  readonly annotations: readonly string[];
  readonly optIn: boolean;
  readonly env: string;
  readonly mode: string;
  readonly grace: string;
  readonly deadline: string;
  readonly note: string;
  readonly flowSpec: boolean;
}

const podParts: fc.Arbitrary<PodParts> = fc.record({
  labelsStyle: fc.constantFrom('block', 'flow', 'merge', 'alias'),
  annotations,
  optIn: fc.boolean(),
  env: fc.constantFrom(...TRICKY_TEXTS).chain(stringScalar),
  mode: fc.constantFrom(...INTEGER_TEXTS),
  grace: fc.constantFrom(...INTEGER_TEXTS),
  deadline: fc.constantFrom(...BIG_INTEGER_TEXTS, '60'),
  note: comment,
  flowSpec: fc.boolean(),
});

/** metadata and spec of a pod (template), indented by `indent`; the labels may merge or alias the anchor `&sel` defined before. */
function podTemplate(parts: PodParts, indent: string, anchored: boolean): string {
  const labels = {
    block: `labels:\n${indent}    app: web\n${indent}    tier: "yes"`,
    flow: 'labels: {app: web, tier: "on"}',
    merge: anchored ? `labels:\n${indent}    <<: *sel\n${indent}    tier: "0644"` : 'labels: {app: web}',
    alias: anchored ? 'labels: *sel' : 'labels: {app: web}',
  }[parts.labelsStyle];
  const notes = [...(parts.optIn ? ['tandem.dev/inject: "true"'] : []), ...parts.annotations];
  const annotationsText = notes.length === 0 ? '' : `${indent}  annotations:${parts.note}\n${notes.map((line) => `${indent}    ${line}\n`).join('')}`;
  const container = `{name: app, image: "example.com/app:1", env: [{name: VALUE, value: ${parts.env}}], volumeMounts: [{name: config, mountPath: /config}]}`;
  const spec = parts.flowSpec
    ? `${indent}spec: {terminationGracePeriodSeconds: ${parts.grace}, activeDeadlineSeconds: ${parts.deadline}, containers: [${container}], volumes: [{name: config, configMap: {name: config, defaultMode: ${parts.mode}}}]}\n`
    : `${indent}spec:\n${indent}  terminationGracePeriodSeconds: ${parts.grace} # grace\n${indent}  activeDeadlineSeconds: ${parts.deadline}\n${indent}  containers:\n${indent}    - ${container}\n${indent}  volumes:\n${indent}    - name: config\n${indent}      configMap:\n${indent}        name: config\n${indent}        defaultMode: ${parts.mode}\n`;
  return `${indent}metadata:\n${indent}  ${labels}\n${annotationsText}${spec}`;
}

const workloadDocument: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('Pod', 'Deployment', 'StatefulSet', 'CronJob'), podParts, fc.integer({ min: 0, max: 999 }))
  .map(([kind, parts, id]) => {
    const name = `${kind.toLowerCase()}-${id}`;
    switch (kind) {
      case 'Pod':
        return `apiVersion: v1\nkind: Pod\n${podTemplate(parts, '', false).replace('metadata:\n', `metadata:\n  name: ${name}\n`)}`;
      case 'Deployment':
        return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: &sel {app: web}\n  template:\n${podTemplate(parts, '    ', true)}`;
      case 'StatefulSet': {
        const template = podTemplate({ ...parts, labelsStyle: parts.labelsStyle === 'alias' || parts.labelsStyle === 'merge' ? 'block' : parts.labelsStyle }, '    ', false).replace('labels:', 'labels: &l');
        const claims = `  volumeClaimTemplates:\n    - metadata:\n        name: data\n        labels: *l\n      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n`;
        return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: web}\n  template:\n${template}${claims}`;
      }
      default:
        return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${name}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n${podTemplate(parts, '        ', false).replace(/spec:\n/, 'spec:\n          restartPolicy: Never\n')}`;
    }
  });

const configMapDocument: fc.Arbitrary<string> = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...TRICKY_TEXTS), { maxLength: 4 }), fc.integer({ min: 0, max: 999 }))
  .chain(([texts, id]) =>
    fc.tuple(...texts.map(stringScalar)).map((values) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${id}\ndata:\n${values.map((value, index) => `  key${index}: ${value}\n`).join('')}${values.length === 0 ? '  empty: ""\n' : ''}`),
  );

/** A pod written as JSON, as `kubectl get -o json` prints one. */
const jsonDocument: fc.Arbitrary<string> = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 999 })).map(([optIn, id]) =>
  `${JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `json-${id}`, labels: { app: 'web' }, annotations: optIn ? { 'tandem.dev/inject': 'true', 'example.com/x': 'yes' } : { 'example.com/x': '0644' } },
      spec: { containers: [{ name: 'app', image: 'example.com/app:1' }], volumes: [{ name: 'config', configMap: { name: 'config', defaultMode: 420 } }] },
    },
    null,
    2,
  )}\n`,
);

const commentOnly: fc.Arbitrary<string> = fc.constantFrom('# only a comment\n', '# one\n# two\n', '');

/** A stream: documents joined by `---`, with an optional leading comment and explicit first separator. */
export const trickyStream: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 4, arbitrary: workloadDocument }, { weight: 2, arbitrary: trickyDocument }, configMapDocument, jsonDocument, commentOnly), { minLength: 1, maxLength: 5 }),
    fc.constantFrom('', '# Leading comment\n', '# Leading comment\n---\n', '---\n'),
  )
  .map(([documents, lead]) => `${lead}${documents.join('---\n')}`);

/** The SidecarSet the generated workloads select (app: web): a native sidecar, a volume with an octal mode, strings 1.1 reads otherwise. */
export const TRICKY_SIDECAR_SETS = `apiVersion: tandem.dev/v1alpha1
kind: SidecarSet
metadata:
  name: mesh
spec:
  selector:
    matchLabels: {app: web}
  initContainers:
    - name: mesh-init
      image: example.com/init:1
      env:
        - {name: ENABLED, value: "yes"}
        - {name: MODE, value: "0644"}
        - {name: WHEN, value: "1:30"}
  containers:
    - name: mesh-proxy
      image: example.com/proxy:1
      volumeMounts: [{name: mesh-certs, mountPath: /certs}]
  volumes:
    - name: mesh-certs
      secret: {secretName: mesh-certs, defaultMode: 0444}
  podMetadata:
    labels:
      mesh.example.com/on: "on"
    annotations:
      mesh.example.com/ports: "0644"
      mesh.example.com/enabled: "y"
`;

export function trickyContext(): WorkloadInjectionContext {
  return { sidecarSets: parseSidecarSetDocuments(TRICKY_SIDECAR_SETS, 'tricky-sets.yaml'), namespaceLabels: {}, options: {} };
}
