// Reads the Dockerfile and .dockerignore the way `docker build` does, for the
// subset this project uses: scripts/stage-image.ts replays the build from it
// and the tests read the final stage's start-up (ENTRYPOINT, CMD, USER, ENV)
// from it, so neither can drift from the file an image builder runs.
// Anything outside the subset is an error, not a guess.

/** One instruction, continuation lines joined and comments dropped. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  /** 1-based line where it starts, for error messages. */
  readonly line: number;
}

const KNOWN = new Set(['FROM', 'ARG', 'ENV', 'WORKDIR', 'COPY', 'RUN', 'USER', 'EXPOSE', 'LABEL', 'ENTRYPOINT', 'CMD']);

export function parseInstructions(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    // Comment lines (parser directives included) vanish, even inside a continued instruction.
    if (/^\s*#/.test(line)) return;
    if (pending === undefined && line.trim() === '') return;
    const continued = /\\\s*$/.test(line);
    const content = continued ? line.replace(/\\\s*$/, '') : line;
    pending = pending === undefined ? { text: content, line: index + 1 } : { text: `${pending.text}${content}`, line: pending.line };
    if (continued) return;
    instructions.push(toInstruction(pending));
    pending = undefined;
  });
  if (pending !== undefined) instructions.push(toInstruction(pending));
  return instructions;
}

function toInstruction(pending: { text: string; line: number }): Instruction {
  const match = /^\s*(\S+)\s*(.*)$/s.exec(pending.text);
  const keyword = (match?.[1] ?? '').toUpperCase();
  if (!KNOWN.has(keyword)) throw new Error(`Dockerfile line ${pending.line}: ${keyword} is not an instruction scripts/dockerfile.ts understands`);
  return { keyword, args: (match?.[2] ?? '').trim(), line: pending.line };
}

/** `$NAME` and `${NAME}` from `vars`; unknown names expand to nothing, as in Docker. */
export function expandVariables(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_all, braced?: string, bare?: string) => vars[braced ?? bare ?? ''] ?? '');
}

/** `KEY=VALUE KEY2="VALUE 2"` (ENV, LABEL, ARG); a value may be double-quoted. */
export function parseKeyValues(args: string): [string, string][] {
  const pairs: [string, string][] = [];
  const pattern = /([^\s=]+)(?:=("(?:[^"\\]|\\.)*"|\S*))?/g;
  for (const match of args.matchAll(pattern)) {
    const value = match[2] ?? '';
    pairs.push([match[1] ?? '', value.startsWith('"') ? (JSON.parse(value) as string) : value]);
  }
  return pairs;
}

/** The exec (JSON) form; the shell form would need a shell the runtime image does not have. */
export function parseExecForm(instruction: Instruction): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(instruction.args);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new Error(`Dockerfile line ${instruction.line}: ${instruction.keyword} must use the exec form (a JSON array of strings)`);
  }
  return parsed;
}

/** Leading `--name=value` flags (COPY --from, RUN --mount), then the rest. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let match = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest); match !== null; match = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[match[1] ?? ''] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

export interface CopyInstruction {
  readonly from?: string;
  readonly sources: string[];
  readonly destination: string;
}

export function parseCopy(instruction: Instruction, vars: Readonly<Record<string, string>>): CopyInstruction {
  const { flags, rest } = splitFlags(expandVariables(instruction.args, vars));
  const unknown = Object.keys(flags).filter((flag) => flag !== 'from' && flag !== 'link');
  if (unknown.length > 0) throw new Error(`Dockerfile line ${instruction.line}: COPY --${unknown.join(', --')} is not supported by scripts/stage-image.ts`);
  const words = rest.startsWith('[') ? parseExecForm({ ...instruction, args: rest }) : rest.split(/\s+/);
  const destination = words.pop();
  if (destination === undefined || words.length === 0) throw new Error(`Dockerfile line ${instruction.line}: COPY needs a source and a destination`);
  return { ...(flags.from !== undefined ? { from: flags.from } : {}), sources: words, destination };
}

export interface Stage {
  /** The image it starts from, variables expanded. */
  readonly base: string;
  readonly name?: string;
  /** Its instructions after FROM. */
  readonly instructions: Instruction[];
  /** ARG values in scope at FROM (the global ones). */
  readonly globalArgs: Readonly<Record<string, string>>;
}

function parseFrom(instruction: Instruction, globalArgs: Readonly<Record<string, string>>): { base: string; name?: string } {
  const match = /^(\S+)(?:\s+[Aa][Ss]\s+(\S+))?$/.exec(expandVariables(instruction.args, globalArgs));
  if (match?.[1] === undefined) throw new Error(`Dockerfile line ${instruction.line}: FROM IMAGE [AS NAME] expected`);
  return { base: match[1], ...(match[2] !== undefined ? { name: match[2] } : {}) };
}

/** Splits the file into stages; ARGs before the first FROM are global, as in Docker. */
export function parseStages(text: string, buildArgs: Readonly<Record<string, string>> = {}): Stage[] {
  const globalArgs: Record<string, string> = {};
  const stages: { base: string; name?: string; instructions: Instruction[]; globalArgs: Record<string, string> }[] = [];
  for (const instruction of parseInstructions(text)) {
    if (instruction.keyword === 'FROM') {
      stages.push({ ...parseFrom(instruction, globalArgs), instructions: [], globalArgs: { ...globalArgs } });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`Dockerfile line ${instruction.line}: only ARG may precede FROM`);
      for (const [key, value] of parseKeyValues(instruction.args)) globalArgs[key] = buildArgs[key] ?? value;
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  if (stages.length === 0) throw new Error('Dockerfile: no FROM');
  return stages;
}

/** What `docker inspect` would show of the final stage, apart from what the base image sets. */
export interface ImageConfig {
  readonly base: string;
  readonly entrypoint: string[];
  readonly cmd: string[];
  readonly env: Record<string, string>;
  readonly user?: string;
  readonly workdir: string;
  readonly labels: Record<string, string>;
  readonly exposedPorts: string[];
}

/**
 * Folds the configuration instructions of one stage (ENV, ARG, WORKDIR,
 * USER, LABEL, EXPOSE, ENTRYPOINT, CMD); `visit` sees every instruction with
 * the variables in scope (for COPY and RUN, which the caller carries out).
 */
export function foldStage(stage: Stage, visit?: (instruction: Instruction, vars: Readonly<Record<string, string>>) => void): ImageConfig {
  const state = { env: {} as Record<string, string>, args: {} as Record<string, string>, labels: {} as Record<string, string>, workdir: '/', exposedPorts: [] as string[] };
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  let cmdSet = false;
  let user: string | undefined;
  for (const instruction of stage.instructions) {
    const vars = { ...state.args, ...state.env };
    const args = expandVariables(instruction.args, vars);
    switch (instruction.keyword) {
      case 'ENTRYPOINT':
        entrypoint = parseExecForm(instruction);
        // As in Docker: a new entry point drops a CMD this stage did not set itself.
        if (!cmdSet) cmd = [];
        break;
      case 'CMD':
        cmd = parseExecForm(instruction);
        cmdSet = true;
        break;
      case 'USER':
        user = args;
        break;
      default:
        applySetting(state, { instruction, args, globalArgs: stage.globalArgs });
    }
    visit?.(instruction, vars);
  }
  return { base: stage.base, entrypoint, cmd, env: state.env, ...(user !== undefined ? { user } : {}), workdir: state.workdir, labels: state.labels, exposedPorts: state.exposedPorts };
}

interface StageState {
  env: Record<string, string>;
  args: Record<string, string>;
  labels: Record<string, string>;
  workdir: string;
  exposedPorts: string[];
}

function applySetting(state: StageState, step: { instruction: Instruction; args: string; globalArgs: Readonly<Record<string, string>> }): void {
  const { instruction, args } = step;
  switch (instruction.keyword) {
    case 'ENV':
      for (const [key, value] of parseKeyValues(args)) state.env[key] = value;
      return;
    case 'ARG':
      // A global ARG named again inside a stage brings its value into scope.
      for (const [key, value] of parseKeyValues(instruction.args)) state.args[key] = step.globalArgs[key] ?? value;
      return;
    case 'LABEL':
      for (const [key, value] of parseKeyValues(args)) state.labels[key] = value;
      return;
    case 'WORKDIR':
      state.workdir = args.startsWith('/') ? args : `${state.workdir.replace(/\/$/, '')}/${args}`;
      return;
    case 'EXPOSE':
      state.exposedPorts.push(...args.split(/\s+/));
      return;
    default:
    // COPY and RUN change files, not the configuration.
  }
}

/** The final stage's configuration. */
export function finalImageConfig(text: string, buildArgs: Readonly<Record<string, string>> = {}): ImageConfig {
  const stages = parseStages(text, buildArgs);
  const last = stages.at(-1);
  if (last === undefined) throw new Error('Dockerfile: no FROM');
  return foldStage(last);
}

// ---------------------------------------------------------------------------
// .dockerignore

/** One .dockerignore rule: a pattern (Go filepath.Match plus `**`) and whether it re-includes. */
interface IgnoreRule {
  readonly pattern: RegExp;
  readonly exclude: boolean;
}

export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exclude = !line.startsWith('!');
      const cleaned = (exclude ? line : line.slice(1)).trim().replace(/^\/+/, '').replace(/\/+$/, '').replace(/^\.\//, '');
      return { pattern: globToRegExp(cleaned), exclude };
    });
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of directories, including none.
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether `path` (relative to the context, `/`-separated) is left out of the
 * build context. As in Docker, a rule matches a path or any of its parent
 * directories, and the last matching rule decides.
 */
export function isIgnored(rules: readonly IgnoreRule[], path: string): boolean {
  const parts = path.split('/');
  const candidates = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.pattern.test(candidate))) ignored = rule.exclude;
  }
  return ignored;
}

/** Whether a COPY source pattern (relative to the context) names `path` or a directory holding it. */
export function copySourceMatches(source: string, path: string): boolean {
  const cleaned = source.replace(/^\.\//, '').replace(/\/+$/, '');
  if (cleaned === '.' || cleaned === '') return true;
  const pattern = globToRegExp(cleaned);
  const parts = path.split('/');
  return parts.some((_, index) => pattern.test(parts.slice(0, index + 1).join('/')));
}
