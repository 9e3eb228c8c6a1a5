import { describe, expect, it } from '@jest/globals';
import { scaleIntOrPercent } from '../../../operator/controller/int-or-percent.ts';
import { normalizeImage, sameImage } from '../../../operator/controller/same-image.ts';
import { selectorsMayOverlap } from '../../../operator/controller/selectors-may-overlap.ts';
import { nextRestartedFor, parseRestartedFor } from '../../../operator/controller/workload-ref.ts';
import { findConflicts, describeConflicts } from '../../../operator/controller/find-conflicts.ts';
import { formatLabelSelector } from '../../../operator/controller/format-label-selector.ts';
import { patchResult } from '../../../operator/controller/controller-client.ts';
import { setWith } from './controller-fixtures.ts';

describe('scaleIntOrPercent', () => {
  it.each([
    [undefined, 10, true, 0],
    [3, 10, true, 3],
    [0, 10, true, 0],
    ['10%', 10, true, 1],
    ['10%', 5, true, 1],
    ['10%', 5, false, 0],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['0%', 100, true, 0],
    ['100%', 7, true, 7],
    ['10%', 1000, true, 100],
    ['10%', 0, true, 0],
  ] as const)('%p of %p (round up %p) = %p', (value, total, up, expected) => {
    expect(scaleIntOrPercent(value, total, up)).toBe(expected);
  });

  it.each([[-1], [1.5], ['10'], ['101%'], ['%'], ['abc']])('rejects %p', (value) => {
    expect(() => scaleIntOrPercent(value, 10, true)).toThrow();
  });
});

describe('sameImage', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest', true],
    ['nginx:1.27', 'docker.io/library/nginx:1.27', true],
    ['example.com/a/b:1', 'example.com/a/b:1', true],
    ['example.com/a/b:1', 'example.com/a/b:2', false],
    ['localhost:5000/x', 'localhost:5000/x:latest', true],
    ['user/app', 'docker.io/user/app:latest', true],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc', true],
  ])('%s ~ %s = %p', (a, b, expected) => {
    expect(sameImage(a, b)).toBe(expected);
  });

  it('normalizes a registry with a port and a tag', () => {
    expect(normalizeImage('registry:5000/team/app')).toBe('registry:5000/team/app:latest');
  });
});

describe('selectorsMayOverlap', () => {
  it.each([
    ['identical', { matchLabels: { app: 'a' } }, { matchLabels: { app: 'a' } }, true],
    ['different keys', { matchLabels: { app: 'a' } }, { matchLabels: { tier: 'x' } }, true],
    ['same key, different values', { matchLabels: { app: 'a' } }, { matchLabels: { app: 'b' } }, false],
    ['In intersecting', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] }, { matchLabels: { app: 'b' } }, true],
    ['In disjoint', { matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] }, { matchLabels: { app: 'b' } }, false],
    ['NotIn excludes the only value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, { matchLabels: { app: 'a' } }, false],
    ['Exists vs DoesNotExist', { matchExpressions: [{ key: 'x', operator: 'Exists' }] }, { matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, false],
    ['label vs DoesNotExist', { matchLabels: { x: '1' } }, { matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, false],
    ['NotIn vs DoesNotExist', { matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['1'] }] }, { matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, true],
    ['absent selector', undefined, { matchLabels: { app: 'b' } }, true],
  ] as const)('%s', (_name, a, b, expected) => {
    expect(selectorsMayOverlap(a as never, b as never)).toBe(expected);
  });
});

describe('findConflicts', () => {
  const volume = (medium: string) => ({ name: 'shared', emptyDir: { medium } });
  it('names the other set and the clashing container and volume names, only where selectors may overlap', () => {
    const a = setWith('a', { containers: [{ name: 'proxy', image: 'p:1' }], volumes: [volume('Memory')] });
    const b = setWith('b', { containers: [{ name: 'proxy', image: 'p:2' }], volumes: [volume('')] });
    const c = setWith('c', { containers: [{ name: 'proxy', image: 'p:2' }], selector: { matchLabels: { app: 'other' } } });
    const d = setWith('d', { containers: [{ name: 'other', image: 'p:2' }], volumes: [volume('Memory')] });
    const conflicts = findConflicts(a, [a, b, c, d]);
    expect(conflicts).toEqual([{ otherSet: 'b', containers: ['proxy'], volumes: ['shared'] }]);
    expect(describeConflicts(conflicts)).toBe(
      'SidecarSet "b" may select the same pods and also declares container "proxy", volume "shared" (different definition)',
    );
  });

  it('disjoint namespace selectors never conflict', () => {
    const a = setWith('a', { containers: [{ name: 'proxy', image: 'p:1' }], namespaceSelector: { matchLabels: { team: 'x' } } });
    const b = setWith('b', { containers: [{ name: 'proxy', image: 'p:1' }], namespaceSelector: { matchLabels: { team: 'y' } } });
    expect(findConflicts(a, [b])).toEqual([]);
  });
});

describe('restartedFor annotation', () => {
  it('replaces the token of the same set and keeps the others', () => {
    expect(nextRestartedFor(parseRestartedFor('a@1, b@2'), 'a', '3')).toBe('a@3,b@2');
    expect(nextRestartedFor(parseRestartedFor(undefined), 'a', '3')).toBe('a@3');
  });
});

describe('formatLabelSelector', () => {
  it('renders matchLabels and every operator in the query-parameter syntax', () => {
    expect(
      formatLabelSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'team', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('!legacy,app=web,env notin (dev),team,tier in (a,b)');
  });
});

describe('patchResult', () => {
  it.each([
    [200, {}, 'patched'],
    [404, { message: 'not found' }, 'conflict'],
    [409, { message: 'conflict' }, 'conflict'],
    [422, { message: 'the server rejected our request due to an error in our request' }, 'conflict'],
    [422, { message: 'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields' }, 'refused'],
    [403, { message: 'forbidden' }, 'refused'],
  ])('HTTP %i -> %s', (status, body, kind) => {
    expect(patchResult(status, body).kind).toBe(kind);
  });

  it.each([[500], [429], [0]])('HTTP %i throws (retried with backoff)', (status) => {
    expect(() => patchResult(status, undefined)).toThrow();
  });
});
