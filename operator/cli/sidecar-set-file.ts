import { readFile } from 'node:fs/promises';
import { parseSidecarSetDocuments } from '../api/sidecar-set-documents.ts';
import type { SidecarSet } from '../api/sidecar-set.ts';
import { ManifestError } from '../manifest/yaml-documents.ts';

/**
 * Reads and validates a file of SidecarSets; `-` reads standard input.
 * Throws ManifestError, also for a file that holds no SidecarSet at all (a
 * Pod, an empty file): a wrong path must not silently mean "no sets".
 */
export async function loadSidecarSetFile(path: string): Promise<SidecarSet[]> {
  const source = path === '-' ? '<stdin>' : path;
  const sets = parseSidecarSetDocuments(await readTextInput(path), source);
  if (sets.length === 0) throw new ManifestError(`${source}: holds no SidecarSet (apiVersion: tandem.dev/v1alpha1, kind: SidecarSet); is it the right file?`);
  return sets;
}

export async function readTextInput(path: string): Promise<string> {
  try {
    if (path !== '-') return await readFile(path, 'utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    throw new ManifestError(`${path}: cannot read: ${(error as Error).message}`);
  }
}
