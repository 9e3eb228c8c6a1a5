import { describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { applyRotationPlan } from '../../../operator/certificates/apply-rotation-plan.ts';
import { validateCertificatePolicy, type CertificatePolicy } from '../../../operator/certificates/certificate-policy.ts';
import {
  EMPTY_STATE,
  encodeCertificateState,
  markPublished,
  readCertificateState,
  SECRET_KEYS,
  type CertificateState,
} from '../../../operator/certificates/certificate-state.ts';
import { planCertificateRotation, type RotationPlan } from '../../../operator/certificates/plan-certificate-rotation.ts';
import { servingNames } from '../../../operator/certificates/serving-names.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const policy: CertificatePolicy = validateCertificatePolicy({
  caLifetimeMs: 100 * DAY,
  servingLifetimeMs: 30 * DAY,
  caRotateFraction: 1 / 2,
  servingRotateFraction: 2 / 3,
  propagationDelayMs: HOUR,
});
const names = servingNames({ service: 'tandem-webhook', namespace: 'tandem-system', extra: ['127.0.0.1'] });
const T0 = new Date('2030-01-01T00:00:00Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

const plan = (state: CertificateState, now: Date, wanted = names): RotationPlan =>
  planCertificateRotation({ state, now, policy, names: wanted });

/** One writer step: plan, apply, publish the bundle at once (the webhook patch). */
async function step(state: CertificateState, now: Date): Promise<{ state: CertificateState; plan: RotationPlan }> {
  const decided = plan(state, now);
  const next = await applyRotationPlan({ state, plan: decided, now, policy, names });
  // Through the Secret encoding, as the manager stores it.
  const stored = readCertificateState(encodeCertificateState(next));
  return { state: markPublished(stored, stored.authorities.map((a) => a.fingerprint), now), plan: decided };
}

/** A writer that runs until it has nothing to do at `now`. */
async function settle(state: CertificateState, now: Date): Promise<CertificateState> {
  let current = state;
  for (let i = 0; i < 5; i++) {
    const result = await step(current, now);
    current = result.state;
    if (!result.plan.newAuthority && !result.plan.issueServing && result.plan.retire.length === 0) return current;
  }
  throw new Error('did not settle');
}

const summary = (decided: RotationPlan): string =>
  [decided.newAuthority ? 'new-ca' : '', decided.issueServing ? 'issue' : '', decided.retire.length > 0 ? `retire:${decided.retire.length}` : '']
    .filter((part) => part !== '')
    .join('+') || 'nothing';

describe('planCertificateRotation', () => {
  it('bootstraps a CA and a serving certificate signed by it', async () => {
    expect(summary(plan(EMPTY_STATE, T0))).toBe('new-ca+issue');
    const state = await settle(EMPTY_STATE, T0);
    expect(state.authorities).toHaveLength(1);
    const leaf = new X509Certificate(state.serving!.certificate.pem);
    expect(leaf.verify(new X509Certificate(state.authorities[0]!.pem).publicKey)).toBe(true);
    expect(leaf.subjectAltName).toContain('DNS:tandem-webhook.tandem-system.svc');
    expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(leaf.ca).toBe(false);
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('rotates on the schedule and keeps the overlap (table)', async () => {
    const fresh = await settle(EMPTY_STATE, T0);
    // Each row: time, what the plan says for the state settled at the previous row.
    const rows: [string, number, string][] = [
      ['fresh: nothing to do', 1 * DAY, 'nothing'],
      ['serving at 2/3 of 30 days', 20 * DAY + HOUR, 'issue'],
      ['and 20 days later again', 40 * DAY + 2 * HOUR, 'issue'],
      ['CA at half-life: new CA only, no serving yet', 50 * DAY + HOUR, 'new-ca'],
      ['new CA published but not for the delay yet', 50 * DAY + HOUR + HOUR / 2, 'nothing'],
      ['delay passed: re-issue from the new CA', 50 * DAY + 2 * HOUR + 1, 'issue'],
      ['old CA kept while replicas swap', 50 * DAY + 2 * HOUR + HOUR / 2, 'nothing'],
      ['old CA retired once the new leaf is everywhere', 50 * DAY + 3 * HOUR + 2, 'retire:1'],
    ];
    let state = fresh;
    for (const [label, offset, expected] of rows) {
      const result = await step(state, at(offset));
      expect(`${label}: ${summary(result.plan)}`).toBe(`${label}: ${expected}`);
      state = result.state;
    }
    expect(state.authorities).toHaveLength(1);
    expect(state.authorities[0]!.fingerprint).not.toBe(fresh.authorities[0]!.fingerprint);
  });

  it('says when to look again', async () => {
    const fresh = await settle(EMPTY_STATE, T0);
    const decided = plan(fresh, at(DAY));
    const leaf = fresh.serving!.certificate;
    const due = leaf.notBefore.getTime() + ((leaf.notAfter.getTime() - leaf.notBefore.getTime()) * 2) / 3;
    expect(decided.nextCheckAt.getTime()).toBeCloseTo(due, -1);
  });

  it('replaces an expired or untrusted serving certificate at once, even from a CA not yet trusted', async () => {
    const fresh = await settle(EMPTY_STATE, T0);
    const withNewCa = (await step(fresh, at(50 * DAY + HOUR))).state; // new CA, not trusted for the delay yet
    expect(summary(plan(withNewCa, at(50 * DAY + HOUR + 1)))).toBe('nothing');
    const noServing = { ...withNewCa, serving: undefined };
    expect(summary(plan(noServing, at(50 * DAY + HOUR + 1)))).toBe('issue');
    const foreign = await settle(EMPTY_STATE, T0);
    const mismatched = { ...fresh, serving: foreign.serving };
    expect(plan(mismatched, at(DAY)).reasons).toContain('the serving certificate is signed by no CA in the bundle');
    expect(plan(fresh, at(31 * DAY)).reasons).toContain('the serving certificate expired');
  });

  it('re-issues when the wanted names change, and a CA whose key is lost is replaced', async () => {
    const fresh = await settle(EMPTY_STATE, T0);
    const wider = servingNames({ service: 'tandem-webhook', namespace: 'tandem-system', extra: ['127.0.0.1', '10.0.0.7'] });
    expect(plan(fresh, at(DAY), wider).reasons).toEqual(['the serving certificate lacks some of the wanted names']);
    const keyless = readCertificateState({ ...encodeCertificateState(fresh), data: { ...encodeCertificateState(fresh).data, [SECRET_KEYS.caKey]: 'garbage' } });
    expect(summary(plan(keyless, at(DAY)))).toBe('new-ca');
  });

  it('drops an expired CA', async () => {
    const fresh = await settle(EMPTY_STATE, T0);
    const later = await settle(EMPTY_STATE, at(99 * DAY));
    const both = { ...later, authorities: [fresh.authorities[0]!, ...later.authorities] };
    expect(plan(both, at(101 * DAY)).reasons).toContain(`CA ${fresh.authorities[0]!.fingerprint.slice(0, 12)} expired`);
  });

  it('over three simulated years, never serves a certificate the published bundle does not trust', async () => {
    let state = await settle(EMPTY_STATE, T0);
    // What replicas may be serving: the current leaf, and the previous one for the propagation delay.
    let previous: { pem: string; until: number } | undefined;
    let caRotations = 0;
    let servingRotations = 0;
    let checks = 0;
    // Like the manager: wake at the plan's next check, and at least every 5 days.
    for (let now = T0.getTime(); now < T0.getTime() + 3 * 365 * DAY; checks++) {
      now = Math.min(plan(state, new Date(now)).nextCheckAt.getTime() + 1, now + 5 * DAY);
      const beforeLeaf = state.serving!.certificate.pem;
      const beforeCas = state.authorities.length;
      state = await settle(state, new Date(now));
      if (state.serving!.certificate.pem !== beforeLeaf) {
        servingRotations++;
        previous = { pem: beforeLeaf, until: now + policy.propagationDelayMs };
      }
      if (state.authorities.length > beforeCas) caRotations++;
      const served = [state.serving!.certificate.pem, ...(previous !== undefined && previous.until > now ? [previous.pem] : [])];
      for (const pem of served) {
        const leaf = new X509Certificate(pem);
        expect(new Date(leaf.validTo).getTime()).toBeGreaterThan(now);
        const trusted = state.authorities.some((authority) => leaf.verify(new X509Certificate(authority.pem).publicKey));
        expect(trusted).toBe(true);
      }
    }
    expect(checks).toBeLessThan(1000);
    expect(caRotations).toBeGreaterThanOrEqual(20);
    expect(servingRotations).toBeGreaterThanOrEqual(50);
  }, 30_000);
});

describe('validateCertificatePolicy', () => {
  it.each([
    [{ servingRotateFraction: 1.5 }, 'servingRotateFraction must be between 0 and 1'],
    [{ propagationDelayMs: 10 * DAY }, 'must exceed twice the propagation delay'],
    [{ servingLifetimeMs: 60 * DAY }, 'must fit in the CA'],
  ])('refuses %j', (change, message) => {
    expect(() => validateCertificatePolicy({ ...policy, ...change })).toThrow(message);
  });
});
