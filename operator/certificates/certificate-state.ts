import { describeCertificate, keyMatches, splitPemCertificates, type CertificateInfo } from './certificate-info.ts';
import type { IssuedCertificate } from './generate-certificate-authority.ts';

/** Data keys of the certificate Secret (type kubernetes.io/tls, plus the CA). */
export const SECRET_KEYS = {
  /** Every CA the webhook configuration trusts, oldest first: exactly its caBundle. */
  caBundle: 'ca.crt',
  /** Private key of the newest CA, the only one that signs. */
  caKey: 'ca.key',
  cert: 'tls.crt',
  key: 'tls.key',
} as const;

export const ANNOTATIONS = {
  /** JSON {fingerprint: RFC 3339}: since when the webhook configuration's caBundle carries each CA. */
  trustedSince: 'tandem.dev/ca-trusted-since',
  /** RFC 3339: when tls.crt was last replaced. */
  servingIssuedAt: 'tandem.dev/serving-issued-at',
} as const;

/** The Secret's contents as text: data (decoded) and annotations. */
export interface StoredCertificates {
  readonly data: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface CertificateState {
  /** Parsed CA certificates of the bundle, oldest first; anything that is not a CA certificate is dropped. */
  readonly authorities: readonly CertificateInfo[];
  /** Key of the newest authority; undefined when missing or not matching it. */
  readonly signingKeyPem: string | undefined;
  /** The serving pair; undefined when missing, unparsable or the key does not match. */
  readonly serving: IssuedCertificate | undefined;
  readonly servingIssuedAt: Date | undefined;
  readonly trustedSince: Readonly<Record<string, Date>>;
}

export const EMPTY_STATE: CertificateState = {
  authorities: [],
  signingKeyPem: undefined,
  serving: undefined,
  servingIssuedAt: undefined,
  trustedSince: {},
};

/** Reads what it can: a damaged part reads as absent, so planning repairs it instead of failing. */
export function readCertificateState(stored: StoredCertificates): CertificateState {
  const authorities = splitPemCertificates(stored.data[SECRET_KEYS.caBundle] ?? '')
    .map(describeCertificate)
    .filter((info): info is CertificateInfo => info?.isCa === true)
    .sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime());
  const newest = authorities.at(-1);
  const caKey = stored.data[SECRET_KEYS.caKey];
  const cert = describeCertificate(stored.data[SECRET_KEYS.cert] ?? '');
  const key = stored.data[SECRET_KEYS.key];
  return {
    authorities,
    signingKeyPem: newest !== undefined && caKey !== undefined && keyMatches(newest, caKey) ? caKey : undefined,
    serving: cert !== undefined && key !== undefined && keyMatches(cert, key) ? { certificate: cert, keyPem: key } : undefined,
    servingIssuedAt: parseDate(stored.annotations[ANNOTATIONS.servingIssuedAt]),
    trustedSince: parseTrustedSince(stored.annotations[ANNOTATIONS.trustedSince]),
  };
}

/** The Secret contents for a state; the inverse of readCertificateState. */
export function encodeCertificateState(state: CertificateState): StoredCertificates {
  const annotations: Record<string, string> = {
    [ANNOTATIONS.trustedSince]: JSON.stringify(
      Object.fromEntries(Object.entries(state.trustedSince).map(([fingerprint, since]) => [fingerprint, since.toISOString()])),
    ),
  };
  if (state.servingIssuedAt !== undefined) annotations[ANNOTATIONS.servingIssuedAt] = state.servingIssuedAt.toISOString();
  return {
    data: {
      [SECRET_KEYS.caBundle]: caBundleOf(state),
      [SECRET_KEYS.caKey]: state.signingKeyPem ?? '',
      [SECRET_KEYS.cert]: state.serving?.certificate.pem ?? '',
      [SECRET_KEYS.key]: state.serving?.keyPem ?? '',
    },
    annotations,
  };
}

/** The PEM bundle the webhook configuration must carry. */
export function caBundleOf(state: Pick<CertificateState, 'authorities'>): string {
  return state.authorities.map((authority) => authority.pem).join('');
}

/**
 * Records that the webhook configuration now carries these CAs (by
 * fingerprint): a CA seen for the first time is trusted from `now`; CAs no
 * longer published lose their entry. Returns the same object when nothing
 * changed, so callers can skip the write.
 */
export function markPublished(state: CertificateState, published: readonly string[], now: Date): CertificateState {
  const inBundle = new Set(state.authorities.map((authority) => authority.fingerprint));
  const trustedSince: Record<string, Date> = {};
  for (const fingerprint of published) {
    if (inBundle.has(fingerprint)) trustedSince[fingerprint] = state.trustedSince[fingerprint] ?? now;
  }
  const before = Object.keys(state.trustedSince).sort().join(',');
  const after = Object.keys(trustedSince).sort().join(',');
  return before === after ? state : { ...state, trustedSince };
}

function parseDate(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function parseTrustedSince(text: string | undefined): Record<string, Date> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '{}');
  } catch {
    return {};
  }
  const result: Record<string, Date> = {};
  if (typeof parsed !== 'object' || parsed === null) return result;
  for (const [fingerprint, since] of Object.entries(parsed)) {
    const date = typeof since === 'string' ? parseDate(since) : undefined;
    if (date !== undefined) result[fingerprint] = date;
  }
  return result;
}
