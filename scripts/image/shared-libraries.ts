// The shared libraries an executable needs, resolved inside an extracted
// package tree by that tree's own dynamic loader (`ld.so --list`, what ldd
// does), so an image gets exactly the libraries it loads and no others:
// each library as the loader finds it, with the symlinks from its soname to
// the real file, and the program interpreter itself.
import { lstatSync, readlinkSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { imagePath } from './layer-entry.ts';
import { runSync } from './run-command.ts';

/** Multiarch directories of Debian's x86_64 glibc, searched in this order. */
export const LIBRARY_DIRS = ['lib/x86_64-linux-gnu', 'usr/lib/x86_64-linux-gnu', 'lib', 'usr/lib'] as const;
const LOADER = 'lib/x86_64-linux-gnu/ld-linux-x86-64.so.2';

export interface LoaderListing {
  /** The ELF interpreter as the executable names it (an image path). */
  readonly interpreter?: string;
  /** Host paths the loader resolved each needed library to. */
  readonly libraries: readonly string[];
  /** Sonames the loader could not find. */
  readonly missing: readonly string[];
}

/** Parses `ld.so --list` output. */
export function parseLoaderListing(text: string): LoaderListing {
  const libraries: string[] = [];
  const missing: string[] = [];
  let interpreter: string | undefined;
  for (const line of text.split('\n')) {
    const match = /^\s*(\S+) => (.+?)(?: \(0x[0-9a-f]+\))?$/.exec(line);
    if (match === null) continue;
    const [, name = '', resolved = ''] = match;
    if (name.startsWith('/')) interpreter = name;
    else if (resolved === 'not found') missing.push(name);
    else libraries.push(resolved);
  }
  return { ...(interpreter === undefined ? {} : { interpreter }), libraries, missing };
}

/** `path` (an image path in `tree`) and every symlink hop to the real file, as image paths. */
export function symlinkChain(tree: string, path: string): string[] {
  const chain: string[] = [];
  let current = imagePath(path);
  for (let hops = 0; hops < 40; hops += 1) {
    chain.push(current);
    const host = join(tree, current);
    if (!lstatSync(host, { throwIfNoEntry: false })?.isSymbolicLink()) return chain;
    const target = readlinkSync(host);
    current = imagePath(target.startsWith('/') ? target : posix.join(posix.dirname(current), target));
  }
  throw new Error(`/${path}: too many levels of symbolic links`);
}

/** Image paths of everything `executables` (image paths in `tree`) load: libraries, their links, the interpreter. */
export function libraryClosure(tree: string, executables: readonly string[]): string[] {
  const paths = new Set<string>();
  const libraryPath = LIBRARY_DIRS.map((dir) => join(tree, dir)).join(':');
  for (const executable of executables) {
    const listing = parseLoaderListing(runSync(join(tree, LOADER), ['--inhibit-cache', '--library-path', libraryPath, '--list', join(tree, executable)]));
    if (listing.missing.length > 0) throw new Error(`/${executable} needs ${listing.missing.join(', ')}, which no listed package provides`);
    for (const library of listing.libraries) {
      const inside = relative(tree, library);
      if (inside.startsWith('..')) throw new Error(`/${executable} needs ${library}, found on this machine but in no listed package`);
      for (const path of symlinkChain(tree, inside)) paths.add(path);
    }
    if (listing.interpreter !== undefined) for (const path of symlinkChain(tree, listing.interpreter)) paths.add(path);
  }
  return [...paths].sort();
}

