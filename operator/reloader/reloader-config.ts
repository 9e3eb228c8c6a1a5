// The reloader's configuration: YAML validated against
// reloader-config.schema.json (through the validator generated from it at
// build time, generated/reloader-config-validator.js: no ajv compile at start),
// then checked for what a schema cannot say
// (references between sections, one reload kind, real signal names) and
// normalized, so the rest of the reloader never sees an optional default.
import type { ErrorObject } from 'ajv';
import { constants } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { validateReloaderConfig } from './generated/reloader-config-validator.js';
import { parseDuration } from './parse-duration.ts';

export const CONFIG_KEY = 'reloader.yaml';

export type SourceSpec =
  | { readonly kind: 'configMap' | 'secret'; readonly name: string; readonly namespace?: string }
  | { readonly kind: 'endpointSlices'; readonly service: string; readonly namespace?: string; readonly port?: string | number }
  | { readonly kind: 'etcd'; readonly endpoints: readonly string[]; readonly prefix: string; readonly dialTimeoutMs: number }
  | { readonly kind: 'file'; readonly path: string; readonly rescanMs: number };

export type ProcessRule =
  | { readonly name: string }
  | { readonly cmdline: string }
  | { readonly pidFile: string };

export interface HttpRequestSpec {
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Undefined: any 2xx. */
  readonly status?: number;
  readonly bodyContains?: string;
}

export type ReloadSpec =
  | { readonly kind: 'signal'; readonly signal: NodeJS.Signals; readonly process: ProcessRule; readonly timeoutMs: number }
  | { readonly kind: 'http'; readonly request: HttpRequestSpec; readonly timeoutMs: number }
  | { readonly kind: 'command'; readonly argv: readonly string[]; readonly timeoutMs: number }
  | { readonly kind: 'none' };

export interface TemplateSpec {
  /** templates[i], for messages. */
  readonly field: string;
  readonly text: string;
  readonly dest: string;
  readonly mode: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly sources: readonly string[];
  readonly check?: readonly string[];
}

export interface GroupSpec {
  readonly name: string;
  readonly minWaitMs: number;
  readonly maxWaitMs: number;
  readonly checkTimeoutMs: number;
  readonly reload: ReloadSpec;
  readonly verify?: { readonly request: HttpRequestSpec; readonly timeoutMs: number };
  readonly templates: readonly TemplateSpec[];
}

export interface ReloaderConfig {
  readonly sources: Readonly<Record<string, SourceSpec>>;
  readonly groups: readonly GroupSpec[];
}

export const DEFAULTS = {
  minWaitMs: 200,
  maxWaitMs: 2_000,
  checkTimeoutMs: 30_000,
  reloadTimeoutMs: 10_000,
  verifyTimeoutMs: 10_000,
  etcdDialTimeoutMs: 5_000,
  fileRescanMs: 30_000,
  mode: 0o644,
} as const;

/** Every problem found, each starting with the field it is about: `templates[0].dest: ...`. */
export class ReloaderConfigError extends Error {
  readonly problems: readonly string[];
  constructor(origin: string, problems: readonly string[]) {
    super(`invalid reloader configuration ${origin}:\n  ${problems.join('\n  ')}`);
    this.name = 'ReloaderConfigError';
    this.problems = problems;
  }
}

/** Looks a template's src up: a key of the config ConfigMap, or a file beside the config file. */
export type TemplateResolver = (src: string) => string | undefined;

/** Parses and validates; throws ReloaderConfigError naming every wrong field. */
export function parseReloaderConfig(text: string, resolve: TemplateResolver, origin: string): ReloaderConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ReloaderConfigError(origin, [`(document): not valid YAML: ${(error as Error).message}`]);
  }
  if (!validateReloaderConfig(raw)) throw new ReloaderConfigError(origin, schemaProblems(validateReloaderConfig.errors ?? []));
  const problems: string[] = [];
  const config = normalize(raw as RawConfig, resolve, problems);
  if (problems.length > 0) throw new ReloaderConfigError(origin, problems);
  return config;
}

function schemaProblems(errors: readonly ErrorObject[]): string[] {
  const problems = errors
    // oneOf/anyOf summaries repeat what their branches said.
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const field = fieldPath(error.instancePath);
      if (error.keyword === 'required') return `${childField(field, String(error.params.missingProperty))}: required`;
      if (error.keyword === 'additionalProperties') {
        return `${childField(field, String(error.params.additionalProperty))}: unknown field`;
      }
      if (error.keyword === 'enum') return `${field || '(document)'}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
      return `${field || '(document)'}: ${error.message ?? error.keyword}`;
    });
  return [...new Set(problems)];
}

/** /templates/0/reload -> templates[0].reload */
function fieldPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const step = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    path = /^[0-9]+$/.test(step) ? `${path}[${step}]` : childField(path, step);
  }
  return path;
}

function childField(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

// The raw shapes the schema guarantees.
interface RawConfig {
  sources?: Record<string, RawSource>;
  groups?: Record<string, RawGroup>;
  templates: RawTemplate[];
}
interface RawSource {
  configMap?: { name: string; namespace?: string };
  secret?: { name: string; namespace?: string };
  endpointSlices?: { service: string; namespace?: string; port?: string | number };
  etcd?: { endpoints: string[]; prefix: string; dialTimeout?: string };
  file?: { path: string; rescan?: string };
}
interface RawTemplate {
  src?: string;
  template?: string;
  dest: string;
  mode?: string;
  uid?: number;
  gid?: number;
  sources?: string[];
  check?: string[];
  group?: string;
}
interface RawHttp {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  status?: number;
  bodyContains?: string;
}
interface RawReload {
  signal?: string;
  process?: { name?: string; cmdline?: string; pidFile?: string };
  http?: RawHttp;
  command?: string[];
  timeout?: string;
}
interface RawGroup {
  wait?: { min?: string; max?: string };
  reload?: RawReload;
  verify?: { http: RawHttp; timeout?: string };
  checkTimeout?: string;
}

function normalize(raw: RawConfig, resolve: TemplateResolver, problems: string[]): ReloaderConfig {
  const sources: Record<string, SourceSpec> = {};
  for (const [name, source] of Object.entries(raw.sources ?? {})) sources[name] = normalizeSource(source);
  const members = new Map<string, TemplateSpec[]>();
  const destinations = new Map<string, string>();
  raw.templates.forEach((template, index) => {
    const field = `templates[${index}]`;
    const spec = normalizeTemplate(template, field, { resolve, sourceNames: Object.keys(sources), problems });
    const previous = destinations.get(spec.dest);
    if (previous !== undefined) problems.push(`${field}.dest: ${spec.dest} is already the dest of ${previous}`);
    destinations.set(spec.dest, field);
    const group = template.group ?? spec.dest;
    if (template.group !== undefined && raw.groups?.[template.group] === undefined) {
      problems.push(`${field}.group: "${template.group}" is not defined under groups`);
    }
    members.set(group, [...(members.get(group) ?? []), spec]);
  });
  const groups: GroupSpec[] = [];
  for (const [name, templates] of members) {
    groups.push(normalizeGroup(name, raw.groups?.[name] ?? {}, templates, problems));
  }
  for (const name of Object.keys(raw.groups ?? {})) {
    if (!members.has(name)) problems.push(`groups.${name}: no template uses this group`);
  }
  return { sources, groups };
}

function normalizeSource(raw: RawSource): SourceSpec {
  if (raw.configMap !== undefined) return { kind: 'configMap', ...raw.configMap };
  if (raw.secret !== undefined) return { kind: 'secret', ...raw.secret };
  if (raw.endpointSlices !== undefined) return { kind: 'endpointSlices', ...raw.endpointSlices };
  if (raw.etcd !== undefined) {
    const { endpoints, prefix, dialTimeout } = raw.etcd;
    return { kind: 'etcd', endpoints, prefix, dialTimeoutMs: durationOr(dialTimeout, DEFAULTS.etcdDialTimeoutMs) };
  }
  const file = raw.file ?? { path: '/' };
  return { kind: 'file', path: file.path, rescanMs: durationOr(file.rescan, DEFAULTS.fileRescanMs) };
}

interface TemplateContext {
  readonly resolve: TemplateResolver;
  readonly sourceNames: readonly string[];
  readonly problems: string[];
}

function normalizeTemplate(raw: RawTemplate, field: string, context: TemplateContext): TemplateSpec {
  const { problems } = context;
  let text = raw.template ?? '';
  if ((raw.src === undefined) === (raw.template === undefined)) {
    problems.push(`${field}: set exactly one of src (a key of the ConfigMap) and template (inline)`);
  } else if (raw.src !== undefined) {
    const resolved = context.resolve(raw.src);
    if (resolved === undefined) problems.push(`${field}.src: "${raw.src}" is not a key of the configuration ConfigMap (nor a file beside the configuration file)`);
    text = resolved ?? '';
  }
  const sources = raw.sources ?? context.sourceNames;
  sources.forEach((name, index) => {
    if (!context.sourceNames.includes(name)) problems.push(`${field}.sources[${index}]: "${name}" is not defined under sources`);
  });
  return {
    field,
    text,
    dest: raw.dest,
    mode: raw.mode === undefined ? DEFAULTS.mode : Number.parseInt(raw.mode, 8),
    ...(raw.uid !== undefined ? { uid: raw.uid } : {}),
    ...(raw.gid !== undefined ? { gid: raw.gid } : {}),
    sources,
    ...(raw.check !== undefined ? { check: raw.check } : {}),
  };
}

function normalizeGroup(name: string, raw: RawGroup, templates: readonly TemplateSpec[], problems: string[]): GroupSpec {
  const field = `groups.${name}`;
  const minWaitMs = durationOr(raw.wait?.min, DEFAULTS.minWaitMs);
  const maxWaitMs = durationOr(raw.wait?.max, Math.max(DEFAULTS.maxWaitMs, minWaitMs));
  if (maxWaitMs < minWaitMs) problems.push(`${field}.wait.max: must not be shorter than wait.min`);
  return {
    name,
    minWaitMs,
    maxWaitMs,
    checkTimeoutMs: durationOr(raw.checkTimeout, DEFAULTS.checkTimeoutMs),
    reload: normalizeReload(raw.reload, `${field}.reload`, problems),
    ...(raw.verify !== undefined
      ? { verify: { request: httpRequest(raw.verify.http), timeoutMs: durationOr(raw.verify.timeout, DEFAULTS.verifyTimeoutMs) } }
      : {}),
    templates,
  };
}

function normalizeReload(raw: RawReload | undefined, field: string, problems: string[]): ReloadSpec {
  if (raw === undefined) return { kind: 'none' };
  const kinds = (['process', 'http', 'command'] as const).filter((kind) => raw[kind] !== undefined);
  if (kinds.length !== 1) {
    problems.push(`${field}: set exactly one of process (send a signal), http or command; found ${kinds.join(', ') || 'none'}`);
    return { kind: 'none' };
  }
  const timeoutMs = durationOr(raw.timeout, DEFAULTS.reloadTimeoutMs);
  if (raw.signal !== undefined && raw.process === undefined) problems.push(`${field}.signal: only applies with process`);
  if (raw.http !== undefined) return { kind: 'http', request: httpRequest(raw.http), timeoutMs };
  if (raw.command !== undefined) return { kind: 'command', argv: raw.command, timeoutMs };
  return signalReload(raw, { field, timeoutMs }, problems);
}

function signalReload(raw: RawReload, where: { field: string; timeoutMs: number }, problems: string[]): ReloadSpec {
  const { field, timeoutMs } = where;
  const signal = signalName(raw.signal ?? 'HUP');
  if (signal === undefined) problems.push(`${field}.signal: "${raw.signal ?? ''}" is not a signal name such as HUP, USR1 or USR2`);
  return { kind: 'signal', signal: signal ?? 'SIGHUP', process: processRule(raw.process ?? {}, `${field}.process`, problems), timeoutMs };
}

function processRule(raw: NonNullable<RawReload['process']>, field: string, problems: string[]): ProcessRule {
  if (raw.name !== undefined) return { name: raw.name };
  if (raw.pidFile !== undefined) return { pidFile: raw.pidFile };
  const cmdline = raw.cmdline ?? '';
  try {
    new RegExp(cmdline);
  } catch (error) {
    problems.push(`${field}.cmdline: not a regular expression: ${(error as Error).message}`);
  }
  return { cmdline };
}

function signalName(text: string): NodeJS.Signals | undefined {
  const name = text.startsWith('SIG') ? text : `SIG${text}`;
  return name in constants.signals ? (name as NodeJS.Signals) : undefined;
}

function httpRequest(raw: RawHttp): HttpRequestSpec {
  return {
    url: raw.url,
    method: raw.method ?? 'GET',
    ...(raw.status !== undefined ? { status: raw.status } : {}),
    ...(raw.bodyContains !== undefined ? { bodyContains: raw.bodyContains } : {}),
  };
}

function durationOr(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : parseDuration(text);
}
