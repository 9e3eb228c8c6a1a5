// Generates the reloader configuration's validator ahead of time: ajv's
// standalone code for operator/reloader/reloader-config.schema.json, so the
// reloader neither loads ajv nor compiles the schema at start (memory:
// docs/adr/0011-reloader-memory.md). The schema stays the single source of
// truth; `npm run gen:check` fails when the committed validator drifted.
//
//   node scripts/gen-reloader-validator.ts           write it
//   node scripts/gen-reloader-validator.ts --check   exit 1 when it differs
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Ajv } from 'ajv';

const ROOT = join(import.meta.dirname, '..');
const SCHEMA = 'operator/reloader/reloader-config.schema.json';
const OUTPUT = 'operator/reloader/generated/reloader-config-validator.js';
const TYPES = 'operator/reloader/generated/reloader-config-validator.d.ts';
const NOTICE = `generated from ${SCHEMA} by scripts/gen-reloader-validator.ts, do not edit`;

// ajv/dist/standalone is CommonJS with a default export.
const standaloneCode = (createRequire(import.meta.url)('ajv/dist/standalone') as { default: (ajv: Ajv, validate: unknown) => string }).default;

const TYPES_TEXT = `// ${NOTICE}
import type { ErrorObject } from 'ajv';

/** The schema's validator; after a false result, its errors are on validateReloaderConfig.errors. */
export declare const validateReloaderConfig: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
`;

/** What ajv/dist/runtime/ucs2length computes: the length in Unicode code points. */
const UCS2LENGTH = `function ucs2length(text) {
  let length = 0;
  for (const _ of text) length++;
  return length;
}
`;

async function generate(): Promise<Map<string, string>> {
  const schema = JSON.parse(await readFile(join(ROOT, SCHEMA), 'utf8')) as object;
  // The options the reloader used at run time, plus ESM output.
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true, lines: true } });
  // ajv's ESM output still require()s its one runtime helper here (string
  // length in code points, for minLength): define it in the module instead,
  // so the validator imports nothing.
  const code = standaloneCode(ajv, ajv.compile(schema)).replaceAll('require("ajv/dist/runtime/ucs2length").default', 'ucs2length');
  if (/\brequire\(|\bimport\b/.test(code.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) {
    throw new Error(`${OUTPUT}: the generated code imports something; teach ${import.meta.filename} about it`);
  }
  const esm = code
    .replace(/^"use strict";/, '')
    .replace(/export const validate = (\w+);/, 'export const validateReloaderConfig = $1;')
    .replace(/^export default \w+;\n/m, '');
  if (!esm.includes('export const validateReloaderConfig')) throw new Error('unexpected ajv standalone output: no "export const validate"');
  return new Map([
    [OUTPUT, `/* ${NOTICE} */\n${esm.trim()}\n${UCS2LENGTH}`],
    [TYPES, TYPES_TEXT],
  ]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const outputs = await generate();
  const drifted: string[] = [];
  for (const [path, content] of outputs) {
    if (values.check) {
      const current = await readFile(join(ROOT, path), 'utf8').catch(() => undefined);
      if (current !== content) drifted.push(`${path}: ${current === undefined ? 'missing' : 'differs'}`);
    } else {
      await writeFile(join(ROOT, path), content);
    }
  }
  if (drifted.length > 0) {
    console.error(`gen:check: the reloader configuration validator drifted from ${SCHEMA}; run npm run gen\n  ${drifted.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
