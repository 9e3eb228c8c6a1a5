import { compareQuantities, parseQuantity } from './quantity.ts';
import { quoteValue } from '../json/quote-value.ts';

/** The formats a SidecarSet override may declare (spec.overrides[].format). */
export type OverrideFormat = 'PortList' | 'CIDRList' | 'Quantity' | 'Integer' | 'Boolean';

export type OverrideValueCheck =
  | { readonly ok: true; /** The value as it goes into the container: list items without spaces. */ readonly value: string }
  | { readonly ok: false; /** Completes "annotation X=<value> is invalid: ..." */ readonly problem: string };

/**
 * Checks one annotation value against its declared format and maximum.
 * Values reach container env vars and through $(NAME) command-line
 * arguments, so every format is a closed grammar: nothing free-form passes.
 */
export function checkOverrideValue(format: OverrideFormat, text: string, maximum: string | undefined): OverrideValueCheck {
  switch (format) {
    case 'PortList':
      return checkList(text, 'a port number from 1 to 65535', isPort);
    case 'CIDRList':
      return checkList(text, 'an IPv4 or IPv6 CIDR such as 10.0.0.0/8', isCidr);
    case 'Boolean':
      return text === 'true' || text === 'false' ? { ok: true, value: text } : { ok: false, problem: 'it must be true or false' };
    case 'Integer':
      return checkInteger(text, maximum);
    case 'Quantity':
      return checkQuantity(text, maximum);
  }
}

function checkList(text: string, what: string, valid: (item: string) => boolean): OverrideValueCheck {
  if (text.trim() === '') return { ok: true, value: '' };
  const items = text.split(',').map((item) => item.trim());
  const bad = items.find((item) => !valid(item));
  if (bad !== undefined) {
    return { ok: false, problem: `${quoteValue(bad)} is not ${what} (a comma-separated list is expected)` };
  }
  return { ok: true, value: items.join(',') };
}

function isPort(item: string): boolean {
  return /^[1-9][0-9]{0,4}$/.test(item) && Number(item) <= 65535;
}

function isCidr(item: string): boolean {
  const match = /^(?<address>[^/]+)\/(?<bits>0|[1-9][0-9]{0,2})$/.exec(item)?.groups;
  if (match?.address === undefined || match.bits === undefined) return false;
  const bits = Number(match.bits);
  // node:net is loaded only when a CIDR is checked: importing it costs ~4 ms of every CLI start.
  const { isIPv4, isIPv6 } = process.getBuiltinModule('node:net');
  if (isIPv4(match.address)) return bits <= 32;
  return isIPv6(match.address) && bits <= 128;
}

function checkInteger(text: string, maximum: string | undefined): OverrideValueCheck {
  if (!/^(0|[1-9][0-9]{0,14})$/.test(text)) return { ok: false, problem: 'it must be a non-negative integer' };
  if (maximum !== undefined && Number(text) > Number(maximum)) {
    return { ok: false, problem: `it is above the maximum ${maximum} that the SidecarSet allows` };
  }
  return { ok: true, value: text };
}

function checkQuantity(text: string, maximum: string | undefined): OverrideValueCheck {
  const quantity = parseQuantity(text);
  if (quantity === undefined) {
    return { ok: false, problem: 'it must be a non-negative Kubernetes quantity such as 250m, 2 or 512Mi' };
  }
  const cap = maximum === undefined ? undefined : parseQuantity(maximum);
  if (cap !== undefined && compareQuantities(quantity, cap) > 0) {
    return { ok: false, problem: `it is above the maximum ${maximum} that the SidecarSet allows` };
  }
  return { ok: true, value: text };
}
