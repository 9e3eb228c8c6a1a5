import { readFile } from 'node:fs/promises';
import { parseSidecarSetDocuments } from '../api/sidecar-set-documents.ts';
import type { SidecarSet } from '../api/sidecar-set.ts';
import { ManifestError } from '../manifest/yaml-documents.ts';

/** Reads and validates a file of SidecarSets; `-` reads standard input. Throws ManifestError. */
export async function loadSidecarSetFile(path: string): Promise<SidecarSet[]> {
  return parseSidecarSetDocuments(await readTextInput(path), path === '-' ? '<stdin>' : path);
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
