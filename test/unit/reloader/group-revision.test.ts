import { describe, expect, it } from '@jest/globals';
import { groupRevision } from '../../../operator/reloader/group-runner.ts';
import type { TemplateSpec } from '../../../operator/reloader/reloader-config.ts';

const template = (overrides: Partial<TemplateSpec> = {}): TemplateSpec => ({
  field: 'templates[0]',
  text: 'listen 8080;',
  dest: '/etc/app/app.conf',
  mode: 0o644,
  sources: ['settings'],
  ...overrides,
});
const values = new Map<string, unknown>([['settings', { greeting: 'hello' }]]);
const valueOf = (name: string): unknown => values.get(name);

describe('groupRevision ({{ reloader.revision }})', () => {
  const base = groupRevision({ templates: [template()] }, valueOf);

  it.each<[string, TemplateSpec[], (name: string) => unknown]>([
    ['a source value', [template()], (name) => (name === 'settings' ? { greeting: 'bonjour' } : undefined)],
    // The real-node seed test found this one: a template edit nginx refused kept the old revision, so verify passed on the old config.
    ['the template text alone', [template({ text: 'listen 8080; bogus_directive on;' })], valueOf],
    ['the destination', [template({ dest: '/etc/app/other.conf' })], valueOf],
    ['the mode', [template({ mode: 0o600 })], valueOf],
    ['a second template', [template(), template({ dest: '/etc/app/b.conf' })], valueOf],
  ])('changes with %s', (_what, templates, values) => {
    expect(groupRevision({ templates }, values)).not.toBe(base);
  });

  it('is stable for the same templates and values, and 16 hex digits', () => {
    expect(groupRevision({ templates: [template()] }, (name) => structuredClone(values.get(name)))).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });

  it('ignores sources no template reads', () => {
    expect(groupRevision({ templates: [template()] }, (name) => (name === 'settings' ? values.get(name) : 'unread'))).toBe(base);
  });
});
