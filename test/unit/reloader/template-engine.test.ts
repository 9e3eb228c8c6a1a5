import { describe, expect, it } from '@jest/globals';
import { createTemplateEngine } from '../../../operator/reloader/template-engine.ts';

const engine = createTemplateEngine();
const data = {
  sources: {
    settings: { workers: '4', greeting: 'hello' },
    routes: { '/app/upstreams/b': '10.0.0.2:80', '/app/upstreams/a': '10.0.0.1:80', '/app/other': 'x', '/app/json': '{"n":[1,2]}' },
    backends: [
      { address: '10.0.0.1:8080', ip: '10.0.0.1', port: 8080 },
      { address: '10.0.0.2:8080', ip: '10.0.0.2', port: 8080 },
    ],
  },
  reloader: { revision: 'abc123' },
};

async function render(text: string): Promise<string> {
  return engine.render(engine.compile(text), data);
}

describe('template helpers', () => {
  it.each([
    ['get a key', '{{ sources.settings | get: "workers" }}', '4'],
    ['a default for a missing key', '{{ sources.settings | get: "missing" | default: "2" }}', '2'],
    ['a key by property', '{{ sources.settings.greeting }}', 'hello'],
    ['a key with slashes', '{{ sources.routes["/app/other"] }}', 'x'],
    [
      'list a prefix, sorted, with names relative to it',
      '{% assign ups = sources.routes | list: "/app/upstreams/" %}{% for u in ups %}{{ u.name }}={{ u.value }};{% endfor %}',
      'a=10.0.0.1:80;b=10.0.0.2:80;',
    ],
    ['keys, sorted', '{{ sources.settings | keys | join: "," }}', 'greeting,workers'],
    ['endpoints', '{% for b in sources.backends %}server {{ b.address }};{% endfor %}', 'server 10.0.0.1:8080;server 10.0.0.2:8080;'],
    ['json', '{{ sources.settings | json }}', '{"workers":"4","greeting":"hello"}'],
    ['parse_json', '{% assign j = sources.routes | get: "/app/json" | parse_json %}{{ j.n | join: "+" }}', '1+2'],
    ['base64', '{{ "tandem" | base64_encode }} {{ "dGFuZGVt" | base64_decode }}', 'dGFuZGVt tandem'],
    ['the revision', '{{ reloader.revision }}', 'abc123'],
    ['an if on a missing key', '{% if sources.settings.missing %}y{% else %}n{% endif %}', 'n'],
  ])('%s', async (_name, template, expected) => {
    await expect(render(template)).resolves.toBe(expected);
  });

  it('rejects list on endpoints with a message naming the filter', async () => {
    await expect(render('{{ sources.backends | list: "/" }}')).rejects.toThrow(/the list filter takes a key-value source/);
  });
});

describe('template sandbox', () => {
  it.each([
    ['no process global', '{{ process.env.HOME }}', /undefined variable: process/],
    ['no require', '{{ require }}', /undefined variable: require/],
    ['no globalThis', '{{ globalThis }}', /undefined variable: globalThis/],
    ['no constructor walk', '{{ sources.settings.constructor }}', /undefined variable/],
    ['no prototype access', '{{ sources.settings.__proto__ }}', /undefined variable/],
    ['no prototype access by key', '{{ sources.settings["__proto__"] }}', /undefined variable/],
    ['no inherited methods', '{{ sources.settings.hasOwnProperty }}', /undefined variable/],
    ['no string methods', '{{ sources.settings.workers.constructor.constructor }}', /undefined variable/],
    ['no unknown filters', '{{ "x" | eval }}', /undefined filter: eval/],
  ])('%s', async (_name, template, error) => {
    await expect(render(template)).rejects.toThrow(error);
  });

  it.each([
    ['include', '{% include "/etc/passwd" %}'],
    ['render', '{% render "/etc/hostname" %}'],
    ['layout', '{% layout "/etc/passwd" %}'],
    ['include with a variable', '{% include sources.settings.greeting %}'],
  ])('refuses {%% %s %%} when compiling', (_name, template) => {
    expect(() => engine.compile(template)).toThrow(/is disabled: templates cannot read files/);
  });

  it('stops a render that runs too long or allocates too much', async () => {
    const loop = '{% for i in (1..100000000) %}{{ i }}{% endfor %}';
    await expect(render(loop)).rejects.toThrow(/(template render limit exceeded|memory alloc limit exceeded)/);
  });

  it('does not execute JavaScript in expressions', async () => {
    await expect(render('{{ "a" | append: "b" }}{{ 1 | plus: 2 }}{{ (function(){return 1})() }}')).rejects.toThrow();
  });
});
