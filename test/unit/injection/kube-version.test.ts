import { describe, expect, it } from '@jest/globals';
import { parseKubeVersion, supportsNativeSidecars } from '../../../operator/injection/kube-version.ts';

describe('parseKubeVersion', () => {
  it.each([
    { text: '1.29', expected: { major: 1, minor: 29 } },
    { text: 'v1.36.3', expected: { major: 1, minor: 36 } },
    { text: '1.30+', expected: { major: 1, minor: 30 } },
    { text: 'v1.28.5-eks-abcdef', expected: { major: 1, minor: 28 } },
    { text: ' 1.31 ', expected: { major: 1, minor: 31 } },
    { text: 'latest', expected: undefined },
    { text: '1', expected: undefined },
    { text: '', expected: undefined },
  ])('$text', ({ text, expected }) => {
    expect(parseKubeVersion(text)).toEqual(expected);
  });
});

describe('supportsNativeSidecars', () => {
  it.each([
    { version: { major: 1, minor: 28 }, native: false },
    { version: { major: 1, minor: 29 }, native: true },
    { version: { major: 1, minor: 36 }, native: true },
    { version: { major: 2, minor: 0 }, native: true },
    { version: undefined, native: true },
  ])('$version -> $native', ({ version, native }) => {
    expect(supportsNativeSidecars(version)).toBe(native);
  });
});
