import { describe, expect, it } from '@jest/globals';
import { podKey } from '../../../operator/controller/cached-pod.ts';
import type { PodClassification } from '../../../operator/controller/classify-pod.ts';
import { planUpgrade, type UpdateStrategy } from '../../../operator/controller/plan-upgrade.ts';
import type { WorkloadState } from '../../../operator/controller/workload-ref.ts';
import { plainPod } from './controller-fixtures.ts';

type Kind = 'updated' | 'upgradable' | 'outdated' | 'missed';

/** "u" updated, "U" upgradable, "o" outdated, "m" missed; a trailing "-" marks an unavailable pod. */
function pods(spec: string): PodClassification[] {
  return spec.split(' ').filter(Boolean).map((token, index) => {
    const kinds: Record<string, Kind> = { u: 'updated', U: 'upgradable', o: 'outdated', m: 'missed' };
    const kind = kinds[token[0]!]!;
    const available = !token.endsWith('-');
    const pod = plainPod({ name: `p${String(index).padStart(2, '0')}`, ready: available, owner: { kind: 'ReplicaSet', name: `rs${index % 2}` } });
    const state =
      kind === 'upgradable'
        ? { kind, record: { hash: 'h', hashWithoutImages: 'w', containers: [], initContainers: [], volumes: [], imagePullSecrets: [], labels: [], annotations: [] } }
        : kind === 'outdated'
          ? { kind, reason: 'env changed' }
          : { kind };
    return { pod, state, matched: true, injected: kind !== 'missed', available: kind !== 'missed' && available } as PodClassification;
  });
}

const names = (list: readonly { name: string }[]) => list.map((pod) => pod.name);

describe('planUpgrade', () => {
  it.each<[string, UpdateStrategy, string, string[], number]>([
    ['default maxUnavailable 1', {}, 'U U U u', ['p00'], 2],
    ['maxUnavailable 2', { maxUnavailable: 2 }, 'U U U u', ['p00', 'p01'], 1],
    ['unready pods use the budget up', { maxUnavailable: 2 }, 'U U U u- u-', [], 3],
    ['an unready upgradable pod goes first and costs nothing more', { maxUnavailable: 2 }, 'U U U- u', ['p02', 'p00'], 1],
    ['an unready pod holds the only slot', { maxUnavailable: 1 }, 'U U U- u', ['p02'], 2],
    ['percent rounds up: 10% of 5 is 1', { maxUnavailable: '10%' }, 'U U U U U', ['p00'], 4],
    ['percent: 50% of 4 is 2', { maxUnavailable: '50%' }, 'U U U U', ['p00', 'p01'], 2],
    ['maxUnavailable 0 stops everything', { maxUnavailable: 0 }, 'U U', [], 2],
    ['partition keeps 2 old', { maxUnavailable: 10, partition: 2 }, 'U U U U', ['p00', 'p01'], 2],
    ['partition counts pods not upgradable in place', { maxUnavailable: 10, partition: 2 }, 'U U o u', ['p00'], 1],
    ['partition 50%', { maxUnavailable: 10, partition: '50%' }, 'U U U U', ['p00', 'p01'], 2],
    ['partition 100% keeps all', { maxUnavailable: 10, partition: '100%' }, 'U U', [], 2],
    ['paused', { paused: true }, 'U U', [], 2],
    ['NotUpdate', { type: 'NotUpdate' }, 'U U', [], 2],
    ['nothing to do', {}, 'u u o', [], 0],
  ])('%s', (...[, strategy, spec, expected, waiting]) => {
    const plan = planUpgrade({ strategy, pods: pods(spec) });
    expect(names(plan.inPlace)).toEqual(expected);
    expect(plan.waiting).toBe(waiting);
  });

  it('reports why nothing moves', () => {
    expect(planUpgrade({ strategy: { paused: true }, pods: pods('U') }).blocked).toBe('Paused');
    expect(planUpgrade({ strategy: { type: 'NotUpdate' }, pods: pods('U') }).blocked).toBe('NotUpdate');
  });

  it('upgraded pods count as unavailable until ready with the new image: never more than the budget at once', () => {
    // p00 was upgraded (now "updated") but is not available yet: it holds the only slot.
    const plan = planUpgrade({ strategy: { maxUnavailable: 1 }, pods: pods('u- U U') });
    expect(plan.inPlace).toEqual([]);
    expect(plan.unavailable).toBe(1);
  });

  describe('RestartWorkloads', () => {
    const workloads = (list: PodClassification[], restartedFor: Record<string, string[]> = {}) =>
      new Map<string, WorkloadState>(
        list.map((pod) => {
          const name = pod.pod.owner!.name.replace('rs', 'deploy');
          return [podKey(pod.pod), { ref: { kind: 'Deployment', namespace: 'default', name }, restartedFor: restartedFor[name] ?? [] }];
        }),
      );

    it('restarts one workload per free slot, for outdated and missed pods, after in-place upgrades', () => {
      const list = pods('o o m U');
      const plan = planUpgrade({ strategy: { type: 'RestartWorkloads', maxUnavailable: 2 }, pods: list, workloads: workloads(list), restartToken: 's@h' });
      expect(names(plan.inPlace)).toEqual(['p03']);
      expect(plan.restarts).toEqual([{ kind: 'Deployment', namespace: 'default', name: 'deploy0' }]);
    });

    it('never restarts a workload twice for the same revision, and counts it as in progress', () => {
      const list = pods('o o');
      const plan = planUpgrade({
        strategy: { type: 'RestartWorkloads', maxUnavailable: 1 },
        pods: list,
        workloads: workloads(list, { deploy0: ['s@h'] }),
        restartToken: 's@h',
      });
      expect(plan.restartsInProgress).toBe(1);
      expect(plan.restarts).toEqual([]);
    });

    it('RollingUpdate never restarts workloads', () => {
      const list = pods('o o');
      expect(planUpgrade({ strategy: { maxUnavailable: 5 }, pods: list, workloads: workloads(list), restartToken: 's@h' }).restarts).toEqual([]);
    });
  });
});
