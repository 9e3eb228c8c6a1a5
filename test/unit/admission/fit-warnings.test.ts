import { describe, expect, it } from '@jest/globals';
import { fitWarnings, MAX_TOTAL_WARNING_RUNES, MAX_WARNING_RUNES } from '../../../operator/admission/fit-warnings.ts';

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
