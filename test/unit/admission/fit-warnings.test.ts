import { describe, expect, it } from '@jest/globals';
import { denied } from '../../../operator/admission/admission-response.ts';
import { fitMessage, fitWarnings, MAX_TOTAL_WARNING_RUNES, MAX_WARNING_RUNES } from '../../../operator/admission/fit-warnings.ts';

const runes = (text: string): number => Array.from(text).length;

describe('fitWarnings', () => {
  it('replaces control characters, which would make the apiserver drop the warning', () => {
    expect(fitWarnings(['a\nb\tc\u0007d\u009be'])).toEqual(['a b c d e']);
  });

  it('cuts a long warning to 256 runes with a visible ellipsis', () => {
    const [fitted] = fitWarnings(['x'.repeat(1000)]);
    expect(runes(fitted!)).toBe(MAX_WARNING_RUNES);
    expect(fitted!.endsWith('...')).toBe(true);
  });

  it('counts runes, not UTF-16 units, and never splits a code point', () => {
    const [fitted] = fitWarnings(['😀'.repeat(300)]);
    expect(runes(fitted!)).toBe(MAX_WARNING_RUNES);
    expect(fitted!.startsWith('😀'.repeat(MAX_WARNING_RUNES - 3))).toBe(true);
    expect(fitted).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('keeps a warning of exactly 256 runes whole', () => {
    expect(fitWarnings(['y'.repeat(MAX_WARNING_RUNES)])).toEqual(['y'.repeat(MAX_WARNING_RUNES)]);
  });

  it('drops duplicates and empty warnings, keeping order', () => {
    expect(fitWarnings(['b', 'a', 'b', ' ', 'c'])).toEqual(['b', 'a', 'c']);
  });

  it('stays within the total budget and says how many were left out', () => {
    const many = Array.from({ length: 40 }, (_, index) => `${index} ${'z'.repeat(200)}`);
    const fitted = fitWarnings(many);
    expect(fitted.reduce((sum, text) => sum + runes(text), 0)).toBeLessThanOrEqual(MAX_TOTAL_WARNING_RUNES);
    expect(fitted.at(-1)).toMatch(/^\d+ more warnings were left out/);
    const shown = fitted.length - 1;
    expect(fitted.at(-1)).toContain(`${many.length - shown} more`);
  });
});

describe('fitMessage', () => {
  it('keeps a short message and cuts a long one, saying how much is left out', () => {
    expect(fitMessage('short')).toBe('short');
    const cut = fitMessage('x'.repeat(5000));
    expect(Array.from(cut).length).toBeLessThan(2100);
    expect(cut).toMatch(/\.\.\. \(2952 more characters left out\)$/);
  });

  it('is applied to every denial', () => {
    const review = denied('uid', { code: 400, message: 'y'.repeat(10_000) });
    expect(review.response.status?.message.length).toBeLessThan(2100);
  });
});
