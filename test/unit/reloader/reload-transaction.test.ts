import { beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReloadError, type ReloadOutcome } from '../../../operator/reloader/reload-action.ts';
import { runTransaction, type TransactionFile, type TransactionSteps } from '../../../operator/reloader/reload-transaction.ts';
import { runCommand } from '../../../operator/reloader/run-command.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-tx-'));
});

const reloaded: ReloadOutcome = { kind: 'reloaded', detail: 'HUP' };

function steps(overrides: Partial<TransactionSteps> = {}) {
  const calls: string[] = [];
  const base: TransactionSteps = {
    check: async (argv) => {
      calls.push(`check ${argv.join(' ')}`);
      return runCommand(argv, 5_000);
    },
    reload: () => {
      calls.push('reload');
      return Promise.resolve(reloaded);
    },
    ...overrides,
  };
  return { calls, steps: base };
}

const file = (name: string, content: string, extra: Partial<TransactionFile> = {}): TransactionFile => ({ dest: join(dir, name), content, mode: 0o644, ...extra });
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
/** Nothing staged or backed up is left behind. */
const leftovers = (): string[] => readdirSync(dir).filter((name) => name.startsWith('.'));

describe('runTransaction', () => {
  it('writes new files with their mode, then reloads once for the whole group', async () => {
    writeFileSync(join(dir, 'a.conf'), 'old a');
    const { calls, steps: s } = steps();
    const result = await runTransaction([file('a.conf', 'new a', { mode: 0o600 }), file('b.conf', 'new b')], s);
    expect(result).toEqual({ result: 'applied', files: [join(dir, 'a.conf'), join(dir, 'b.conf')], reload: reloaded });
    expect([read('a.conf'), read('b.conf')]).toEqual(['new a', 'new b']);
    expect(statSync(join(dir, 'a.conf')).mode & 0o777).toBe(0o600);
    expect(calls).toEqual(['reload']);
    expect(leftovers()).toEqual([]);
  });

  it('skips everything when the files already match, and replaces only changed files', async () => {
    writeFileSync(join(dir, 'a.conf'), 'same', { mode: 0o644 });
    const { calls, steps: s } = steps();
    await expect(runTransaction([file('a.conf', 'same')], s)).resolves.toEqual({ result: 'unchanged' });
    expect(calls).toEqual([]);
    const inode = statSync(join(dir, 'a.conf')).ino;
    await runTransaction([file('a.conf', 'same'), file('b.conf', 'new')], s);
    expect(statSync(join(dir, 'a.conf')).ino).toBe(inode);
  });

  it('treats a different mode as a change', async () => {
    writeFileSync(join(dir, 'a.conf'), 'same', { mode: 0o644 });
    const { steps: s } = steps();
    await expect(runTransaction([file('a.conf', 'same', { mode: 0o640 })], s)).resolves.toMatchObject({ result: 'applied' });
  });

  it('checks the staged file with {{ src }} and {{ dest }} substituted, before the swap', async () => {
    const { calls, steps: s } = steps();
    await runTransaction([file('a.conf', 'listen 80;', { check: ['grep', '-q', 'listen', '{{ src }}'] })], s);
    expect(calls[0]).toMatch(new RegExp(`^check grep -q listen ${dir}/\\.a\\.conf\\.tandem-[0-9a-f]+$`));
    expect(calls[1]).toBe('reload');
  });

  it('keeps every old file and does not reload when one check fails', async () => {
    writeFileSync(join(dir, 'a.conf'), 'old a');
    writeFileSync(join(dir, 'b.conf'), 'old b');
    const { calls, steps: s } = steps();
    const result = await runTransaction(
      [file('a.conf', 'new a', { check: ['true'] }), file('b.conf', 'broken', { check: ['grep', '-q', 'valid', '{{ src }}'] })],
      s,
    );
    expect(result).toEqual({ result: 'check-failed', file: join(dir, 'b.conf'), error: 'exit 1' });
    expect([read('a.conf'), read('b.conf')]).toEqual(['old a', 'old b']);
    expect(calls.filter((call) => call === 'reload')).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('restores the previous files (and removes new ones) when the reload fails', async () => {
    writeFileSync(join(dir, 'a.conf'), 'old a');
    const { steps: s } = steps({ reload: () => Promise.reject(new ReloadError('EPERM: run as uid 0')) });
    const result = await runTransaction([file('a.conf', 'new a'), file('new.conf', 'new')], s);
    expect(result).toEqual({ result: 'reload-failed', files: [join(dir, 'a.conf'), join(dir, 'new.conf')], error: 'EPERM: run as uid 0', rolledBack: true });
    expect(read('a.conf')).toBe('old a');
    expect(readdirSync(dir)).toEqual(['a.conf']);
  });

  it('restores and reloads again when the verification fails', async () => {
    writeFileSync(join(dir, 'a.conf'), 'old a');
    const contents: string[] = [];
    const { steps: s } = steps({
      reload: () => {
        contents.push(read('a.conf'));
        return Promise.resolve(reloaded);
      },
      verify: () => Promise.reject(new Error('revision not served')),
    });
    const result = await runTransaction([file('a.conf', 'new a')], s);
    expect(result).toMatchObject({ result: 'verify-failed', error: 'revision not served', rolledBack: true });
    // The app was reloaded onto the new file, then back onto the old one.
    expect(contents).toEqual(['new a', 'old a']);
    expect(leftovers()).toEqual([]);
  });

  it('does not verify when there was nothing to reload', async () => {
    const { steps: s } = steps({
      reload: () => Promise.resolve({ kind: 'no-target', detail: 'no process' }),
      verify: () => Promise.reject(new Error('must not run')),
    });
    await expect(runTransaction([file('a.conf', 'x')], s)).resolves.toMatchObject({ result: 'applied', reload: { kind: 'no-target' } });
  });

  it('reports a destination directory that does not exist', async () => {
    const { steps: s } = steps();
    await expect(runTransaction([{ dest: join(dir, 'missing/a.conf'), content: 'x', mode: 0o644 }], s)).resolves.toMatchObject({ result: 'stage-failed' });
  });
});
