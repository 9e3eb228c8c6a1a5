// What every answer of POST /mutate-pods must be, whatever was sent (issue 12,
// "What to build" 3). One function judges the in-process answers and the
// ones the built webhook gives over TLS.
import jsonPatch, { type Operation } from 'fast-json-patch';
import { podProblems } from './pod-problems.ts';

export interface WebhookAnswer {
  readonly status: number;
  /** The decoded JSON body; a string when the body was not JSON. */
  readonly body: unknown;
}

/** What the checks found out, beside the problems. */
export interface Judgement {
  readonly problems: string[];
  readonly outcome: 'patched' | 'allowed' | 'denied' | 'refused';
  /** The request object with the patch applied, when there was a patch. */
  readonly patched?: Record<string, unknown>;
}

const MAX_MESSAGE = 2_300;
const MAX_ANSWER_WITHOUT_PATCH = 16 * 1024;
/** Containers of the fuzz sets that run Linux only, and the one that runs Windows only (test/fuzz/fuzz-sidecar-sets.ts). */
const LINUX_SIDECARS = new Set(['proxy', 'proxy-init', 'toString', 'log-shipper']);
const WINDOWS_SIDECARS = new Set(['windows-agent']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, ...path: string[]): unknown {
  let node = value;
  for (const key of path) node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return node;
}

/** The request body as the webhook reads it; undefined when it is not JSON. */
export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Judges `answer` to the body `text`. */
export function checkAnswer(text: string, answer: WebhookAnswer): Judgement {
  const problems: string[] = [];
  const request = parseBody(text);
  const uid = field(request, 'request', 'uid');
  const readableUid = typeof uid === 'string' && uid !== '' ? uid : undefined;
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}: ${cut(JSON.stringify(answer.body))}`);
  if (answer.status !== 200) {
    checkStatusBody(answer, problems);
    if (readableUid !== undefined && isWellFormedEnvelope(request)) problems.push(`HTTP ${answer.status} for a review with the readable UID ${readableUid}: a denial was due`);
    return { problems, outcome: 'refused' };
  }
  const response = field(answer.body, 'response');
  if (field(answer.body, 'apiVersion') !== 'admission.k8s.io/v1' || field(answer.body, 'kind') !== 'AdmissionReview' || !isObject(response)) {
    problems.push(`HTTP 200 without an admission.k8s.io/v1 AdmissionReview: ${cut(JSON.stringify(answer.body))}`);
    return { problems, outcome: 'refused' };
  }
  if (readableUid === undefined || response.uid !== readableUid) problems.push(`response.uid ${JSON.stringify(response.uid)} does not echo request.uid ${cut(JSON.stringify(uid))}`);
  checkSize(response, problems);
  if (response.allowed !== true) {
    const code = field(response, 'status', 'code');
    const message = field(response, 'status', 'message');
    if (typeof code !== 'number' || code < 400 || code >= 500) problems.push(`a denial with status.code ${JSON.stringify(code)}`);
    if (typeof message !== 'string' || message === '' || message.length > MAX_MESSAGE) problems.push(`a denial's message is missing or ${String(message).length} characters long`);
    if (response.patch !== undefined) problems.push('a denial carries a patch');
    return { problems, outcome: 'denied' };
  }
  if (response.patch === undefined) return { problems, outcome: 'allowed' };
  // Go's JSON decoder refuses more than 10,000 levels: the apiserver never sends such a pod, nor could a checker here copy it.
  if (nestingDepth(field(request, 'request', 'object')) > GO_MAX_DEPTH) return { problems, outcome: 'patched' };
  const patched = applyAnswerPatch(field(request, 'request', 'object'), response, problems);
  if (patched === undefined) return { problems, outcome: 'patched' };
  const subResource = field(request, 'request', 'subResource');
  // Go decodes a null subResource as "": the pod itself.
  if (field(request, 'request', 'operation') !== 'CREATE' || (subResource !== undefined && subResource !== null && subResource !== '')) {
    problems.push(`a patch for something else than a pod CREATE (subResource ${cut(JSON.stringify(subResource))})`);
  }
  checkPatchedPod(field(request, 'request', 'object') as Json, patched, problems);
  return { problems, outcome: 'patched', patched };
}

const GO_MAX_DEPTH = 10_000;

/** How deep `value` nests, measured without recursion. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (typeof node === 'object' && node !== null) for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function isWellFormedEnvelope(request: unknown): boolean {
  return field(request, 'apiVersion') === 'admission.k8s.io/v1' && field(request, 'kind') === 'AdmissionReview';
}

function checkStatusBody(answer: WebhookAnswer, problems: string[]): void {
  const body = answer.body;
  if (field(body, 'kind') !== 'Status' || field(body, 'code') !== answer.status) problems.push(`HTTP ${answer.status} without a Status of that code: ${cut(JSON.stringify(body))}`);
  const message = field(body, 'message');
  if (typeof message !== 'string' || message.length > MAX_MESSAGE) problems.push(`HTTP ${answer.status} with a message missing or ${String(message).length} characters long`);
}

function checkSize(response: Json, problems: string[]): void {
  // The UID is echoed whatever its length (the apiserver's are 36 characters; the body limit bounds a hostile one).
  const size = JSON.stringify({ ...response, patch: undefined, uid: undefined }).length;
  if (size > MAX_ANSWER_WITHOUT_PATCH) problems.push(`an answer of ${size} characters besides its patch`);
  const warnings = response.warnings;
  if (warnings !== undefined && (!Array.isArray(warnings) || warnings.some((warning) => typeof warning !== 'string' || warning.length > 512))) {
    problems.push('warnings are not a list of short strings');
  }
}

function applyAnswerPatch(object: unknown, response: Json, problems: string[]): Json | undefined {
  if (response.patchType !== 'JSONPatch' || typeof response.patch !== 'string') {
    problems.push(`a patch of type ${JSON.stringify(response.patchType)} that is not a base64 string`);
    return undefined;
  }
  try {
    const operations = JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8')) as Operation[];
    if (!Array.isArray(operations) || operations.length === 0) throw new Error('not a non-empty list of operations');
    // validate=true: fast-json-patch refuses an operation RFC 6902 does not allow (a replace without value, a path that is not there).
    const result = jsonPatch.applyPatch(structuredCloneJson(object), operations, true, false).newDocument;
    if (!isObject(result)) throw new Error('the patched object is not an object');
    return result;
  } catch (error) {
    problems.push(`the patch does not apply to the request object: ${(error as Error).message}`);
    return undefined;
  }
}

/** A deep copy that keeps `__proto__` keys as own keys, as JSON.parse made them. */
export function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function checkPatchedPod(before: Json, after: Json, problems: string[]): void {
  const was = podProblems(before);
  const is = podProblems(after);
  if (was.length === 0 && is.length > 0) problems.push(`the patched pod is not a valid pod: ${is.join('; ')}`);
  keptUserFields(before, after, problems);
  processNamespaceKept(before, after, problems);
  operatingSystemRespected(before, after, problems);
}

interface Named {
  readonly name?: unknown;
}

function listOf(pod: Json, ...path: string[]): Named[] {
  const list = field(pod, ...path);
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/**
 * What a pod's injection record (tandem.dev/injection-record) claims Tandem
 * added: the names in it and the pod-level fields it says Tandem set. Tandem
 * may strip those (when they still match); nothing else.
 */
interface RecordClaims {
  readonly names: ReadonlySet<unknown>;
  readonly defaultContainer: boolean;
  readonly shareProcessNamespace: boolean;
}

function recordClaims(pod: Json): RecordClaims {
  const text = field(pod, 'metadata', 'annotations', 'tandem.dev/injection-record');
  const record = typeof text === 'string' ? parseBody(text) : undefined;
  const names = new Set<unknown>();
  JSON.stringify(record ?? null, (key, value: unknown) => {
    names.add(key);
    if (typeof value === 'string') names.add(value);
    return value;
  });
  return { names, defaultContainer: field(record, 'setDefaultContainer') === true, shareProcessNamespace: field(record, 'setShareProcessNamespace') === true };
}

/**
 * Injection only adds: every container, volume, label and annotation the pod
 * came with is there after, unchanged, Tandem's own keys aside and what the
 * pod's record says Tandem added before.
 */
function keptUserFields(before: Json, after: Json, problems: string[]): void {
  const claims = recordClaims(before);
  for (const path of [['spec', 'containers'], ['spec', 'initContainers'], ['spec', 'volumes'], ['spec', 'imagePullSecrets']]) {
    const afterItems = listOf(after, ...path);
    for (const item of listOf(before, ...path)) {
      if (claims.names.has(item.name)) continue;
      const kept = afterItems.some((other) => JSON.stringify(other) === JSON.stringify(item));
      if (!kept) problems.push(`the patch changed or removed ${path.join('.')} item ${cut(JSON.stringify(item.name ?? item))}`);
    }
  }
  for (const path of [['metadata', 'labels'], ['metadata', 'annotations']]) {
    const beforeMap = field(before, ...path);
    const afterMap = field(after, ...path);
    if (!isObject(beforeMap)) continue;
    for (const [key, value] of Object.entries(beforeMap)) {
      if (key.startsWith('tandem.dev/') || claims.names.has(key)) continue;
      if (key === 'kubectl.kubernetes.io/default-container' && claims.defaultContainer) continue;
      if (!isObject(afterMap) || !Object.hasOwn(afterMap, key) || afterMap[key] !== value) problems.push(`the patch changed or removed ${path.join('.')}[${JSON.stringify(key)}]`);
    }
  }
}

function processNamespaceKept(before: Json, after: Json, problems: string[]): void {
  const share = field(before, 'spec', 'shareProcessNamespace');
  const now = field(after, 'spec', 'shareProcessNamespace');
  const tandems = share === true && recordClaims(before).shareProcessNamespace;
  if (share !== undefined && now !== share && !tandems) problems.push(`shareProcessNamespace: ${JSON.stringify(share)} became ${now === undefined ? 'unset' : JSON.stringify(now)}`);
  if (share === undefined && now === true && (field(before, 'spec', 'hostPID') === true || isWindows(before))) {
    problems.push('shareProcessNamespace turned on in a pod that cannot have it (hostPID or Windows)');
  }
}

function isWindows(pod: Json): boolean {
  if (field(pod, 'spec', 'os', 'name') === 'windows') return true;
  if (field(pod, 'spec', 'nodeSelector', 'kubernetes.io/os') === 'windows') return true;
  return JSON.stringify(field(pod, 'spec', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution') ?? null).includes('"windows"');
}

function operatingSystemRespected(before: Json, after: Json, problems: string[]): void {
  const had = new Set([...listOf(before, 'spec', 'containers'), ...listOf(before, 'spec', 'initContainers')].map((container) => container.name));
  const added = [...listOf(after, 'spec', 'containers'), ...listOf(after, 'spec', 'initContainers')].map((container) => container.name).filter((name) => !had.has(name));
  const wrong = isWindows(before) ? LINUX_SIDECARS : WINDOWS_SIDECARS;
  for (const name of added) if (typeof name === 'string' && wrong.has(name)) problems.push(`a ${isWindows(before) ? 'Windows' : 'Linux'} pod got the sidecar ${name}`);
}

function cut(text: string | undefined): string {
  const value = text ?? 'undefined';
  return value.length > 300 ? `${value.slice(0, 300)}... (${value.length} characters)` : value;
}
