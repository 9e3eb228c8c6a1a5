import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.ts';

/**
 * A short, stable hash of a JSON value (sha256 of its canonical JSON, 16 hex
 * digits): equal values hash equal whatever order their keys were written in.
 */
export function definitionHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}
