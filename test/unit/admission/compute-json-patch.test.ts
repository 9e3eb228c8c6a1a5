import { describe, expect, it } from '@jest/globals';
import jsonPatch from 'fast-json-patch';
import { computeJsonPatch } from '../../../operator/admission/compute-json-patch.ts';
import { patched } from '../../../operator/admission/admission-response.ts';

const apply = <T>(document: T, patch: ReturnType<typeof computeJsonPatch>): T =>
  jsonPatch.applyPatch(structuredClone(document), patch, true).newDocument;

describe('computeJsonPatch', () => {
  it('escapes / as ~1 and ~ as ~0 in keys (annotation and label keys)', () => {
    // '~1' as a key must become '~01', not '/'.
    expect(computeJsonPatch({}, { '~1': 'x' })).toEqual([{ op: 'add', path: '/~01', value: 'x' }]);
    const original = { metadata: { annotations: { 'a~b/c': 'x' } } };
    const mutated = {
      metadata: { annotations: { 'a~b/c': 'y', 'proxy.example.com/port': '15001' }, labels: { 'tandem.dev/injected': 'true' } },
    };
    const patch = computeJsonPatch(original, mutated);
    expect(patch).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/metadata/annotations/a~0b~1c', value: 'y' },
        { op: 'add', path: '/metadata/annotations/proxy.example.com~1port', value: '15001' },
        { op: 'add', path: '/metadata/labels', value: { 'tandem.dev/injected': 'true' } },
      ]),
    );
    expect(apply(original, patch)).toEqual(mutated);
  });

  it('is empty when nothing changed', () => {
    const pod = { metadata: { name: 'a' }, spec: { containers: [{ name: 'c' }] } };
    expect(computeJsonPatch(pod, structuredClone(pod))).toEqual([]);
  });

  it('never touches metadata.managedFields, and never modifies its inputs', () => {
    const original = { metadata: { name: 'a', managedFields: [{ manager: 'kubectl' }] }, spec: { containers: [] } };
    const mutated = { metadata: { name: 'a', managedFields: [{ manager: 'other' }], labels: { x: 'y' } }, spec: { containers: [] } };
    const frozen = structuredClone({ original, mutated });
    const patch = computeJsonPatch(original, mutated);
    expect(patch).toEqual([{ op: 'add', path: '/metadata/labels', value: { x: 'y' } }]);
    expect(apply(original, patch).metadata.managedFields).toEqual([{ manager: 'kubectl' }]);
    expect({ original, mutated }).toEqual(frozen);
  });

  it('turns an element inserted in front into one add, leaving the others alone', () => {
    const original = { spec: { containers: [{ name: 'app', image: 'a', future: { x: 1 } }, { name: 'helper' }] } };
    const mutated = { spec: { containers: [{ name: 'proxy', image: 'p' }, ...original.spec.containers] } };
    expect(computeJsonPatch(original, mutated)).toEqual([{ op: 'add', path: '/spec/containers/0', value: { name: 'proxy', image: 'p' } }]);
  });

  it('inserts at both ends and in the middle with one add each', () => {
    const original = { list: ['b', 'd'] };
    const mutated = { list: ['a', 'b', 'c', 'd', 'e'] };
    const patch = computeJsonPatch(original, mutated);
    expect(patch).toEqual([
      { op: 'add', path: '/list/0', value: 'a' },
      { op: 'add', path: '/list/2', value: 'c' },
      { op: 'add', path: '/list/4', value: 'e' },
    ]);
    expect(apply(original, patch)).toEqual(mutated);
  });

  it('removes elements with one remove each, at the index of the list as patched so far', () => {
    const original = { list: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }] };
    const mutated = { list: [{ n: 1 }, { n: 4 }] };
    expect(computeJsonPatch(original, mutated)).toEqual([
      { op: 'remove', path: '/list/1' },
      { op: 'remove', path: '/list/1' },
    ]);
  });

  it('never re-sends values it did not change, such as int64 numbers beyond 2^53', () => {
    // What JSON.parse makes of runAsUser: 9007199254740993 -- off by one, so it must not be written back.
    const pod = JSON.parse('{"spec":{"containers":[{"name":"app","securityContext":{"runAsUser":9007199254740993}}]}}') as {
      spec: { containers: object[] };
    };
    const mutated = { spec: { containers: [{ name: 'proxy' }, ...pod.spec.containers] } };
    const patch = computeJsonPatch(pod, mutated);
    expect(JSON.stringify(patch)).not.toContain('runAsUser');
  });

  it('treats undefined properties as absent, as JSON does', () => {
    expect(computeJsonPatch({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(computeJsonPatch({ a: 1 }, { a: 1, c: undefined })).toEqual([]);
    expect(computeJsonPatch({ a: 1, b: undefined }, { a: 1, b: 2 })).toEqual([{ op: 'add', path: '/b', value: 2 }]);
  });

  it('replaces a value whose type changed', () => {
    expect(computeJsonPatch({ a: [1] }, { a: { x: 1 } })).toEqual([{ op: 'replace', path: '/a', value: { x: 1 } }]);
    expect(computeJsonPatch({ a: null }, { a: 0 })).toEqual([{ op: 'replace', path: '/a', value: 0 }]);
  });

  it('stays correct on lists too long to match elements (positional fallback)', () => {
    const original = { list: Array.from({ length: 100 }, (_, index) => ({ index })) };
    const mutated = { list: [{ index: -1 }, ...original.list] };
    expect(apply(original, computeJsonPatch(original, mutated))).toEqual(mutated);
  });

  describe('round trip on generated documents', () => {
    // A small seeded generator: deterministic, so a failure always reproduces.
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const keys = ['a', 'b', 'x/y', 'm~n', '~1', 'name', 'tandem.dev/inject', ''];
    const value = (depth: number): unknown => {
      const roll = random();
      if (depth > 3 || roll < 0.4) return pick([1, 'text', true, null, 0, '', 2.5]);
      if (roll < 0.7) return Array.from({ length: Math.floor(random() * 5) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(keys), value(depth + 1)]));
    };
    const mutate = (input: unknown, depth: number): unknown => {
      if (Array.isArray(input)) {
        const list = (input as unknown[]).map((item) => (random() < 0.3 ? mutate(item, depth + 1) : item));
        if (random() < 0.4) list.splice(Math.floor(random() * (list.length + 1)), 0, value(depth + 1));
        if (random() < 0.3 && list.length > 0) list.splice(Math.floor(random() * list.length), 1);
        return list;
      }
      if (typeof input === 'object' && input !== null) {
        const object = { ...(input as Record<string, unknown>) };
        for (const key of Object.keys(object)) if (random() < 0.3) object[key] = mutate(object[key], depth + 1);
        if (random() < 0.3) object[pick(keys)] = value(depth + 1);
        const doomed = pick(Object.keys(object).concat('a'));
        return random() < 0.2 ? Object.fromEntries(Object.entries(object).filter(([key]) => key !== doomed)) : object;
      }
      return random() < 0.5 ? value(depth) : input;
    };

    it('applying the patch to the original always gives the mutated document', () => {
      for (let run = 0; run < 2000; run++) {
        const original = { root: value(0), list: [value(1), value(1), value(1)] };
        const mutated = mutate(original, 0) as object;
        const snapshot = JSON.stringify(original);
        const patch = computeJsonPatch(original, mutated);
        expect(apply(original, patch)).toEqual(JSON.parse(JSON.stringify(mutated)));
        expect(JSON.stringify(original)).toBe(snapshot);
      }
    });
  });
});

describe('patched(uid, computeJsonPatch(raw, mutated))', () => {
  it('answers allowed without patchType when the objects are equal', () => {
    const response = patched('uid-1', computeJsonPatch({ a: 1 }, { a: 1 })).response;
    expect(response).toEqual({ uid: 'uid-1', allowed: true });
  });

  it('answers with a base64 JSON Patch that turns the raw object into the mutated one', () => {
    const raw = { metadata: { annotations: { 'x/y': '1' } }, unknownField: { kept: true } };
    const mutated = { metadata: { annotations: { 'x/y': '2' } }, unknownField: { kept: true } };
    const response = patched('uid-2', computeJsonPatch(raw, mutated), ['careful']).response;
    expect(response.uid).toBe('uid-2');
    expect(response.warnings).toEqual(['careful']);
    const patch = JSON.parse(Buffer.from(response.patch!, 'base64').toString('utf8')) as ReturnType<typeof computeJsonPatch>;
    expect(apply(raw, patch)).toEqual(mutated);
  });
});
