// Files a recipe writes itself (passwd, group, a config file from the
// repository, directories with their own modes, symlinks) as a layer
// source. Its fingerprint is the entries themselves, content included.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LayerEntry } from './layer-entry.ts';
import type { BuildContext, LayerSource, ResolvedSource } from './recipe.ts';

export function fingerprintEntries(entries: readonly LayerEntry[]): string {
  const hash = createHash('sha256');
  for (const entry of entries) {
    const { content, ...metadata } = entry.type === 'file' ? entry : { ...entry, content: undefined };
    hash.update(JSON.stringify(metadata)).update('\0');
    if (content !== undefined) hash.update('bytes' in content ? content.bytes : readFileSync(content.path)).update('\0');
  }
  return hash.digest('hex');
}

export function recipeFiles(describe: string, make: (context: BuildContext) => readonly LayerEntry[]): LayerSource {
  return {
    describe,
    resolve(context: BuildContext): Promise<ResolvedSource> {
      const entries = make(context);
      return Promise.resolve({ fingerprint: fingerprintEntries(entries), collect: () => Promise.resolve([...entries]) });
    },
  };
}
