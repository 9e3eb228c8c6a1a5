import { describe, expect, it } from '@jest/globals';
import { Pod } from 'kubernetes-models/v1/Pod';
describe('toolchain', () => {
  it('loads kubernetes-models under ESM', () => {
    expect(new Pod({ metadata: { name: 'a' }, spec: { containers: [{ name: 'c', image: 'x' }] } }).metadata?.name).toBe('a');
  });
});
