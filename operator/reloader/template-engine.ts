// The sandboxed template engine. Templates come from users' ConfigMaps, so
// they must not run code or read files: liquidjs interprets its own small
// language (no JavaScript eval), here with every file-loading path closed
// (include/render/layout refuse, and the file system refuses too), only own
// properties visible (no __proto__/constructor walk), unknown filters and
// variables as errors, and limits on parse size, render time and memory.
import { Liquid, Tag, type FS, type TagToken, type Template, type TopLevelToken } from 'liquidjs';

export interface CompiledTemplate {
  readonly templates: Template[];
}

export interface TemplateEngine {
  /** Throws an Error with liquidjs' line:column when the text is not a valid template. */
  compile(text: string): CompiledTemplate;
  render(template: CompiledTemplate, data: Readonly<Record<string, unknown>>): Promise<string>;
}

/** Data passed to templates as `sources.NAME`: a key-value map, or a list of endpoints. */
export type KeyValues = Readonly<Record<string, string>>;

export const TEMPLATE_LIMITS = {
  /** Characters of one template. */
  parseLimit: 1_000_000,
  /** Milliseconds of one render. */
  renderLimit: 2_000,
  /** Roughly bytes allocated by one render's strings and arrays. */
  memoryLimit: 64_000_000,
} as const;

const NO_FILES = 'templates cannot read files: put everything a template needs in a source';

const refusingFs: FS = {
  exists: () => Promise.reject(new Error(NO_FILES)),
  existsSync: () => {
    throw new Error(NO_FILES);
  },
  readFile: () => Promise.reject(new Error(NO_FILES)),
  readFileSync: () => {
    throw new Error(NO_FILES);
  },
  resolve: () => {
    throw new Error(NO_FILES);
  },
};

/** Fails at compile time, so a template that tries to load a file is an invalid configuration. */
class RefusedTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    throw new Error(`{% ${token.name} %} is disabled: ${NO_FILES}`);
  }

  render(): never {
    throw new Error(`{% ${this.name} %} is disabled: ${NO_FILES}`);
  }
}

export function createTemplateEngine(): TemplateEngine {
  const liquid = new Liquid({
    fs: refusingFs,
    root: [],
    partials: [],
    layouts: [],
    dynamicPartials: false,
    relativeReference: false,
    strictFilters: true,
    strictVariables: true,
    lenientIf: true,
    ownPropertyOnly: true,
    cache: false,
    // Fixed, so output never depends on the container's locale; and without it
    // liquidjs asks Intl for the default locale at start-up, which maps ~5 MB
    // of ICU data into the reloader for a date filter most templates never use.
    locale: 'en-US',
    ...TEMPLATE_LIMITS,
  });
  for (const tag of ['include', 'render', 'layout']) liquid.registerTag(tag, RefusedTag);
  registerHelpers(liquid);
  return {
    compile: (text) => ({ templates: liquid.parse(text) }),
    render: async (template, data) => String(await liquid.render(template.templates, data)),
  };
}

/** confd's helpers, as filters over the values of `sources`. */
function registerHelpers(liquid: Liquid): void {
  // {{ sources.settings | get: "workers" | default: 2 }}: nil when missing, unlike a strict variable.
  liquid.registerFilter('get', (map: unknown, key: unknown) => {
    const values = keyValues(map, 'get');
    const name = String(key);
    return Object.hasOwn(values, name) ? values[name] : undefined;
  });
  // {% for kv in sources.routes | list: "/app/upstreams/" %}{{ kv.name }}={{ kv.value }}
  liquid.registerFilter('list', (map: unknown, prefix: unknown = '') => {
    const values = keyValues(map, 'list');
    const start = String(prefix);
    return Object.keys(values)
      .filter((key) => key.startsWith(start))
      .sort()
      .map((key) => ({ key, name: key.slice(start.length), value: values[key] }));
  });
  liquid.registerFilter('keys', (map: unknown) => Object.keys(keyValues(map, 'keys')).sort());
  liquid.registerFilter('parse_json', (text: unknown) => JSON.parse(String(text)) as unknown);
}

function keyValues(value: unknown, filter: string): KeyValues {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`the ${filter} filter takes a key-value source (configMap, secret, etcd, file)`);
  }
  return value as KeyValues;
}
