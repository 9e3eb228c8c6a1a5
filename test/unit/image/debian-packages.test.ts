// The pure parts of taking Debian packages apart (scripts/image/
// debian-packages.ts, shared-libraries.ts): apt's output, which files of a
// package go in, what is recorded for scanners, the loader's listing.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debFileName, parseControlParagraphs, selectPackageItems, statusEntries } from '../../../scripts/image/debian-packages.ts';
import { parseLoaderListing, symlinkChain } from '../../../scripts/image/shared-libraries.ts';
import type { TreeItem } from '../../../scripts/image/tree-entries.ts';

const work = mkdtempSync(join(tmpdir(), 'tandem-debian-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('parseControlParagraphs', () => {
  it('reads apt-cache show: one record per paragraph, continuation lines joined', () => {
    const text =
      'Package: nginx\nVersion: 1.22.1-9+deb12u11\nArchitecture: amd64\nDescription: small, powerful\n Nginx ("engine X") is\n .\n more\nSHA256: abc\n\n' +
      'Package: busybox-static\nSource: busybox (1:1.35.0-4+deb12u1)\nVersion: 1:1.35.0-4+deb12u1+b1\nArchitecture: amd64\nSHA256: def\n';
    expect(parseControlParagraphs(text)).toEqual([
      { Package: 'nginx', Version: '1.22.1-9+deb12u11', Architecture: 'amd64', Description: 'small, powerful\n Nginx ("engine X") is\n .\n more', SHA256: 'abc' },
      { Package: 'busybox-static', Source: 'busybox (1:1.35.0-4+deb12u1)', Version: '1:1.35.0-4+deb12u1+b1', Architecture: 'amd64', SHA256: 'def' },
    ]);
  });
});

describe('debFileName', () => {
  it.each([
    [{ name: 'libc6', version: '2.36-9+deb12u14', architecture: 'amd64', sha256: '' }, 'libc6_2.36-9+deb12u14_amd64.deb'],
    [{ name: 'busybox-static', version: '1:1.35.0-4+deb12u1+b1', architecture: 'amd64', sha256: '' }, 'busybox-static_1%3a1.35.0-4+deb12u1+b1_amd64.deb'],
    [{ name: 'tzdata', version: '2026f-0+deb12u1', architecture: 'all', sha256: '' }, 'tzdata_2026f-0+deb12u1_all.deb'],
  ])('is what apt-get download writes for %j', (pkg, name) => {
    expect(debFileName(pkg)).toBe(name);
  });
});

describe('selectPackageItems', () => {
  const file = (path: string): TreeItem => ({ path, type: 'file', mode: 0o644, size: 1 });
  const dir = (path: string): TreeItem => ({ path, type: 'directory', mode: 0o755, size: 0 });
  const listing: TreeItem[] = [
    dir('lib'),
    file('lib/libz.so.1.2.13'),
    { path: 'lib/libz.so.1', type: 'symlink', mode: 0o777, size: 0, target: 'libz.so.1.2.13' },
    file('usr/share/doc/zlib1g/changelog.Debian.gz'),
    file('usr/share/doc/zlib1g/copyright'),
    file('usr/share/man/man3/zlib.3.gz'),
    file('usr/share/lintian/overrides/zlib1g'),
    file('usr/share/gdb/auto-load/x.py'),
    file('etc/zlib.conf'),
  ];
  const paths = (items: TreeItem[]): string[] => items.map((item) => item.path);

  it.each([
    ['whole: all but documentation, with the copyright', { name: 'zlib1g' }, new Set<string>(), ['lib', 'lib/libz.so.1.2.13', 'lib/libz.so.1', 'etc/zlib.conf', 'usr/share/doc/zlib1g/copyright']],
    ['chosen paths, with the copyright', { name: 'zlib1g', paths: ['etc/zlib.conf'] }, new Set<string>(), ['etc/zlib.conf', 'usr/share/doc/zlib1g/copyright']],
    ['libraries only: those the closure names', { name: 'zlib1g', librariesOnly: true }, new Set(['lib/libz.so.1', 'lib/libz.so.1.2.13', 'lib']), ['lib/libz.so.1.2.13', 'lib/libz.so.1', 'usr/share/doc/zlib1g/copyright']],
    ['libraries only, none needed: nothing, not even the copyright', { name: 'zlib1g', librariesOnly: true }, new Set(['lib/libother.so']), []],
  ])('%s', (_what, spec, closure, expected) => {
    expect(paths(selectPackageItems(listing, spec, closure))).toEqual(expected);
  });

  it('refuses a chosen path the package does not have', () => {
    expect(() => selectPackageItems(listing, { name: 'zlib1g', paths: ['usr/bin/zlib', 'lib'] }, new Set())).toThrow('package zlib1g has no file /usr/bin/zlib, /lib');
  });
});

describe('statusEntries', () => {
  it("records the control file and the md5sums of the files included, as distroless's status.d", () => {
    const md5sums = '1d183eea1b6e00d012acf4045eb34395  usr/sbin/nginx\n6a6760e3a92f2973c3e53c1278453d11  usr/share/doc/nginx/changelog.Debian.gz\n';
    const entries = statusEntries('nginx', 'Package: nginx\nVersion: 1.22.1-9+deb12u11', md5sums, new Set(['usr/sbin/nginx']));
    expect(entries.map((entry) => [entry.path, entry.type === 'file' && 'bytes' in entry.content ? entry.content.bytes.toString() : ''])).toEqual([
      ['var/lib/dpkg/status.d/nginx', 'Package: nginx\nVersion: 1.22.1-9+deb12u11\n'],
      ['var/lib/dpkg/status.d/nginx.md5sums', '1d183eea1b6e00d012acf4045eb34395  usr/sbin/nginx\n'],
    ]);
  });
});

describe('parseLoaderListing', () => {
  it('reads ld.so --list: resolved libraries, the interpreter, what is missing', () => {
    const text = [
      '\tlinux-vdso.so.1 (0x00007fbf6e957000)',
      '\tlibcrypt.so.1 => /t/m/lib/x86_64-linux-gnu/libcrypt.so.1 (0x00007fbf6e7bf000)',
      '\tlibpcre2-8.so.0 => /t/m/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0 (0x00007fbf6e725000)',
      '\tlibgone.so.3 => not found',
      '\t/lib64/ld-linux-x86-64.so.2 => /t/m/lib64/ld-linux-x86-64.so.2 (0x00007fbf6e959000)',
    ].join('\n');
    expect(parseLoaderListing(text)).toEqual({
      interpreter: '/lib64/ld-linux-x86-64.so.2',
      libraries: ['/t/m/lib/x86_64-linux-gnu/libcrypt.so.1', '/t/m/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0'],
      missing: ['libgone.so.3'],
    });
  });
});

describe('symlinkChain', () => {
  it('follows relative and absolute links inside the tree, never out of it', () => {
    const tree = join(work, 'tree');
    mkdirSync(join(tree, 'lib/x86_64-linux-gnu'), { recursive: true });
    mkdirSync(join(tree, 'lib64'));
    writeFileSync(join(tree, 'lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'), '');
    writeFileSync(join(tree, 'lib/x86_64-linux-gnu/libz.so.1.2.13'), '');
    symlinkSync('libz.so.1.2.13', join(tree, 'lib/x86_64-linux-gnu/libz.so.1'));
    symlinkSync('/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', join(tree, 'lib64/ld-linux-x86-64.so.2'));
    expect(symlinkChain(tree, 'lib/x86_64-linux-gnu/libz.so.1')).toEqual(['lib/x86_64-linux-gnu/libz.so.1', 'lib/x86_64-linux-gnu/libz.so.1.2.13']);
    expect(symlinkChain(tree, '/lib64/ld-linux-x86-64.so.2')).toEqual(['lib64/ld-linux-x86-64.so.2', 'lib/x86_64-linux-gnu/ld-linux-x86-64.so.2']);
    symlinkSync('loop-b', join(tree, 'loop-a'));
    symlinkSync('loop-a', join(tree, 'loop-b'));
    expect(() => symlinkChain(tree, 'loop-a')).toThrow(/too many levels/);
  });
});
