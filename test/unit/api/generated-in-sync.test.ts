import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');

describe('generated API files', () => {
  // The very check CI runs (npm run gen:check): regenerate into memory and compare byte for byte.
  it('match crds/sidecarset.yaml', () => {
    const result = spawnSync(process.execPath, ['scripts/gen-api.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);
});
