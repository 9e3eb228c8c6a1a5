import { describe, expect, it } from '@jest/globals';
import type { LabelSelector } from '../../../operator/api/sidecar-set.ts';
import { formatLabelSelector } from '../../../operator/controller/format-label-selector.ts';
import { parseLabelSelector } from '../../../operator/controller/parse-label-selector.ts';
import { matchesLabelSelector } from '../../../operator/injection/label-selector.ts';

describe('parseLabelSelector', () => {
  it.each([
    ['', {}],
    ['team=a', { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] }],
    ['team==a , tier!=b', { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }, { key: 'tier', operator: 'NotIn', values: ['b'] }] }],
    ['example.com/zone in (x, y),!legacy,ready', {
      matchExpressions: [
        { key: 'example.com/zone', operator: 'In', values: ['x', 'y'] },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'ready', operator: 'Exists' },
      ],
    }],
    ['tier notin (a,b)', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a', 'b'] }] }],
    ['empty=', { matchExpressions: [{ key: 'empty', operator: 'In', values: [''] }] }],
  ])('%j', (text, selector) => {
    expect(parseLabelSelector(text)).toEqual(selector);
  });

  it.each([
    ['a,,b', 'empty requirement'],
    ['replicas>3', 'cannot read "replicas>3"'],
    ['tier in (a,b c)', '"b c" is not a label value'],
    ['-bad=x', 'cannot read "-bad=x"'],
  ])('refuses %j', (text, message) => {
    expect(() => parseLabelSelector(text)).toThrow(message);
  });

  it('selects what the API server would: the same labels as the selector it formats', () => {
    const selector: LabelSelector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'legacy', operator: 'DoesNotExist' }] };
    const parsed = parseLabelSelector(formatLabelSelector(selector));
    const cases: Record<string, string>[] = [{ app: 'web' }, { app: 'web', tier: 'db' }, { app: 'web', legacy: '' }, { app: 'api' }, { app: 'web', tier: 'fe' }];
    for (const labels of cases) {
      expect(matchesLabelSelector(parsed, labels)).toBe(matchesLabelSelector(selector, labels));
    }
  });
});
