// docs/troubleshooting.md names every metric, event reason and decision
// reason by its exact name, and names none that the code does not have.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_REASONS } from '../../../operator/controller/controller-event.ts';

const root = join(import.meta.dirname, '../../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const page = read('docs/troubleshooting.md');

const operatorSources = readdirSync(join(root, 'operator'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts') && !path.includes('generated'))
  .map((path) => read(join('operator', path)));
const metrics = [...new Set(operatorSources.flatMap((text) => [...text.matchAll(/name: '(tandem_[a-z_]+)'/g)].map((match) => match[1]!)))];
const decisionReasons = [...read('operator/injection/injection-decision.ts').matchAll(/\| '(\w+)'/g)].map((match) => match[1]!);

describe('docs/troubleshooting.md', () => {
  it.each(metrics.filter((name) => !name.startsWith('tandem_reloader_')))('lists metric %s', (name) => {
    expect(page).toContain(`\`${name}`);
  });

  it.each(metrics.filter((name) => name.startsWith('tandem_reloader_')))('docs/reloader.md lists metric %s', (name) => {
    expect(read('docs/reloader.md')).toContain(name);
  });

  it('lists no metric the code does not have', () => {
    const shown = new Set([...page.matchAll(/`(tandem_[a-z_]+)(?![a-z_*])/g)].map((match) => match[1]!));
    expect([...shown].filter((name) => !metrics.includes(name))).toEqual([]);
  });

  it.each(Object.values(EVENT_REASONS))('lists event reason %s', (reason) => {
    expect(page).toContain(`| \`${reason}\` |`);
  });

  it('has every decision reason of tandem explain in its table', () => {
    expect(decisionReasons.length).toBeGreaterThanOrEqual(10);
    for (const reason of decisionReasons.filter((name) => name !== 'Injected')) expect(page).toContain(`| \`${reason}\` |`);
  });
});
