// Loads the shared SidecarSet fixtures (also submitted to a real apiserver by
// the integration tests).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const FIXTURES_DIR = join(import.meta.dirname, '../../fixtures');
export const EXPECT_ERROR_ANNOTATION = 'test.tandem.dev/expect-error';

export interface Fixture {
  readonly name: string;
  readonly object: Record<string, unknown>;
  /** The annotation's value: a substring every validator's error text must contain. */
  readonly expectError: string | undefined;
}

export function loadYamlDocuments(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(document.errors.map((error) => error.message).join('; '));
      return document.toJS() as unknown;
    })
    .filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null);
}

export function loadFixtures(file: string): Fixture[] {
  return loadYamlDocuments(readFileSync(join(FIXTURES_DIR, file), 'utf8')).map((object) => {
    const metadata = object.metadata as { name: string; annotations?: Record<string, string> };
    return { name: metadata.name, object, expectError: metadata.annotations?.[EXPECT_ERROR_ANNOTATION] };
  });
}
