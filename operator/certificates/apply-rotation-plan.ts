import type { CertificatePolicy } from './certificate-policy.ts';
import type { CertificateState } from './certificate-state.ts';
import { generateCertificateAuthority } from './generate-certificate-authority.ts';
import { issueServingCertificate } from './issue-serving-certificate.ts';
import type { RotationPlan } from './plan-certificate-rotation.ts';
import type { ServingNames } from './serving-names.ts';

export interface ApplyRotationInput {
  readonly state: CertificateState;
  readonly plan: RotationPlan;
  readonly now: Date;
  readonly policy: CertificatePolicy;
  readonly names: ServingNames;
}

/** Carries a plan out in memory (key generation, signing); writing the result is the caller's. */
export async function applyRotationPlan(input: ApplyRotationInput): Promise<CertificateState> {
  const { plan, now, policy } = input;
  const retired = new Set(plan.retire);
  let state: CertificateState = {
    ...input.state,
    authorities: input.state.authorities.filter((authority) => !retired.has(authority.fingerprint)),
    trustedSince: Object.fromEntries(Object.entries(input.state.trustedSince).filter(([fingerprint]) => !retired.has(fingerprint))),
  };
  if (plan.newAuthority) {
    const authority = await generateCertificateAuthority({ now, lifetimeMs: policy.caLifetimeMs, commonName: 'tandem-webhook-ca' });
    state = { ...state, authorities: [...state.authorities, authority.certificate], signingKeyPem: authority.keyPem };
  }
  if (plan.issueServing) {
    const certificate = state.authorities.at(-1);
    if (certificate === undefined || state.signingKeyPem === undefined) throw new Error('no CA to sign the serving certificate with');
    const serving = await issueServingCertificate({
      now,
      lifetimeMs: policy.servingLifetimeMs,
      names: input.names,
      authority: { certificate, keyPem: state.signingKeyPem },
    });
    state = { ...state, serving, servingIssuedAt: now };
  }
  return state;
}
