// Golden output of `helm template` for the default values and each documented
// variant (support/chart.ts): test/golden/chart/<variant>.yaml. A change to
// the chart shows up as a reviewable diff of what users get.
// UPDATE_GOLDEN=1 rewrites the goldens; a golden without a variant fails.
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAMESPACE, RELEASE, template, VARIANTS } from './support/chart.ts';
import { repoRoot } from '../cluster-env.ts';

const dir = join(repoRoot, 'test/golden/chart');
const update = process.env.UPDATE_GOLDEN === '1';

function rendered(flags: readonly string[]): string {
  const command = ['helm template', RELEASE, 'charts/tandem', '--namespace', NAMESPACE, ...flags.map((flag) => (/[\s{}"[\]]/.test(flag) ? `'${flag}'` : flag))];
  return `# ${command.join(' ')}\n${template(flags)}`;
}

describe('golden helm template output', () => {
  it('has a variant for every golden (delete the stale ones)', () => {
    const stale = readdirSync(dir)
      .filter((file) => file.endsWith('.yaml'))
      .filter((file) => !Object.hasOwn(VARIANTS, file.slice(0, -'.yaml'.length)));
    expect(stale).toEqual([]);
  });

  it.each(Object.entries(VARIANTS))('%s matches its golden', (name, flags) => {
    const path = join(dir, `${name}.yaml`);
    const actual = rendered(flags);
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, actual);
    }
    expect(existsSync(path)).toBe(true);
    expect(actual).toEqual(readFileSync(path, 'utf8'));
  });
});
