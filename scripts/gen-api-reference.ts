// Writes docs/api-reference.md from crds/sidecarset.yaml (scripts/render-api-reference.ts).
//
//   node scripts/gen-api-reference.ts           write it
//   node scripts/gen-api-reference.ts --check   exit 1 when the committed page differs
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { API_REFERENCE_PATH, renderApiReference } from './render-api-reference.ts';

const ROOT = join(import.meta.dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const page = renderApiReference(await readFile(join(ROOT, 'crds/sidecarset.yaml'), 'utf8'));
  if (!values.check) {
    await writeFile(join(ROOT, API_REFERENCE_PATH), page);
    console.log(`gen: wrote ${API_REFERENCE_PATH}`);
    return;
  }
  const current = await readFile(join(ROOT, API_REFERENCE_PATH), 'utf8').catch(() => undefined);
  if (current === page) return;
  console.error(`gen:check: ${API_REFERENCE_PATH} ${current === undefined ? 'is missing' : 'drifted from crds/sidecarset.yaml'}; run npm run gen`);
  process.exitCode = 1;
}

await main();
