import { describe, expect, it } from '@jest/globals';
import { parseReloaderConfig, ReloaderConfigError } from '../../../operator/reloader/reloader-config.ts';

const templates: Record<string, string> = { 'nginx.conf': 'events {}' };
const resolve = (src: string): string | undefined => templates[src];

const valid = `
sources:
  backends:
    endpointSlices: { service: web, port: http }
  settings:
    configMap: { name: web-settings }
  routes:
    etcd: { endpoints: ["http://127.0.0.1:2379"], prefix: /app/, dialTimeout: 2s }
groups:
  nginx:
    wait: { min: 50ms, max: 1s }
    reload:
      process: { name: nginx }
    verify:
      http: { url: "http://127.0.0.1:8080/-/revision", bodyContains: "{{ revision }}" }
templates:
  - src: nginx.conf
    dest: /etc/nginx/nginx.conf
    mode: "0640"
    uid: 101
    sources: [backends, settings]
    check: [nginx, -t, -c, "{{ src }}"]
    group: nginx
  - template: "{{ sources.routes | json }}"
    dest: /etc/app/routes.json
`;

function problems(text: string): readonly string[] {
  try {
    parseReloaderConfig(text, resolve, 'test');
  } catch (error) {
    if (error instanceof ReloaderConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('parseReloaderConfig', () => {
  it('normalizes a valid configuration with every default filled in', () => {
    const config = parseReloaderConfig(valid, resolve, 'test');
    expect(config.sources.routes).toEqual({ kind: 'etcd', endpoints: ['http://127.0.0.1:2379'], prefix: '/app/', dialTimeoutMs: 2000 });
    const [nginx, routes] = config.groups;
    expect(nginx).toMatchObject({
      name: 'nginx',
      minWaitMs: 50,
      maxWaitMs: 1000,
      reload: { kind: 'signal', signal: 'SIGHUP', process: { name: 'nginx' } },
      verify: { request: { method: 'GET', url: 'http://127.0.0.1:8080/-/revision' }, timeoutMs: 10_000 },
    });
    expect(nginx?.templates[0]).toMatchObject({ text: 'events {}', mode: 0o640, uid: 101, sources: ['backends', 'settings'] });
    // A template without a group is a group of its own, reading every source, with no reload.
    expect(routes).toMatchObject({ name: '/etc/app/routes.json', reload: { kind: 'none' }, minWaitMs: 200, maxWaitMs: 2000 });
    expect(routes?.templates[0]?.sources).toEqual(['backends', 'settings', 'routes']);
  });

  it.each([
    ['a missing dest', 'templates: [{ template: x }]', 'templates[0].dest: required'],
    ['an unknown field', 'templates: [{ template: x, dest: /a, dset: /b }]', 'templates[0].dset: unknown field'],
    ['a relative dest', 'templates: [{ template: x, dest: a.conf }]', 'templates[0].dest: must match pattern "^/"'],
    ['a bad mode', 'templates: [{ template: x, dest: /a, mode: "0999" }]', 'templates[0].mode: must match pattern'],
    ['both src and template', 'templates: [{ src: nginx.conf, template: x, dest: /a }]', 'templates[0]: set exactly one of src'],
    ['a src that is not a key', 'templates: [{ src: missing.conf, dest: /a }]', 'templates[0].src: "missing.conf" is not a key'],
    ['an undefined source', 'templates: [{ template: x, dest: /a, sources: [nope] }]', 'templates[0].sources[0]: "nope" is not defined under sources'],
    ['an undefined group', 'templates: [{ template: x, dest: /a, group: g }]', 'templates[0].group: "g" is not defined under groups'],
    ['a duplicate dest', 'templates: [{ template: x, dest: /a }, { template: y, dest: /a }]', 'templates[1].dest: /a is already the dest of templates[0]'],
    ['two source kinds', 'sources: { s: { configMap: { name: a }, secret: { name: b } } }\ntemplates: [{ template: x, dest: /a }]', 'sources.s: must NOT have more than 1 properties'],
    ['an etcd endpoint without scheme', 'sources: { s: { etcd: { endpoints: ["127.0.0.1:2379"], prefix: / } } }\ntemplates: [{ template: x, dest: /a }]', 'sources.s.etcd.endpoints[0]: must match pattern'],
    ['two reload kinds', 'groups: { g: { reload: { process: { name: n }, command: [x] } } }\ntemplates: [{ template: x, dest: /a, group: g }]', 'groups.g.reload: set exactly one of process'],
    ['an unknown signal', 'groups: { g: { reload: { signal: HUPP, process: { name: n } } } }\ntemplates: [{ template: x, dest: /a, group: g }]', 'groups.g.reload.signal: "HUPP" is not a signal name'],
    ['a bad cmdline regex', 'groups: { g: { reload: { process: { cmdline: "(" } } } }\ntemplates: [{ template: x, dest: /a, group: g }]', 'groups.g.reload.process.cmdline: not a regular expression'],
    ['max below min', 'groups: { g: { wait: { min: 2s, max: 1s } } }\ntemplates: [{ template: x, dest: /a, group: g }]', 'groups.g.wait.max: must not be shorter than wait.min'],
    ['a bad duration', 'groups: { g: { wait: { min: soon } } }\ntemplates: [{ template: x, dest: /a, group: g }]', 'groups.g.wait.min: must match pattern'],
    ['an unused group', 'groups: { g: {} }\ntemplates: [{ template: x, dest: /a }]', 'groups.g: no template uses this group'],
    ['no templates', 'sources: {}', 'templates: required'],
    ['not YAML', 'templates: [', '(document): not valid YAML'],
  ])('rejects %s, naming the field', (_name, text, expected) => {
    expect(problems(text).join('\n')).toContain(expected);
  });

  it('puts every problem in the error message', () => {
    expect(() => parseReloaderConfig('templates: [{ dest: a, mode: "9" }]', resolve, 'ConfigMap ns/cfg')).toThrow(
      /invalid reloader configuration ConfigMap ns\/cfg:\n {2}templates\[0\]\.dest: must match pattern "\^\/"\n {2}templates\[0\]\.mode: must match/,
    );
  });
});
