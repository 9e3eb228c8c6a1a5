// Command output shown in the docs is what the commands print today: each
// `<!-- checked-output -->` block (scripts/docs-output.ts) is run again and
// compared. After a change that moves the output, `npm run gen` rewrites it.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentationFiles, findCheckedBlocks, formatBlock, parseBlock, runShownCommand } from '../../../scripts/docs-output.ts';

const root = join(import.meta.dirname, '../../..');

const shown = documentationFiles(root).flatMap((path) =>
  findCheckedBlocks(readFileSync(join(root, path), 'utf8')).flatMap((block) =>
    block.commands.map((command) => [path, command.command.split('\n')[0] ?? '', command] as const),
  ),
);

describe('checked command output in the docs', () => {
  it('finds the checked blocks of README.md and docs/', () => {
    expect(new Set(shown.map(([path]) => path)).size).toBeGreaterThanOrEqual(3);
    expect(shown.length).toBeGreaterThanOrEqual(5);
  });

  it.each(shown)('%s: $ %s', (_path, _line, { command, output }) => {
    expect(runShownCommand(command, root)).toBe(output);
  });
});

describe('checked blocks', () => {
  it('read commands, continuation lines and output', () => {
    const body = '$ bin/tandem explain \\\n    -f x.yaml | head -1\nline 1\nline 2\n$ bin/tandem --version\n0.1.0\n';
    const commands = parseBlock(body);
    expect(commands).toEqual([
      { command: 'bin/tandem explain \\\n    -f x.yaml | head -1', output: 'line 1\nline 2' },
      { command: 'bin/tandem --version', output: '0.1.0' },
    ]);
    expect(formatBlock(commands)).toBe(body);
  });

  it('run only bin/tandem commands', () => {
    expect(() => runShownCommand('rm -rf /tmp/nothing', root)).toThrow('only bin/tandem commands are run');
  });

  it('refuse to show the output of a failing command', () => {
    expect(() => runShownCommand('bin/tandem explain -f /no/such/file.yaml', root)).toThrow('exited 1');
  });
});
