import { randomBytes } from 'node:crypto';
import type { ControllerEvent } from '../controller/controller-event.ts';
import type { Logger } from '../logging/logger.ts';
import type { KubeClient } from './kube-client.ts';

export interface EventRecorderOptions {
  readonly client: KubeClient;
  readonly logger: Logger;
  /** reportingComponent / source.component. */
  readonly component: string;
  /** reportingInstance / source.host: the replica's identity. */
  readonly instance: string;
  /** The same event (object, reason, message) is recorded at most once per this window. Default 10 min. */
  readonly dedupeMs?: number;
  /** Events waiting beyond this are dropped (and counted in a log line). Default 1,000. */
  readonly maxPending?: number;
}

export interface EventRecorder {
  record(event: ControllerEvent): void;
  /** Waits for pending events to be sent (shutdown). */
  flush(): Promise<void>;
}

/** Events of cluster-scoped objects go to "default", as kubectl and client-go do. */
const CLUSTER_EVENT_NAMESPACE = 'default';

function involvedObject(target: ControllerEvent['target']): Record<string, string> {
  switch (target.kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind: 'Pod', namespace: target.namespace, name: target.name, uid: target.uid };
    case 'Owner':
      return { apiVersion: target.apiVersion, kind: target.ownerKind, namespace: target.namespace, name: target.name, uid: target.uid };
    case 'SidecarSet':
      return { apiVersion: 'tandem.dev/v1alpha1', kind: 'SidecarSet', name: target.name, uid: target.uid };
  }
}

/**
 * core/v1 Events, best effort: never throws to the caller, sends in the
 * background two at a time, drops duplicates within the window and
 * everything beyond the backlog limit. Events are for humans; the status is
 * the contract.
 */
export function createEventRecorder(options: EventRecorderOptions): EventRecorder {
  const recent = new Map<string, number>();
  const pending: ControllerEvent[] = [];
  const dedupeMs = options.dedupeMs ?? 600_000;
  let active = 0;
  let dropped = 0;
  let idle: (() => void)[] = [];

  const send = async (event: ControllerEvent): Promise<void> => {
    const { target } = event;
    const namespace = target.kind === 'SidecarSet' ? CLUSTER_EVENT_NAMESPACE : target.namespace;
    const now = new Date().toISOString();
    const body = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${event.target.name}.${Date.now().toString(16)}${randomBytes(3).toString('hex')}`, namespace },
      involvedObject: involvedObject(target),
      type: event.type,
      reason: event.reason,
      message: event.message.slice(0, 1024),
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      source: { component: options.component, host: options.instance },
      reportingComponent: options.component,
      reportingInstance: options.instance,
    };
    const response = await options.client.request({ method: 'POST', path: `/api/v1/namespaces/${namespace}/events`, body });
    if (response.status >= 300) options.logger.debug({ status: response.status, reason: event.reason }, 'event not recorded');
  };

  const pump = (): void => {
    while (active < 2 && pending.length > 0) {
      const event = pending.shift();
      if (event === undefined) break;
      active += 1;
      send(event)
        .catch((error: unknown) => {
          options.logger.debug({ err: error, reason: event.reason }, 'event not recorded');
        })
        .finally(() => {
          active -= 1;
          pump();
        });
    }
    if (active === 0 && pending.length === 0) {
      for (const wake of idle) wake();
      idle = [];
    }
  };

  return {
    record: (event) => {
      const key = `${event.target.uid}|${event.target.name}|${event.reason}|${event.message}`;
      const now = Date.now();
      const last = recent.get(key);
      if (last !== undefined && now - last < dedupeMs) return;
      recent.set(key, now);
      if (recent.size > 20_000) {
        for (const [oldKey, at] of recent) if (now - at >= dedupeMs) recent.delete(oldKey);
      }
      if (pending.length >= (options.maxPending ?? 1_000)) {
        if (dropped++ % 100 === 0) options.logger.warn({ dropped }, 'too many events pending; dropping some');
        return;
      }
      pending.push(event);
      pump();
    },
    flush: () =>
      new Promise((resolve) => {
        if (active === 0 && pending.length === 0) resolve();
        else idle.push(resolve);
      }),
  };
}
