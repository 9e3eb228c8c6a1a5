// What the real kubectl reads from a manifest stream: `kubectl patch --local
// --type merge -p {} -o json` reads every document exactly as `kubectl
// apply` does (YAML through sigs.k8s.io/yaml, JSON through encoding/json,
// known kinds decoded into their types, others unstructured), changes
// nothing and prints the objects. No cluster is needed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { clusterTools } from '../../cluster-env.ts';

export type KubectlReading = { readonly ok: true; readonly objects: unknown[] } | { readonly ok: false; readonly error: string };

/** The objects kubectl reads from `text`, in order; integers beyond 2^53 as bigints. */
export function kubectlReads(text: string, name = 'manifests.yaml'): KubectlReading {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-kubectl-reading-'));
  try {
    const file = join(dir, basename(name));
    writeFileSync(file, text);
    const result = spawnSync(clusterTools().kubectl, ['patch', '--local', '--type', 'merge', '-p', '{}', '-o', 'json', '-f', file], {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, KUBECONFIG: join(dir, 'none') },
    });
    if (result.status !== 0) return { ok: false, error: result.stderr.trim() };
    return { ok: true, objects: splitJsonObjects(result.stdout).map(parseExact) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same objects as a JSON stream, bigints in full: what kubectl should read from a value Tandem computed. */
export function asJsonStream(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? JSON.rawJSON(inner.toString()) : inner), 2)}\n`).join('');
}

function parseExact(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) && context?.source !== undefined && /^-?\d+$/.test(context.source)
      ? BigInt(context.source)
      : value,
  );
}

/** kubectl prints several objects one after another: split them at depth 0, outside strings. */
function splitJsonObjects(text: string): string[] {
  const objects: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '{') {
      if (depth === 0) start = index;
      depth++;
    } else if (character === '}') {
      depth--;
      if (depth === 0) objects.push(text.slice(start, index + 1));
    }
  }
  return objects;
}
