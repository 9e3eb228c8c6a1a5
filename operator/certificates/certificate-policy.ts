/**
 * Lifetimes and rotation points of the self-managed certificates. Every
 * duration is in milliseconds so tests (and the rotation integration test)
 * can shrink them to seconds.
 */
export interface CertificatePolicy {
  readonly caLifetimeMs: number;
  readonly servingLifetimeMs: number;
  /** Fraction of the CA's life after which a successor CA is added to the bundle. */
  readonly caRotateFraction: number;
  /** Fraction of the serving certificate's life after which it is re-issued. */
  readonly servingRotateFraction: number;
  /**
   * How long a change must have been published before the next step relies
   * on it: a CA in the webhook's caBundle before a serving certificate it
   * signed is served (the apiserver reloads webhook configurations through an
   * informer), and a new serving certificate in the Secret before the CA that
   * signed the previous one leaves the bundle (every replica watches the
   * Secret). Generous next to both lags, tiny next to the lifetimes.
   */
  readonly propagationDelayMs: number;
}

const DAY_MS = 86_400_000;

/**
 * CA: one year, successor at half-life, so a CA rotation happens twice a
 * year: often enough that the path is exercised in every cluster, and an
 * operator outage of months still ends before anything expires. Serving: 90
 * days, re-issued at 2/3 (60 days), so 30 days of margin remain when the
 * operator cannot write. Never longer than the signing CA (capped at issue).
 */
export const DEFAULT_CERTIFICATE_POLICY: CertificatePolicy = {
  caLifetimeMs: 365 * DAY_MS,
  servingLifetimeMs: 90 * DAY_MS,
  caRotateFraction: 1 / 2,
  servingRotateFraction: 2 / 3,
  propagationDelayMs: 2 * 60_000,
};

/** Throws when the policy cannot give an overlap: every problem named. */
export function validateCertificatePolicy(policy: CertificatePolicy): CertificatePolicy {
  const problems: string[] = [];
  for (const [name, fraction] of [
    ['caRotateFraction', policy.caRotateFraction],
    ['servingRotateFraction', policy.servingRotateFraction],
  ] as const) {
    if (!(fraction > 0 && fraction < 1)) problems.push(`${name} must be between 0 and 1 (got ${fraction})`);
  }
  if (!(policy.propagationDelayMs >= 0)) problems.push('the propagation delay must not be negative');
  const servingMargin = policy.servingLifetimeMs * (1 - policy.servingRotateFraction);
  if (policy.propagationDelayMs * 2 >= servingMargin) {
    problems.push(
      `the serving certificate's time after its rotation point (${Math.round(servingMargin / 1000)} s) must exceed twice the propagation delay (${Math.round(policy.propagationDelayMs / 1000)} s)`,
    );
  }
  const caMargin = policy.caLifetimeMs * (1 - policy.caRotateFraction);
  if (policy.servingLifetimeMs > caMargin) {
    problems.push(
      `the serving lifetime (${Math.round(policy.servingLifetimeMs / 1000)} s) must fit in the CA's time after its rotation point (${Math.round(caMargin / 1000)} s)`,
    );
  }
  if (problems.length > 0) throw new Error(`invalid certificate lifetimes: ${problems.join('; ')}`);
  return policy;
}

/** The moment a certificate valid over [notBefore, notAfter] is due for rotation. */
export function rotationPoint(validity: { readonly notBefore: Date; readonly notAfter: Date }, fraction: number): Date {
  const start = validity.notBefore.getTime();
  return new Date(start + (validity.notAfter.getTime() - start) * fraction);
}
