import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger.ts';
import type { KubeClient } from './kube-client.ts';

export interface LeaderElectionTiming {
  /** How long a holder's claim lasts without renewal; others wait this long after its last observed renewal. */
  readonly leaseDurationMs: number;
  /** The leader steps down when it could not renew for this long (must be < leaseDurationMs). */
  readonly renewDeadlineMs: number;
  /** Time between attempts to acquire or renew. */
  readonly retryPeriodMs: number;
}

/** client-go's defaults: a dead leader is replaced within about 15-17 s; a released Lease within one retry period. */
export const DEFAULT_LEADER_ELECTION_TIMING: LeaderElectionTiming = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

export interface LeaderElectionOptions {
  readonly client: KubeClient;
  readonly namespace: string;
  readonly name: string;
  /** Unique per replica: the pod name (and pid) in practice. */
  readonly identity: string;
  readonly timing?: Partial<LeaderElectionTiming>;
  readonly logger: Logger;
  readonly onStartedLeading: () => void;
  /** Called when leadership is lost or released; must stop every write the leader does. */
  readonly onStoppedLeading: () => Promise<void> | void;
}

export interface LeaderElector {
  isLeader(): boolean;
  /** Stops campaigning; a held Lease is released (holder cleared) so another replica takes over at once. */
  stop(): Promise<void>;
}

interface Lease {
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/**
 * Leader election on a coordination.k8s.io/v1 Lease, the algorithm of
 * client-go's leaderelection (client-node has none): optimistic concurrency
 * on the Lease's resourceVersion decides races; a foreign holder's claim is
 * timed with the local clock from the moment its record was last seen to
 * change, so clock skew between replicas does not matter. The leader steps
 * down if it cannot renew within renewDeadline, which is shorter than the
 * lease duration others wait: the old leader stops before a new one starts.
 */
export function startLeaderElection(options: LeaderElectionOptions): LeaderElector {
  const timing = { ...DEFAULT_LEADER_ELECTION_TIMING, ...options.timing };
  const logger = options.logger.child({ lease: `${options.namespace}/${options.name}`, identity: options.identity });
  const path = `/apis/coordination.k8s.io/v1/namespaces/${options.namespace}/leases`;
  const stopper = new AbortController();
  let leading = false;
  let lastRenewal = 0;
  let observed = { record: '', at: 0 };

  const now = (): string => new Date().toISOString().replace('Z', '000Z');
  const claim = (lease: Lease | undefined): Lease['spec'] => {
    const mine = lease?.spec.holderIdentity === options.identity;
    const transitions = lease?.spec.leaseTransitions ?? 0;
    return {
      holderIdentity: options.identity,
      leaseDurationSeconds: Math.ceil(timing.leaseDurationMs / 1000),
      acquireTime: mine ? lease.spec.acquireTime ?? now() : now(),
      renewTime: now(),
      leaseTransitions: lease === undefined ? 0 : mine ? transitions : transitions + 1,
    };
  };

  const tryAcquireOrRenew = async (): Promise<boolean> => {
    const got = await options.client.request({ method: 'GET', path: `${path}/${options.name}`, timeoutMs: timing.retryPeriodMs * 2 });
    if (got.status === 404) {
      const created = await options.client.request({
        method: 'POST',
        path,
        body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: options.name, namespace: options.namespace }, spec: claim(undefined) },
      });
      return created.status === 201;
    }
    if (got.status !== 200) throw new Error(`GET Lease: HTTP ${got.status}`);
    const lease = got.body as Lease;
    const record = `${lease.spec.holderIdentity ?? ''}|${lease.spec.renewTime ?? ''}`;
    if (record !== observed.record) observed = { record, at: Date.now() };
    const holder = lease.spec.holderIdentity ?? '';
    const durationMs = (lease.spec.leaseDurationSeconds ?? 0) * 1000;
    if (holder !== '' && holder !== options.identity && observed.at + durationMs > Date.now()) return false;
    const updated = await options.client.request({
      method: 'PUT',
      path: `${path}/${options.name}`,
      body: { ...lease, spec: claim(lease) },
      timeoutMs: timing.retryPeriodMs * 2,
    });
    return updated.status === 200;
  };

  const step = async (): Promise<void> => {
    let ok = false;
    try {
      ok = await tryAcquireOrRenew();
    } catch (error) {
      logger.warn({ err: error }, 'cannot reach the Lease');
    }
    if (ok) {
      lastRenewal = Date.now();
      if (!leading) {
        leading = true;
        logger.info('became the leader');
        options.onStartedLeading();
      }
    } else if (leading && Date.now() - lastRenewal > timing.renewDeadlineMs) {
      leading = false;
      logger.warn({ renewDeadlineMs: timing.renewDeadlineMs }, 'lost the Lease: could not renew in time; stepping down');
      await options.onStoppedLeading();
    }
  };

  const run = async (): Promise<void> => {
    while (!stopper.signal.aborted) {
      await step();
      const wait = leading ? timing.retryPeriodMs : timing.retryPeriodMs * (1 + Math.random() * 0.2);
      await sleep(wait, undefined, { signal: stopper.signal }).catch(() => undefined);
    }
  };
  const running = run();

  const release = async (): Promise<void> => {
    const got = await options.client.request({ method: 'GET', path: `${path}/${options.name}`, timeoutMs: 5_000 });
    const lease = got.body as Lease | undefined;
    if (got.status !== 200 || lease?.spec.holderIdentity !== options.identity) return;
    const released = await options.client.request({
      method: 'PUT',
      path: `${path}/${options.name}`,
      body: { ...lease, spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: now() } },
      timeoutMs: 5_000,
    });
    logger.info({ status: released.status }, 'Lease released');
  };

  return {
    isLeader: () => leading,
    stop: async () => {
      stopper.abort();
      await running;
      if (!leading) return;
      leading = false;
      await options.onStoppedLeading();
      try {
        await release();
      } catch (error) {
        logger.warn({ err: error }, 'could not release the Lease; another replica takes over when it expires');
      }
    },
  };
}
