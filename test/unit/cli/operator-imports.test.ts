// Memory is part of the operator's contract (ADR 0022): its process must not
// load what only offline commands need. The CEL evaluator of the full
// SidecarSet validator costs 25-35 MB; sets read from the cluster are checked
// without it (parseStoredSidecarSet).
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');

function importsOf(modules: readonly string[]): string[] {
  const script = modules.map((module) => `await import(${JSON.stringify(join(root, module))});`).join(' ');
  const result = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'support/record-imports.ts'), '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  expect(result.status).toBe(0);
  return result.stderr.split('\n').filter((line) => line.startsWith('import ')).map((line) => line.slice('import '.length));
}

describe('tandem operator', () => {
  it('loads no CEL evaluator, YAML manifest reader or offline validator', () => {
    const urls = importsOf(['operator/cli/operator-command.ts', 'operator/cli/certificate-hooks.ts']);
    expect(urls.some((url) => url.endsWith('/operator/cli/start-operator.ts'))).toBe(true);
    expect(urls.filter((url) => /@bufbuild\/cel|cel-rule-validator|sidecar-set-validator|sidecar-set-file|manifest\/yaml-documents/.test(url))).toEqual([]);
  });
});
