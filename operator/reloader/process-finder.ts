// Finds the process to signal in the shared PID namespace by reading /proc
// (a directory parameter, so tests use a fake one). Several processes often
// match (nginx's master and its workers, a check command that runs the same
// binary): the oldest one wins, which is the master. PID 1 is never chosen:
// in a pod with shareProcessNamespace it is the pause container. Neither is
// the reloader itself.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessRule } from './reloader-config.ts';

export interface ProcessInfo {
  readonly pid: number;
  /** /proc/PID/comm, at most 15 characters. */
  readonly comm: string;
  /** Arguments joined by spaces (what `ps -o args` shows). */
  readonly cmdline: string;
  /** Clock ticks after boot (/proc/PID/stat field 22). */
  readonly startTicks: number;
  /** Real UID from /proc/PID/status. */
  readonly uid: number;
}

export interface ProcessFinderOptions {
  readonly procRoot: string;
  /** Our own PID as seen in that namespace. */
  readonly selfPid: number;
}

/** The kernel truncates comm to 15 characters. */
const COMM_LENGTH = 15;

export function describeRule(rule: ProcessRule): string {
  if ('name' in rule) return `name "${rule.name}"`;
  if ('cmdline' in rule) return `cmdline matching /${rule.cmdline}/`;
  return `pid file ${rule.pidFile}`;
}

/** The target for `rule`, or undefined when no process matches (yet). */
export async function findProcess(rule: ProcessRule, options: ProcessFinderOptions): Promise<ProcessInfo | undefined> {
  if ('pidFile' in rule) return fromPidFile(rule.pidFile, options);
  const matches = matcher(rule);
  const candidates: ProcessInfo[] = [];
  for (const pid of await listPids(options.procRoot)) {
    if (pid === 1 || pid === options.selfPid) continue;
    const info = await readProcess(options.procRoot, pid);
    if (info !== undefined && matches(info)) candidates.push(info);
  }
  return oldest(candidates);
}

export function oldest(candidates: readonly ProcessInfo[]): ProcessInfo | undefined {
  return [...candidates].sort((a, b) => a.startTicks - b.startTicks || a.pid - b.pid)[0];
}

function matcher(rule: { name: string } | { cmdline: string }): (info: ProcessInfo) => boolean {
  if ('cmdline' in rule) {
    const pattern = new RegExp(rule.cmdline);
    return (info) => info.cmdline !== '' && pattern.test(info.cmdline);
  }
  const name = rule.name;
  return (info) => {
    // Kernel threads have no command line and are never a target.
    if (info.cmdline === '') return false;
    const argv0 = info.cmdline.split(' ')[0] ?? '';
    const base = argv0.slice(argv0.lastIndexOf('/') + 1).replace(/:$/, '');
    return info.comm === name.slice(0, COMM_LENGTH) || base === name;
  };
}

async function fromPidFile(path: string, options: ProcessFinderOptions): Promise<ProcessInfo | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 1 || pid === options.selfPid) return undefined;
  return readProcess(options.procRoot, pid);
}

async function listPids(procRoot: string): Promise<number[]> {
  const names = await readdir(procRoot);
  return names.filter((name) => /^[0-9]+$/.test(name)).map(Number);
}

/** Undefined when the process is gone (it may exit between readdir and read) or a zombie. */
export async function readProcess(procRoot: string, pid: number): Promise<ProcessInfo | undefined> {
  try {
    const dir = join(procRoot, String(pid));
    const [stat, cmdline, status] = await Promise.all([
      readFile(join(dir, 'stat'), 'utf8'),
      readFile(join(dir, 'cmdline'), 'utf8'),
      readFile(join(dir, 'status'), 'utf8'),
    ]);
    const parsed = parseStat(stat);
    if (parsed === undefined || parsed.state === 'Z' || parsed.state === 'X') return undefined;
    const uid = /^Uid:\s+([0-9]+)/m.exec(status)?.[1];
    return {
      pid,
      comm: parsed.comm,
      cmdline: cmdline.replace(/\0+$/, '').replaceAll('\0', ' '),
      startTicks: parsed.startTicks,
      uid: uid === undefined ? -1 : Number(uid),
    };
  } catch {
    return undefined;
  }
}

/** comm may hold spaces and parentheses: it runs from the first "(" to the last ")". */
export function parseStat(text: string): { comm: string; state: string; startTicks: number } | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // Fields after comm start at field 3 (state); starttime is field 22.
  const rest = text.slice(close + 2).split(' ');
  const state = rest[0];
  const start = rest[22 - 3];
  if (state === undefined || start === undefined) return undefined;
  return { comm: text.slice(open + 1, close), state, startTicks: Number(start) };
}

/** Now, in the clock ticks of startTicks: /proc/uptime seconds x USER_HZ (100 on Linux). */
export async function uptimeTicks(procRoot: string): Promise<number> {
  const text = await readFile(join(procRoot, 'uptime'), 'utf8');
  return Math.floor(Number(text.split(' ')[0]) * 100);
}
