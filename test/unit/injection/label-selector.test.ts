import { describe, expect, it } from '@jest/globals';
import { matchesLabelSelector } from '../../../operator/injection/label-selector.ts';

describe('matchesLabelSelector', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    { selector: {}, matches: true },
    { selector: { matchLabels: { app: 'web' } }, matches: true },
    { selector: { matchLabels: { app: 'web', tier: 'back' } }, matches: false },
    { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, matches: true },
    { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] }, matches: false },
    { selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] }, matches: true },
    { selector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, matches: true },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, matches: true },
    { selector: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, matches: false },
    { selector: { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, matches: true },
    { selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, matches: false },
    {
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] },
      matches: false,
    },
    { selector: { matchExpressions: [{ key: 'app', operator: 'Bogus', values: ['web'] }] }, matches: false },
  ])('$selector -> $matches', ({ selector, matches }) => {
    expect(matchesLabelSelector(selector as never, labels)).toBe(matches);
  });
});
