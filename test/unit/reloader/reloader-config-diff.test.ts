import { describe, expect, it } from '@jest/globals';
import { diffReloaderConfigs } from '../../../operator/reloader/reloader-config-diff.ts';
import { parseReloaderConfig } from '../../../operator/reloader/reloader-config.ts';

const parse = (text: string) => parseReloaderConfig(text, () => undefined, 'test');

const base = `
sources:
  settings: { configMap: { name: s } }
  backends: { endpointSlices: { service: web } }
groups:
  app: { wait: { min: 20ms } }
templates:
  - { template: "a={{ sources.settings.a }}", dest: /tmp/a.conf, group: app, sources: [settings] }
  - { template: "b", dest: /tmp/b.conf, sources: [backends] }
`;

describe('diffReloaderConfigs', () => {
  it('finds nothing between equal configurations, whatever the YAML looks like', () => {
    const reformatted = base.replace('{ min: 20ms }', '{ min: "20ms" }');
    expect(diffReloaderConfigs(parse(base), parse(reformatted))).toMatchObject({ unchanged: true, groupsChanged: [], sourcesChanged: [] });
  });

  it('names the group whose template changed, and only it', () => {
    const diff = diffReloaderConfigs(parse(base), parse(base.replace('a={{', 'a2={{')));
    expect(diff).toEqual({
      sourcesAdded: [], sourcesRemoved: [], sourcesChanged: [],
      groupsAdded: [], groupsRemoved: [], groupsChanged: ['app'], unchanged: false,
    });
  });

  it('tells added, removed and re-pointed sources apart', () => {
    const next = base
      .replace('settings: { configMap: { name: s } }', 'settings: { configMap: { name: s2 } }\n  extra: { file: { path: /tmp/x } }')
      .replace('  backends: { endpointSlices: { service: web } }\n', '')
      .replace('sources: [backends]', 'sources: [extra]');
    const diff = diffReloaderConfigs(parse(base), parse(next));
    expect(diff).toMatchObject({ sourcesAdded: ['extra'], sourcesRemoved: ['backends'], sourcesChanged: ['settings'], groupsChanged: ['/tmp/b.conf'] });
  });

  it('tells added and removed groups apart', () => {
    const next = base.replace('dest: /tmp/b.conf', 'dest: /tmp/c.conf');
    expect(diffReloaderConfigs(parse(base), parse(next))).toMatchObject({ groupsAdded: ['/tmp/c.conf'], groupsRemoved: ['/tmp/b.conf'], groupsChanged: [] });
  });
});
