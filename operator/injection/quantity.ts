// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity),
// parsed exactly: a quantity is a non-negative rational number, kept as
// numerator / denominator so that 0.1 and 100m compare equal and no float
// rounding decides whether a request exceeds a limit.

/** A parsed quantity: value = numerator / denominator, both >= 0, denominator > 0. */
export interface Quantity {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

// Sign-less on purpose: resources and override values are never negative.
// The exponent is capped at two digits; Kubernetes caps the scale near 1e18.
const QUANTITY = /^(?<digits>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?<suffix>[KMGTPE]i|[mkMGTPE]|[eE][-+]?[0-9]{1,2})?$/;

const BINARY_POWERS: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The quantity `text` denotes, or undefined when it is not a non-negative Kubernetes quantity. */
export function parseQuantity(text: string): Quantity | undefined {
  const groups = QUANTITY.exec(text)?.groups;
  if (groups?.digits === undefined) return undefined;
  const [whole = '', fraction = ''] = groups.digits.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let denominator = 10n ** BigInt(fraction.length);
  const suffix = groups.suffix ?? '';
  const binary = BINARY_POWERS[suffix];
  const exponent = binary === undefined ? decimalExponent(suffix) : 0;
  if (binary !== undefined) numerator *= 1024n ** BigInt(binary);
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  return { numerator, denominator };
}

function decimalExponent(suffix: string): number {
  if (suffix === '') return 0;
  return DECIMAL_EXPONENTS[suffix] ?? Number(suffix.slice(1));
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}
