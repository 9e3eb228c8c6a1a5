// Re-runs the `bin/tandem` commands of the docs' checked blocks (scripts/docs-output.ts).
//
//   node scripts/gen-docs-output.ts           rewrite the shown output
//   node scripts/gen-docs-output.ts --check   exit 1, naming the files, when shown output drifted
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { documentationFiles, findCheckedBlocks, refreshOutputs } from './docs-output.ts';

const ROOT = join(import.meta.dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const drift: string[] = [];
  let blocks = 0;
  for (const path of documentationFiles(ROOT)) {
    const current = await readFile(join(ROOT, path), 'utf8');
    blocks += findCheckedBlocks(current).length;
    const refreshed = refreshOutputs(current, ROOT);
    if (refreshed === current) continue;
    drift.push(path);
    if (!values.check) await writeFile(join(ROOT, path), refreshed);
  }
  if (!values.check) {
    console.log(`gen: re-ran the commands of ${blocks} checked docs blocks; rewrote ${drift.length === 0 ? 'nothing' : drift.join(', ')}`);
    return;
  }
  if (drift.length === 0) return;
  console.error(`gen:check: command output shown in ${drift.join(', ')} differs from what the commands print now; run npm run gen`);
  process.exitCode = 1;
}

await main();
