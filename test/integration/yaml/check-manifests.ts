// Runs `tandem inject` on manifest files with the real kubectl as the judge
// (support/check-meaning.ts) and reports, for trying Tandem on manifests
// nobody here wrote:
//   node test/integration/yaml/check-manifests.ts DIR_OR_FILE...
// Every pod template gets a set (injectionPolicy: Always). Prints one line per
// file that has a problem, then one JSON line with the counts. Needs the
// pinned kubectl (bash test/cluster/build.sh); no cluster.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkMeaning, everyPodContext } from './support/check-meaning.ts';

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

const context = everyPodContext();
const totals = { files: 0, objects: 0, injected: 0, refusedByBoth: 0, problems: 0 };
for (const file of process.argv.slice(2).flatMap(files).filter((name) => /\.(ya?ml|json)$/.test(name))) {
  const result = checkMeaning(readFileSync(file, 'utf8'), file, context);
  totals.files += 1;
  totals.objects += result.objects;
  totals.injected += result.injected;
  if (result.refusedByBoth !== undefined) totals.refusedByBoth += 1;
  if (result.problem !== undefined) {
    totals.problems += 1;
    process.stdout.write(`PROBLEM ${file}: ${result.problem}\n`);
  }
}
process.stdout.write(`${JSON.stringify(totals)}\n`);
process.exitCode = totals.problems === 0 ? 0 : 1;
