import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { allowed, denied, errored } from '../admission/admission-response.ts';
import {
  parsePodAdmissionReview,
  type AdmissionRequestInfo,
  type PodCreateRequest,
} from '../admission/parse-pod-admission-review.ts';
import type { KubeVersion } from '../injection/kube-version.ts';
import { admissionLogger, type Logger } from '../logging/logger.ts';
import { mutatePod } from '../admission/mutate-pod.ts';
import { MAX_BODY_BYTES, readRequestBody } from './read-request-body.ts';
import { sendJson, statusBody } from './send-json.ts';
import type { NamespaceSource, SidecarSetSource } from './sources.ts';
import type { AdmissionResult, WebhookMetrics } from './webhook-metrics.ts';

export interface AdmissionHandlerOptions {
  readonly sidecarSets: SidecarSetSource;
  readonly namespaces: NamespaceSource;
  /** For nativeSidecars: Auto; undefined assumes a current cluster. */
  readonly kubeVersion: KubeVersion | undefined;
  readonly metrics: WebhookMetrics;
  readonly logger: Logger;
  /** Default 3 MiB, the apiserver's own limit. */
  readonly maxBodyBytes?: number;
  /** True while the server shuts down: answers then ask the client to close the connection. */
  readonly closing?: () => boolean;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** What to answer, and how to account for it. */
interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** Set when an AdmissionReview was answered (or should have been: 5xx). */
  readonly result?: AdmissionResult;
  /** Set when the request was malformed: the invalid-requests metric label. */
  readonly invalid?: string;
  readonly injected?: readonly string[];
  readonly close?: boolean;
}

/**
 * POST /mutate-pods. Every request ends in exactly one answer, one count and
 * at least one log line: malformed input is refused with a 4xx (no usable
 * UID) or a denied AdmissionReview (UID known); an internal error is a 5xx
 * carrying the UID, so the apiserver applies the webhook's failurePolicy.
 */
export function createAdmissionHandler(options: AdmissionHandlerOptions): RequestHandler {
  return async (request, response) => {
    const started = performance.now();
    let reply: Reply;
    try {
      reply = await decide(request, options);
    } catch (error) {
      // Only reachable through a bug while reading the body: no UID can be known.
      options.logger.error({ err: error }, 'unexpected error before the request UID was known');
      reply = { status: 500, body: statusBody(500, 'tandem: internal error in the webhook'), result: 'error' };
    }
    sendJson(response, reply.status, reply.body, { close: reply.close === true || options.closing?.() === true });
    account(options.metrics, reply, (performance.now() - started) / 1000);
  };
}

async function decide(request: IncomingMessage, options: AdmissionHandlerOptions): Promise<Reply> {
  const refusal = httpRefusal(request);
  if (refusal !== undefined) return refuse(options.logger, refusal);
  const read = await readRequestBody(request, options.maxBodyBytes ?? MAX_BODY_BYTES);
  if (!read.ok) {
    const status = read.reason === 'too-large' ? 413 : 400;
    return refuse(options.logger, { status, invalid: read.reason, message: read.message, close: true });
  }
  return answerBody(read.body, options);
}

/**
 * Answers the bytes of one POST /mutate-pods body exactly as the handler does
 * once it has read them (the HTTP checks aside): the in-process half of the
 * fuzzer (test/unit/webhook/admission-fuzz.test.ts) drives this.
 */
export async function answerAdmissionBody(body: Buffer, options: AdmissionHandlerOptions): Promise<{ readonly status: number; readonly body: unknown }> {
  const reply = await answerBody(body, options);
  return { status: reply.status, body: reply.body };
}

async function answerBody(bytes: Buffer, options: AdmissionHandlerOptions): Promise<Reply> {
  let body: unknown;
  try {
    // JSON.parse does not recurse: any depth parses; what reads the result must stay bounded (tooDeep).
    body = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return refuse(options.logger, {
      status: 400,
      invalid: 'malformed-json',
      message: `the request body is not valid JSON: ${(error as Error).message}`,
    });
  }
  try {
    return await answerReview(body, options);
  } catch (error) {
    if (isStackOverflow(error)) return tooDeep(options.logger, uidOf(body));
    // A bug in parsing or admitting: still answer with the UID when the body has one.
    return internalError(options.logger, uidOf(body), error);
  }
}

/**
 * A review nested so deep that walking it overflowed the stack. The apiserver
 * never sends one (it decodes pods into their types, and Go's JSON stops at
 * 10,000 levels), so it is malformed input: a 400 or a denial with the UID,
 * never a 500.
 */
function tooDeep(logger: Logger, uid: string | undefined): Reply {
  const message = 'the review nests values too deeply to be read (no pod does): refused';
  if (uid === undefined) return refuse(logger, { status: 400, invalid: 'too-deep', message });
  logger.warn({ uid, reason: 'too-deep' }, `denied malformed review: ${message}`);
  return { status: 200, body: denied(uid, { code: 400, message: `tandem: ${message}` }), result: 'denied', invalid: 'too-deep' };
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes('call stack');
}

function uidOf(body: unknown): string | undefined {
  const uid = (body as { request?: { uid?: unknown } } | null)?.request?.uid;
  return typeof uid === 'string' && uid !== '' ? uid : undefined;
}

function internalError(log: Logger, uid: string | undefined, error: unknown): Reply {
  const named = uid === undefined || 'uid' in log.bindings() ? {} : { uid };
  log.error({ err: error, ...named }, 'internal error while answering; 500 so failurePolicy applies');
  const message = `tandem: internal error in the webhook${uid === undefined ? '' : ` (request ${uid})`}; see the webhook log`;
  const body = uid === undefined ? statusBody(500, message) : errored(uid, { code: 500, message });
  return { status: 500, body, result: 'error' };
}

interface Refusal {
  readonly status: number;
  readonly invalid: string;
  readonly message: string;
  readonly close?: boolean;
}

function httpRefusal(request: IncomingMessage): Refusal | undefined {
  if (request.method !== 'POST') {
    return { status: 405, invalid: 'method', message: `method ${request.method ?? ''} is not allowed; use POST` };
  }
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    // The body is left unread: close the connection rather than parse past it.
    return {
      status: 415,
      invalid: 'content-type',
      message: `Content-Type "${request.headers['content-type'] ?? ''}" is not application/json`,
      close: true,
    };
  }
  return undefined;
}

function refuse(logger: Logger, refusal: Refusal): Reply {
  logger.warn({ reason: refusal.invalid, status: refusal.status }, `refused request: ${refusal.message}`);
  return {
    status: refusal.status,
    body: statusBody(refusal.status, `tandem: ${refusal.message}`),
    invalid: refusal.invalid,
    ...(refusal.close === true ? { close: true } : {}),
  };
}

function answerReview(body: unknown, options: AdmissionHandlerOptions): Reply | Promise<Reply> {
  const parsed = parsePodAdmissionReview(body);
  switch (parsed.outcome) {
    case 'invalid': {
      if (parsed.uid === undefined) return refuse(options.logger, { status: 400, ...parsed, invalid: parsed.reason });
      options.logger.warn({ uid: parsed.uid, reason: parsed.reason }, `denied malformed review: ${parsed.message}`);
      const review = denied(parsed.uid, { code: 400, message: `tandem: ${parsed.message}` });
      return { status: 200, body: review, result: 'denied', invalid: parsed.reason };
    }
    case 'pass':
      // Pod updates can be frequent: no child logger unless it will be used.
      if (options.logger.isLevelEnabled('debug')) {
        requestLogger(options.logger, parsed.request).debug({ why: parsed.why }, 'allowed without injection');
      }
      return { status: 200, body: allowed(parsed.request.uid), result: 'unchanged' };
    case 'create':
      return namespaceKnown(parsed.request, options) ? admit(parsed.request, options) : admitLater(parsed.request, options);
  }
}

/** How long a pod waits for its namespace to reach the cache; well inside the apiserver's webhook timeout. */
export const NAMESPACE_WAIT_MS = 2_000;

function namespaceKnown(request: PodCreateRequest, options: AdmissionHandlerOptions): boolean {
  return options.namespaces.labelsOf(request.namespace) !== undefined;
}

/** The rare slow path: the namespace is newer than the cache. */
async function admitLater(request: PodCreateRequest, options: AdmissionHandlerOptions): Promise<Reply> {
  if (options.namespaces.synced() && options.namespaces.waitFor !== undefined) {
    await options.namespaces.waitFor(request.namespace, NAMESPACE_WAIT_MS);
  }
  return admit(request, options);
}

function admit(request: PodCreateRequest, options: AdmissionHandlerOptions): Reply {
  const log = requestLogger(options.logger, request);
  try {
    const unavailable = unavailability(request, options);
    if (unavailable !== undefined) {
      log.warn(`cannot decide yet, failing the call: ${unavailable}`);
      return { status: 503, body: errored(request.uid, { code: 503, message: `tandem: ${unavailable}` }), result: 'error' };
    }
    const mutation = mutatePod(request, {
      sidecarSets: options.sidecarSets.list(),
      namespaceLabels: options.namespaces.labelsOf(request.namespace) ?? {},
      kubeVersion: options.kubeVersion,
    });
    if (mutation.rejected) {
      log.info({ result: 'denied', decisions: mutation.decisions.filter((decision) => decision.reason === 'InvalidOverride') }, 'denied pod');
      return { status: 200, body: mutation.review, result: 'denied' };
    }
    log.info(
      { result: mutation.changed ? 'injected' : 'unchanged', injected: mutation.injected, patchOperations: mutation.patchOperations },
      'admitted pod',
    );
    if (log.isLevelEnabled('debug')) log.debug({ decisions: mutation.decisions }, 'injection decisions');
    const result = mutation.changed ? 'injected' : 'unchanged';
    return { status: 200, body: mutation.review, result, injected: mutation.injected };
  } catch (error) {
    if (isStackOverflow(error)) return tooDeep(log, request.uid);
    // The request's own logger: the line carries namespace and pod name too.
    return internalError(log, request.uid, error);
  }
}

/** Why the webhook cannot answer correctly right now, if it cannot. */
function unavailability(request: PodCreateRequest, options: AdmissionHandlerOptions): string | undefined {
  if (!options.sidecarSets.synced()) return 'SidecarSets are not loaded yet';
  if (!options.namespaces.synced()) return 'namespaces are not loaded yet';
  if (!namespaceKnown(request, options)) {
    return `namespace "${request.namespace}" is not known yet, so its opt-in label cannot be read`;
  }
  return undefined;
}

function requestLogger(parent: Logger, request: AdmissionRequestInfo & { object?: PodCreateRequest['object'] }): Logger {
  const metadata = request.object?.metadata;
  const name = metadata?.name ?? request.name;
  return admissionLogger(parent, {
    uid: request.uid,
    operation: request.operation,
    namespace: request.namespace,
    ...(name !== '' ? { name } : {}),
    ...(name === '' && metadata?.generateName !== undefined ? { generateName: metadata.generateName } : {}),
    ...(request.dryRun ? { dryRun: true } : {}),
  });
}

function account(metrics: WebhookMetrics, reply: Reply, seconds: number): void {
  metrics.duration.observe(seconds);
  if (reply.result !== undefined) metrics.admissions.inc({ result: reply.result });
  if (reply.invalid !== undefined) metrics.invalidRequests.inc({ reason: reply.invalid });
  for (const sidecarset of reply.injected ?? []) metrics.injections.inc({ sidecarset });
}
