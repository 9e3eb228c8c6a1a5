import { coversNames, isSignedBy, type CertificateInfo } from './certificate-info.ts';
import { rotationPoint, type CertificatePolicy } from './certificate-policy.ts';
import type { CertificateState } from './certificate-state.ts';
import type { ServingNames } from './serving-names.ts';

export interface RotationPlanInput {
  readonly state: CertificateState;
  readonly now: Date;
  readonly policy: CertificatePolicy;
  readonly names: ServingNames;
}

export interface RotationPlan {
  /** Generate a CA and add it to the bundle; it signs from now on (serving certificates only once it is trusted). */
  readonly newAuthority: boolean;
  /** Issue a serving certificate from the newest CA (the new one when newAuthority). */
  readonly issueServing: boolean;
  /** Fingerprints of CAs to drop from the bundle. */
  readonly retire: readonly string[];
  /** Why, for logs and events; empty when there is nothing to do. */
  readonly reasons: readonly string[];
  /** When to plan again if nothing else happens; `now` when this plan changes something. */
  readonly nextCheckAt: Date;
}

/**
 * Decides the next step of the certificate lifecycle. Pure (the clock is an
 * input) and idempotent, so every replica computes the same plan from the
 * same Secret, and a writer that lost an update race re-reads and finds
 * nothing left to do. The overlap rules that keep admissions succeeding:
 *
 * - a new CA enters the bundle first, and signs serving certificates only
 *   once the webhook configuration has carried it for the propagation delay;
 * - an old CA leaves the bundle only when the serving certificate in the
 *   Secret is not its own and has been there for the propagation delay
 *   (every replica has swapped to it), or when it has expired;
 * - a serving certificate that cannot be served at all (missing, expired,
 *   signed by no trusted CA) is replaced at once: waiting cannot help it.
 */
export function planCertificateRotation(input: RotationPlanInput): RotationPlan {
  const { state, now } = input;
  const live = state.authorities.filter((authority) => authority.notAfter.getTime() > now.getTime());
  const expired = state.authorities.filter((authority) => !live.includes(authority));
  const newest = live.at(-1);
  const reasons: string[] = expired.map((authority) => `CA ${short(authority)} expired`);

  const authorityReason = authorityRotationReason(input, newest);
  const newAuthority = authorityReason !== undefined;
  if (authorityReason !== undefined) reasons.push(authorityReason);

  const serving = servingDecision(input, live, newAuthority ? undefined : newest);
  if (serving.reason !== undefined) reasons.push(serving.reason);

  const retire = [...expired, ...retirable(input, live, { newest, servingIssuer: serving.issuer, issuing: serving.issue || newAuthority })];
  for (const authority of retire.slice(expired.length)) reasons.push(`CA ${short(authority)} no longer signs the served certificate`);

  const changes = newAuthority || serving.issue || retire.length > 0;
  return {
    newAuthority,
    issueServing: serving.issue,
    retire: retire.map((authority) => authority.fingerprint),
    reasons,
    nextCheckAt: changes ? now : nextCheck(input, live, serving.issuer),
  };
}

function authorityRotationReason(input: RotationPlanInput, newest: CertificateInfo | undefined): string | undefined {
  if (newest === undefined) return 'no valid CA';
  if (input.state.signingKeyPem === undefined) return `the key of CA ${short(newest)} is missing`;
  if (input.now >= rotationPoint(newest, input.policy.caRotateFraction)) return `CA ${short(newest)} passed its rotation point`;
  return undefined;
}

interface ServingDecision {
  readonly issue: boolean;
  /** The CA that signed the current serving certificate, if it is trusted. */
  readonly issuer: CertificateInfo | undefined;
  readonly reason: string | undefined;
}

/** `signer`: the newest CA when it may sign now (undefined while a new CA is being created). */
function servingDecision(input: RotationPlanInput, live: readonly CertificateInfo[], signer: CertificateInfo | undefined): ServingDecision {
  const current = input.state.serving?.certificate;
  const issuer = current === undefined ? undefined : live.find((authority) => isSignedBy(current, authority));
  const unusable = unusableReason(input, current, issuer);
  if (unusable !== undefined) return { issue: true, issuer, reason: unusable };
  const wanted = wantedReason(input, current, { issuer, newest: live.at(-1) });
  if (wanted === undefined) return { issue: false, issuer, reason: undefined };
  // A wanted (not urgent) re-issue waits until the signing CA is trusted everywhere.
  const trusted = signer !== undefined && isTrusted(input, signer);
  return { issue: trusted, issuer, reason: trusted ? wanted : undefined };
}

function unusableReason(input: RotationPlanInput, current: CertificateInfo | undefined, issuer: CertificateInfo | undefined): string | undefined {
  if (current === undefined) return 'no serving certificate';
  if (current.notAfter <= input.now) return 'the serving certificate expired';
  if (issuer === undefined) return 'the serving certificate is signed by no CA in the bundle';
  return undefined;
}

function wantedReason(
  input: RotationPlanInput,
  current: CertificateInfo | undefined,
  signers: { issuer: CertificateInfo | undefined; newest: CertificateInfo | undefined },
): string | undefined {
  if (current === undefined) return undefined;
  if (input.now >= rotationPoint(current, input.policy.servingRotateFraction)) return 'the serving certificate passed its rotation point';
  if (!coversNames(current, input.names)) return 'the serving certificate lacks some of the wanted names';
  if (signers.issuer !== signers.newest) return 'the serving certificate is signed by an older CA';
  return undefined;
}

function isTrusted(input: RotationPlanInput, authority: CertificateInfo): boolean {
  const since = input.state.trustedSince[authority.fingerprint];
  return since !== undefined && since.getTime() + input.policy.propagationDelayMs <= input.now.getTime();
}

function retirable(
  input: RotationPlanInput,
  live: readonly CertificateInfo[],
  context: { newest: CertificateInfo | undefined; servingIssuer: CertificateInfo | undefined; issuing: boolean },
): CertificateInfo[] {
  if (context.issuing) return [];
  const issuedAt = input.state.servingIssuedAt?.getTime();
  if (issuedAt === undefined || issuedAt + input.policy.propagationDelayMs > input.now.getTime()) return [];
  return live.filter((authority) => authority !== context.newest && authority !== context.servingIssuer);
}

/** The earliest moment the plan can change by the clock alone. */
function nextCheck(input: RotationPlanInput, live: readonly CertificateInfo[], servingIssuer: CertificateInfo | undefined): Date {
  const { state, policy } = input;
  const newest = live.at(-1);
  const moments: number[] = live.map((authority) => authority.notAfter.getTime());
  if (newest !== undefined) {
    moments.push(rotationPoint(newest, policy.caRotateFraction).getTime());
    const since = state.trustedSince[newest.fingerprint];
    if (since !== undefined && servingIssuer !== newest) moments.push(since.getTime() + policy.propagationDelayMs);
  }
  const serving = state.serving?.certificate;
  if (serving !== undefined) moments.push(rotationPoint(serving, policy.servingRotateFraction).getTime(), serving.notAfter.getTime());
  if (state.servingIssuedAt !== undefined && live.length > 1) moments.push(state.servingIssuedAt.getTime() + policy.propagationDelayMs);
  const future = moments.filter((moment) => moment > input.now.getTime());
  return new Date(future.length === 0 ? input.now.getTime() : Math.min(...future));
}

function short(authority: CertificateInfo): string {
  return authority.fingerprint.slice(0, 12);
}
