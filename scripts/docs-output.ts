// Command output shown in the docs is real: a ```console block right after
// the marker comment `<!-- checked-output -->` holds `$ bin/tandem ...` lines,
// each followed by exactly what it prints. scripts/gen-docs-output.ts re-runs
// them (npm run gen rewrites the output, npm run gen:check fails when it
// drifted), and test/unit/api/docs-output.test.ts checks each block.
//
// Only `bin/tandem` commands are run, from the repository root, through bash
// (so a pipe into grep or sed may trim the output); a command that fails is an
// error, never output to enshrine.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const MARKER = '<!-- checked-output -->';
const BLOCK = /^<!-- checked-output -->\n```console\n([\s\S]*?)^```$/gm;

/** One `$ command` of a checked block and the output shown under it. */
export interface ShownCommand {
  readonly command: string;
  readonly output: string;
}

export interface CheckedBlock {
  /** Offset of the block's body in the file. */
  readonly start: number;
  readonly end: number;
  readonly commands: readonly ShownCommand[];
}

/** The checked blocks of one Markdown file, in order. */
export function findCheckedBlocks(markdown: string): CheckedBlock[] {
  return [...markdown.matchAll(BLOCK)].map((match) => {
    const body = match[1] ?? '';
    const start = match.index + match[0].indexOf('\n```console\n') + '\n```console\n'.length;
    return { start, end: start + body.length, commands: parseBlock(body) };
  });
}

/** `$ ` starts a command; a line ending in `\` continues it; anything else is output. */
export function parseBlock(body: string): ShownCommand[] {
  const commands: { command: string; output: string[] }[] = [];
  const lines = body.replace(/\n$/, '').split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (!line.startsWith('$ ')) {
      const current = commands.at(-1);
      if (current === undefined) throw new Error(`checked block: output before any "$ " command: ${line}`);
      current.output.push(line);
      continue;
    }
    let command = line.slice(2);
    // Kept as written: bash reads the backslash-newline as one line too.
    while (command.endsWith('\\') && index + 1 < lines.length) command = `${command}\n${lines[(index += 1)] ?? ''}`;
    commands.push({ command, output: [] });
  }
  return commands.map(({ command, output }) => ({ command, output: output.join('\n') }));
}

/** What the command prints now: stdout and stderr as one stream, as a terminal shows them. */
export function runShownCommand(command: string, root: string): string {
  if (!/^bin\/tandem\s/.test(command)) throw new Error(`checked block: only bin/tandem commands are run, not: ${command}`);
  // One pipe for both streams keeps their order (node writes to pipes synchronously on Linux).
  const result = spawnSync('bash', ['-c', `set -o pipefail\nexec 2>&1\n${command}`], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, TANDEM_LOG_LEVEL: '', NO_COLOR: '1' },
  });
  if (result.status !== 0) throw new Error(`checked block: "${command}" exited ${String(result.status)}:\n${result.stdout}`);
  return result.stdout.replace(/\n$/, '');
}

export function formatBlock(commands: readonly ShownCommand[]): string {
  return commands.map(({ command, output }) => `$ ${command}${output === '' ? '' : `\n${output}`}\n`).join('');
}

/** The file with every checked block's output replaced by what its commands print now. */
export function refreshOutputs(markdown: string, root: string): string {
  let out = '';
  let last = 0;
  for (const block of findCheckedBlocks(markdown)) {
    const commands = block.commands.map(({ command }) => ({ command, output: runShownCommand(command, root) }));
    out += markdown.slice(last, block.start) + formatBlock(commands);
    last = block.end;
  }
  return out + markdown.slice(last);
}

/** README.md and every page under docs/ (repository-relative). */
export function documentationFiles(root: string): string[] {
  const pages = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .map((path) => join('docs', path))
    .sort();
  return ['README.md', ...pages];
}
