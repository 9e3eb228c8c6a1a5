// docs/annotations-and-labels.md cannot fall behind the code: every tandem.dev/
// key the operator, the chart or the examples use is described there (and the
// page names no key that nothing uses), and its opt-in table is run, row by
// row and over every combination of inputs, through the real injectPod.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import * as tandemKeys from '../../../operator/injection/tandem-keys.ts';
import { sidecarSet } from '../injection/sidecar-set-fixture.ts';

const root = join(import.meta.dirname, '../../..');
const page = readFileSync(join(root, 'docs/annotations-and-labels.md'), 'utf8');

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((path) => join(dir, path))
    .filter((path) => keep(path) && !path.includes('/generated/'));
}

const sources = [
  ...filesUnder('operator', (path) => path.endsWith('.ts')),
  ...filesUnder('charts/tandem', (path) => /\.(ya?ml|tpl|txt)$/.test(path) && !path.includes('/crds/')),
  ...filesUnder('deploy/examples', (path) => path.endsWith('.yaml')),
  'deploy/tandem.yaml',
  'crds/sidecarset.yaml',
].map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));

/** `tandem.dev/<name>` keys; `tandem.dev/v1alpha1` is the API version, not a key. */
function tandemKeysIn(text: string): Set<string> {
  return new Set([...text.matchAll(/(?<![-A-Za-z0-9.])(?:[a-z0-9-]+\.)*tandem\.dev\/[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]/g)].map((match) => match[0]).filter((key) => !/^tandem\.dev\/v\d/.test(key) && !key.startsWith('test.tandem.dev/')));
}

describe('docs/annotations-and-labels.md: keys', () => {
  it.each(Object.entries(tandemKeys))('describes %s from operator/injection/tandem-keys.ts', (_name, key) => {
    expect(page).toContain(`\`${key}\``);
  });

  const used = new Map<string, string>();
  for (const { path, text } of sources) for (const key of tandemKeysIn(text)) if (!used.has(key)) used.set(key, path);

  it('finds the keys in the sources', () => {
    expect(used.size).toBeGreaterThanOrEqual(10);
  });

  it.each([...used])('describes %s (used in %s)', (key) => {
    expect(page).toContain(`\`${key}\``);
  });

  it.each([...new Set(sources.flatMap(({ text }) => [...text.matchAll(/cert-manager\.io\/[a-z0-9-]+/g)].map((match) => match[0]).filter((key) => !/^cert-manager\.io\/v\d/.test(key))))])(
    'describes %s, which the chart sets',
    (key) => {
      expect(page).toContain(`\`${key}\``);
    },
  );

  it('names no tandem.dev/ key that nothing uses', () => {
    expect([...tandemKeysIn(page)].filter((key) => !used.has(key))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// The opt-in table

interface Case {
  readonly annotation: string | undefined;
  readonly namespaceLabel: string | undefined;
  readonly policy: 'OptIn' | 'Always';
  readonly paused: boolean;
  readonly selectorMatches: boolean;
  /** undefined: the set has no namespaceSelector. */
  readonly namespaceSelectorMatches: boolean | undefined;
}

const SET = 'web-sidecar';

// Concrete values behind the words the table uses; a cell the test does not know fails it.
const ANNOTATIONS = {
  false: ['false', 'FALSE', ' False '],
  true: ['true', 'True'],
  listsThis: [SET, `other,${SET}`, ` ${SET} , other `],
  listsOthers: ['other', 'other,another'],
  absent: [undefined],
  invalid: ['Yes', 'on!', ','],
};
const NAMESPACE_LABELS = { enabled: ['enabled'], disabled: ['disabled'], absent: [undefined], invalid: ['Enabled', 'on'] };

const annotationCells: Record<string, readonly (string | undefined)[]> = {
  '`"false"`': ANNOTATIONS.false,
  'a list of names without this set\'s': ANNOTATIONS.listsOthers,
  'absent or invalid': [...ANNOTATIONS.absent, ...ANNOTATIONS.invalid],
  any: Object.values(ANNOTATIONS).flat(),
};
const namespaceCells: Record<string, readonly (string | undefined)[]> = {
  '`disabled`': NAMESPACE_LABELS.disabled,
  'absent or invalid': [...NAMESPACE_LABELS.absent, ...NAMESPACE_LABELS.invalid],
  any: Object.values(NAMESPACE_LABELS).flat(),
};
const policyCells: Record<string, readonly Case['policy'][]> = { '`OptIn`': ['OptIn'], '`Always`': ['Always'], any: ['OptIn', 'Always'] };
const setCells: Record<string, (c: Case) => boolean> = {
  '`paused: true`': (c) => c.paused,
  "`selector` does not match the pod's labels": (c) => !c.selectorMatches,
  "`namespaceSelector` does not match the namespace's labels": (c) => c.namespaceSelectorMatches === false,
  any: () => true,
};

interface Row {
  readonly number: string;
  readonly fits: (c: Case) => boolean;
  readonly reason: string;
}

function lookup<T>(table: Record<string, T>, cell: string, column: string): T {
  const value = table[cell];
  if (value === undefined) throw new Error(`opt-in table: the ${column} cell "${cell}" means nothing to this test; teach it`);
  return value;
}

function readTable(markdown: string): Row[] {
  const start = markdown.indexOf('<!-- opt-in-precedence');
  expect(start).toBeGreaterThan(-1);
  const lines = markdown.slice(start).split('\n').slice(1);
  const table = lines.slice(0, lines.findIndex((line) => !line.startsWith('|')));
  return table.slice(2).map((line) => {
    const [number = '', annotation = '', namespace = '', policy = '', set = '', result = ''] = line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, '').trim());
    const annotations = lookup(annotationCells, annotation, 'pod annotation');
    const namespaces = lookup(namespaceCells, namespace, 'namespace label');
    const policies = lookup(policyCells, policy, 'injectionPolicy');
    const setFits = lookup(setCells, set, 'set');
    const reason = result === '**injected**' ? 'Injected' : /^not injected: `(\w+)`$/.exec(result)?.[1];
    if (reason === undefined) throw new Error(`opt-in table row ${number}: cannot read the result "${result}"`);
    return {
      number,
      reason,
      fits: (c) => annotations.includes(c.annotation) && namespaces.includes(c.namespaceLabel) && policies.includes(c.policy) && setFits(c),
    };
  });
}

function allCases(): Case[] {
  const cases: Case[] = [];
  for (const annotation of Object.values(ANNOTATIONS).flat())
    for (const namespaceLabel of Object.values(NAMESPACE_LABELS).flat())
      for (const policy of ['OptIn', 'Always'] as const)
        for (const paused of [false, true])
          for (const selectorMatches of [true, false])
            for (const namespaceSelectorMatches of [undefined, true, false])
              cases.push({ annotation, namespaceLabel, policy, paused, selectorMatches, namespaceSelectorMatches });
  return cases;
}

function decide(c: Case): string {
  const set: SidecarSet = sidecarSet(SET, {
    injectionPolicy: c.policy,
    paused: c.paused,
    ...(c.namespaceSelectorMatches === undefined ? {} : { namespaceSelector: { matchLabels: { team: 'shop' } } }),
  });
  const result = injectPod({
    pod: {
      metadata: {
        labels: { app: c.selectorMatches ? 'web' : 'other' },
        ...(c.annotation === undefined ? {} : { annotations: { 'tandem.dev/inject': c.annotation } }),
      },
      spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1' }] },
    },
    namespaceLabels: {
      team: c.namespaceSelectorMatches === false ? 'billing' : 'shop',
      ...(c.namespaceLabel === undefined ? {} : { 'tandem.dev/injection': c.namespaceLabel }),
    },
    sidecarSets: [set],
    options: {},
  });
  expect(result.decisions).toHaveLength(1);
  return result.decisions[0]!.reason;
}

describe('docs/annotations-and-labels.md: the opt-in table', () => {
  const rows = readTable(page);
  const cases = allCases();

  it('has its rows', () => {
    expect(rows.map((row) => row.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('decides every combination of inputs as the first row that fits says', () => {
    const wrong = cases.flatMap((c) => {
      const row = rows.find((candidate) => candidate.fits(c));
      const actual = decide(c);
      return row?.reason === actual ? [] : [{ ...c, row: row?.number, documented: row?.reason, actual }];
    });
    expect(wrong).toEqual([]);
  });

  it('has no row that never decides', () => {
    const deciding = new Set(cases.map((c) => rows.find((row) => row.fits(c))?.number));
    expect(rows.filter((row) => !deciding.has(row.number)).map((row) => row.number)).toEqual([]);
  });
});
