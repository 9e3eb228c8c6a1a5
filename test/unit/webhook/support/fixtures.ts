import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawPod } from '../../../../operator/admission/parse-pod-admission-review.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/admission-review');

/** The shape of the well-formed fixtures; malformed ones are read with fixtureText. */
export interface ReviewFixture {
  apiVersion: string;
  kind: string;
  request: { uid: string; operation: string; object: RawPod; [field: string]: unknown };
}

export function fixtureText(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

export function fixture(name: string): ReviewFixture {
  return JSON.parse(fixtureText(name)) as ReviewFixture;
}
