// Debian bookworm packages as a layer source, the way distroless assembles
// its bases: this machine's apt resolves each package to its candidate
// version (apt-cache show), `apt-get download` fetches the .deb once into
// ${TANDEM_CACHE_DIR}/debs (checked against the SHA-256 apt's signed index
// gives), `dpkg-deb` extracts it, and no maintainer script ever runs. A
// package goes in whole (less documentation other than its copyright), as
// chosen paths, or as only the shared libraries some executable loads. What
// went in is recorded like distroless records it, for scanners:
// /var/lib/dpkg/status.d/<package> (its control file) and <package>.md5sums
// (the lines of the files included), and in one image label.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_OWNER, textFile, type LayerEntry } from './layer-entry.ts';
import type { BuildContext, LayerSource, ResolvedSource } from './recipe.ts';
import { run, runSync } from './run-command.ts';
import { libraryClosure } from './shared-libraries.ts';
import { listTree, treeEntries, type TreeItem } from './tree-entries.ts';

export const PACKAGES_LABEL = 'dev.tandem.image.debian-packages';

export interface DebianPackage {
  readonly name: string;
  /** Only these paths (files or symlinks), plus the copyright. */
  readonly paths?: readonly string[];
  /** Only the libraries `libraryClosureOf` loads, plus the copyright. */
  readonly librariesOnly?: boolean;
}

export interface ExtractedPackages {
  /** Every package extracted into one tree (what the loader resolves libraries in). */
  readonly merged: string;
  /** One package's own tree. */
  dir(name: string): string;
}

export interface DebianOptions {
  readonly packages: readonly (string | DebianPackage)[];
  /** Image paths of executables whose shared libraries the `librariesOnly` packages supply. */
  readonly libraryClosureOf?: readonly string[];
  /** Entries made from the extracted packages (a CA bundle, applet links); the recipe's code, in the cache key with it. */
  readonly derive?: (packages: ExtractedPackages, context: BuildContext) => LayerEntry[];
}

export interface ResolvedPackage {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
  readonly sha256: string;
}

/** The paragraphs of `apt-cache show` output, field name -> value (continuation lines joined). */
export function parseControlParagraphs(text: string): Record<string, string>[] {
  return text
    .split(/\n\s*\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const fields: Record<string, string> = {};
      let last: string | undefined;
      for (const line of block.split('\n')) {
        const match = /^([A-Za-z0-9-]+):\s?(.*)$/.exec(line);
        if (match !== null) {
          last = match[1] ?? '';
          fields[last] = match[2] ?? '';
        } else if (last !== undefined && /^\s/.test(line)) {
          fields[last] = `${fields[last] ?? ''}\n${line}`;
        }
      }
      return fields;
    });
}

/** Candidate versions of `names` from this machine's apt lists, in the order given. */
export function resolvePackages(names: readonly string[]): ResolvedPackage[] {
  let text: string;
  try {
    text = runSync('apt-cache', ['show', '--no-all-versions', ...names]);
  } catch (error) {
    throw new Error(`apt knows no candidate for some of ${names.join(', ')} (run \`apt-get update\` first?): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const paragraphs = parseControlParagraphs(text);
  return names.map((name) => {
    const fields = paragraphs.find((paragraph) => paragraph.Package === name);
    if (fields?.Version === undefined || fields.SHA256 === undefined || fields.Architecture === undefined) {
      throw new Error(`apt-cache show ${name}: no Version, Architecture and SHA256 (is ${name} a real package in this machine's apt sources?)`);
    }
    return { name, version: fields.Version, architecture: fields.Architecture, sha256: fields.SHA256 };
  });
}

/** The name `apt-get download` gives a package's file. */
export function debFileName(pkg: ResolvedPackage): string {
  return `${pkg.name}_${pkg.version.replace(/:/g, '%3a')}_${pkg.architecture}.deb`;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The .deb in the cache, downloaded when absent; its SHA-256 is always checked. */
export async function downloadPackage(pkg: ResolvedPackage, cacheDir: string): Promise<string> {
  const dir = join(cacheDir, 'debs');
  const path = join(dir, debFileName(pkg));
  if (existsSync(path) && sha256File(path) === pkg.sha256) return path;
  const staging = join(dir, `.download-${process.pid}-${pkg.name}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    // As root, apt's sandbox user could not write here; the checksum below is what makes the file trusted.
    const sandbox = process.getuid?.() === 0 ? ['-o', 'APT::Sandbox::User=root'] : [];
    await run('apt-get', [...sandbox, 'download', `${pkg.name}=${pkg.version}`], { cwd: staging });
    const fetched = join(staging, debFileName(pkg));
    const actual = existsSync(fetched) ? sha256File(fetched) : 'nothing';
    if (actual !== pkg.sha256) throw new Error(`apt-get download ${pkg.name}=${pkg.version}: expected SHA-256 ${pkg.sha256}, got ${actual}`);
    renameSync(fetched, path);
    return path;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Directories of a whole package that nothing in a container reads. */
const NOT_AT_RUN_TIME = /^usr\/share\/(?:doc|man|info|lintian|bug|gdb|gcc)(?:\/|$)/;

function copyrightOf(name: string): string {
  return `usr/share/doc/${name}/copyright`;
}

/**
 * What of a package goes in: the paths chosen (whole: all but
 * documentation; `paths`: those; `librariesOnly`: those in `closure`), plus
 * its copyright file when anything else of it does.
 */
export function selectPackageItems(listing: readonly TreeItem[], spec: DebianPackage, closure: ReadonlySet<string>): TreeItem[] {
  const copyright = copyrightOf(spec.name);
  const wanted = spec.paths !== undefined ? new Set(spec.paths) : spec.librariesOnly === true ? closure : undefined;
  if (spec.paths !== undefined) {
    const missing = spec.paths.filter((path) => !listing.some((item) => item.path === path && item.type !== 'directory'));
    if (missing.length > 0) throw new Error(`package ${spec.name} has no file ${missing.map((path) => `/${path}`).join(', ')}`);
  }
  const selected = listing.filter((item) => (wanted === undefined ? !NOT_AT_RUN_TIME.test(item.path) : wanted.has(item.path) && item.type !== 'directory'));
  const license = listing.find((item) => item.path === copyright && item.type === 'file');
  if (selected.length === 0 || license === undefined || selected.includes(license)) return selected;
  return [...selected, license];
}

/** status.d/<name> (the control file) and status.d/<name>.md5sums (the lines of the included files). */
export function statusEntries(name: string, control: string, md5sums: string, included: ReadonlySet<string>): LayerEntry[] {
  const lines = md5sums.split('\n').filter((line) => included.has(line.replace(/^[0-9a-f]{32}\s+/, '')));
  const entries = [textFile(`var/lib/dpkg/status.d/${name}`, control.endsWith('\n') ? control : `${control}\n`)];
  if (lines.length > 0) entries.push(textFile(`var/lib/dpkg/status.d/${name}.md5sums`, `${lines.join('\n')}\n`));
  return entries;
}

function specOf(pkg: string | DebianPackage): DebianPackage {
  return typeof pkg === 'string' ? { name: pkg } : pkg;
}

async function extract(specs: readonly DebianPackage[], resolved: readonly ResolvedPackage[], context: BuildContext): Promise<ExtractedPackages> {
  const root = join(context.workDir, 'debian');
  const merged = join(root, '.merged');
  mkdirSync(merged, { recursive: true });
  for (const [index, spec] of specs.entries()) {
    const pkg = resolved[index];
    if (pkg === undefined) throw new Error(`package ${spec.name} was not resolved`);
    const deb = await downloadPackage(pkg, context.cacheDir);
    mkdirSync(join(root, spec.name, 'DEBIAN'), { recursive: true });
    await run('dpkg-deb', ['--extract', deb, join(root, spec.name, 'files')]);
    await run('dpkg-deb', ['--control', deb, join(root, spec.name, 'DEBIAN')]);
    await run('dpkg-deb', ['--extract', deb, merged]);
  }
  return { merged, dir: (name) => join(root, name, 'files') };
}

function collectPackage(spec: DebianPackage, extracted: ExtractedPackages, closure: ReadonlySet<string>): LayerEntry[] {
  const files = extracted.dir(spec.name);
  const selected = selectPackageItems(listTree(files), spec, closure);
  if (selected.length === 0) return [];
  const control = readFileSync(join(files, '../DEBIAN/control'), 'utf8');
  const md5sumsPath = join(files, '../DEBIAN/md5sums');
  const md5sums = existsSync(md5sumsPath) ? readFileSync(md5sumsPath, 'utf8') : '';
  const included = new Set(selected.filter((item) => item.type === 'file').map((item) => item.path));
  return [...treeEntries(selected, { from: files, to: '/', ...ROOT_OWNER }), ...statusEntries(spec.name, control, md5sums, included)];
}

/** Libraries in the closure that no `librariesOnly` package supplied (a missing package in the recipe). */
function unsupplied(closure: ReadonlySet<string>, entries: readonly LayerEntry[]): string[] {
  const supplied = new Set(entries.map((entry) => entry.path));
  return [...closure].filter((path) => !supplied.has(path));
}

export function debianPackages(options: DebianOptions): LayerSource {
  const specs = options.packages.map(specOf);
  const names = specs.map((spec) => spec.name);
  return {
    describe: `Debian packages ${names.join(', ')}`,
    resolve(): Promise<ResolvedSource> {
      const resolved = resolvePackages(names);
      const facts = Object.fromEntries(resolved.map((pkg) => [`debian:${pkg.name}`, pkg.version]));
      return Promise.resolve({
        fingerprint: JSON.stringify({ resolved, specs, closureOf: options.libraryClosureOf ?? [], derive: options.derive?.toString() ?? '' }),
        facts,
        labels: { [PACKAGES_LABEL]: resolved.map((pkg) => `${pkg.name}=${pkg.version}`).join(',') },
        async collect(context: BuildContext): Promise<LayerEntry[]> {
          context.log(`Debian packages: ${resolved.map((pkg) => `${pkg.name} ${pkg.version}`).join(', ')}`);
          const extracted = await extract(specs, resolved, context);
          const closure = new Set(options.libraryClosureOf === undefined ? [] : libraryClosure(extracted.merged, options.libraryClosureOf));
          const entries = specs.flatMap((spec) => collectPackage(spec, extracted, closure));
          const missing = unsupplied(closure, entries);
          if (missing.length > 0) throw new Error(`${missing.map((path) => `/${path}`).join(', ')}: needed by ${options.libraryClosureOf?.join(', ')} but in no package of the recipe marked librariesOnly or whole`);
          return [...entries, ...(options.derive?.(extracted, context) ?? [])];
        },
      });
    },
  };
}

/** The names of a directory's entries, sorted: for `derive` functions. */
export function sortedNames(dir: string): string[] {
  return readdirSync(dir).sort();
}
