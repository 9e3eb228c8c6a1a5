// The pure part of a layer: what a recipe's entries and a host tree become
// (scripts/image/layer-entry.ts, tree-entries.ts): normalized modes, image
// paths, parents, order, and refusal of two different entries for a path.
import { describe, expect, it } from '@jest/globals';
import { directory, imagePath, layerEntries, normalizeMode, symlink, textFile, type LayerEntry } from '../../../scripts/image/layer-entry.ts';
import { treeEntries, type TreeItem } from '../../../scripts/image/tree-entries.ts';
import { containerDirectories, userFiles } from '../../../scripts/image/user-files.ts';

const summary = (entries: readonly LayerEntry[]): string[] =>
  entries.map((entry) => `${entry.type} ${entry.path} ${entry.type === 'symlink' ? `-> ${entry.target}` : entry.mode.toString(8)} ${entry.uid}:${entry.gid}`);

describe('normalizeMode', () => {
  it.each([
    ['directory', 0o700, 0o755],
    ['directory', 0o2775, 0o755],
    ['file', 0o600, 0o644],
    ['file', 0o664, 0o644],
    ['file', 0o666, 0o644],
    ['file', 0o700, 0o755],
    ['file', 0o744, 0o755],
    ['file', 0o4755, 0o755],
    ['file', 0o640, 0o644],
  ] as const)('%s %o -> %o (no set-id, sticky or group/other write bits from the host)', (type, host, expected) => {
    expect(normalizeMode(type, host)).toBe(expected);
  });
});

describe('imagePath', () => {
  it.each([
    ['/usr/lib/', 'usr/lib'],
    ['./etc/passwd', 'etc/passwd'],
    ['a//b/./c', 'a/b/c'],
  ])('%s -> %s', (input, expected) => {
    expect(imagePath(input)).toBe(expected);
  });

  it.each(['/', '.', '', 'a/../../etc'])('refuses %j', (input) => {
    expect(() => imagePath(input)).toThrow(/root|\.\./);
  });
});

describe('layerEntries', () => {
  it('sorts by path bytes, adds missing parents root-owned 0755, keeps declared ones', () => {
    const entries = layerEntries([
      textFile('usr/share/zoneinfo/UTC', 'x'),
      directory('home/nonroot', { mode: 0o700, uid: 65532, gid: 65532 }),
      symlink('etc/os-release', '../usr/lib/os-release'),
      directory('tmp', { mode: 0o1777 }),
      textFile('usr/share-x', 'y'),
    ]);
    expect(summary(entries)).toEqual([
      'directory etc 755 0:0',
      'symlink etc/os-release -> ../usr/lib/os-release 0:0',
      'directory home 755 0:0',
      'directory home/nonroot 700 65532:65532',
      'directory tmp 1777 0:0',
      'directory usr 755 0:0',
      'directory usr/share 755 0:0',
      // '-' (0x2d) sorts before '/' (0x2f): byte order of the whole path, as in the archive's listing.
      'file usr/share-x 644 0:0',
      'directory usr/share/zoneinfo 755 0:0',
      'file usr/share/zoneinfo/UTC 644 0:0',
    ]);
  });

  it('keeps one entry for a directory or symlink declared twice alike (two packages sharing /usr/lib)', () => {
    const entries = layerEntries([directory('usr/lib'), directory('/usr/lib/'), symlink('lib64/ld.so', '/lib/ld.so'), symlink('lib64/ld.so', '/lib/ld.so')]);
    expect(summary(entries)).toEqual(['directory lib64 755 0:0', 'symlink lib64/ld.so -> /lib/ld.so 0:0', 'directory usr 755 0:0', 'directory usr/lib 755 0:0']);
  });

  it.each([
    ['the same file twice', [textFile('etc/passwd', 'a'), textFile('etc/passwd', 'a')], /two different entries for \/etc\/passwd/],
    ['a directory with two modes', [directory('tmp', { mode: 0o1777 }), directory('tmp')], /two different entries for \/tmp in one layer \(directory 1777 0:0 and directory 0755 0:0\)/],
    ['a symlink with two targets', [symlink('bin/sh', 'busybox'), symlink('bin/sh', 'dash')], /two different entries for \/bin\/sh/],
    ['a file where a directory is needed', [textFile('etc', 'x'), textFile('etc/passwd', 'y')], /\/etc is a file in this layer but \/etc\/passwd is inside it/],
  ])('refuses %s', (_what, entries, message) => {
    expect(() => layerEntries(entries)).toThrow(message);
  });
});

describe('treeEntries', () => {
  const items: TreeItem[] = [
    { path: 'bin', type: 'directory', mode: 0o700, size: 0 },
    { path: 'bin/node', type: 'file', mode: 0o700, size: 10 },
    { path: 'lib', type: 'directory', mode: 0o775, size: 0 },
    { path: 'lib/a.d.ts', type: 'file', mode: 0o600, size: 1 },
    { path: 'lib/a.js', type: 'file', mode: 0o664, size: 2 },
    { path: 'lib/a.js.map', type: 'file', mode: 0o664, size: 3 },
    { path: 'lib/link', type: 'symlink', mode: 0o777, size: 0, target: 'a.js' },
    { path: 'docs', type: 'directory', mode: 0o755, size: 0 },
    { path: 'docs/README', type: 'file', mode: 0o644, size: 4 },
  ];

  it('places the tree under `to` with normalized modes, the placement owner and file contents from the host', () => {
    const entries = treeEntries(items, { from: '/build/out', to: '/app/node_modules/', uid: 7, gid: 8 });
    expect(summary(entries)).toEqual([
      'directory app/node_modules/bin 755 7:8',
      'file app/node_modules/bin/node 755 7:8',
      'directory app/node_modules/lib 755 7:8',
      'file app/node_modules/lib/a.d.ts 644 7:8',
      'file app/node_modules/lib/a.js 644 7:8',
      'file app/node_modules/lib/a.js.map 644 7:8',
      'symlink app/node_modules/lib/link -> a.js 7:8',
      'directory app/node_modules/docs 755 7:8',
      'file app/node_modules/docs/README 644 7:8',
    ]);
    expect(entries[1]).toMatchObject({ size: 10, content: { path: '/build/out/bin/node' } });
  });

  it('drops what `include` refuses, and everything inside a refused directory', () => {
    const entries = treeEntries(items, { from: '/x', to: '/', include: (path, item) => path !== 'docs' && (item.type !== 'file' || !/\.d\.ts$|\.map$/.test(path)) });
    expect(entries.map((entry) => entry.path)).toEqual(['bin', 'bin/node', 'lib', 'lib/a.js', 'lib/link']);
  });
});

describe('userFiles and containerDirectories', () => {
  const text = (entry: LayerEntry | undefined): string => (entry?.type === 'file' && 'bytes' in entry.content ? entry.content.bytes.toString() : '');

  it('writes passwd and group in the order given, nologin and /nonexistent unless named, extra groups last', () => {
    const [passwd, group] = userFiles([{ name: 'root', uid: 0, home: '/root', shell: '/bin/sh' }, { name: 'nonroot', uid: 65532, home: '/home/nonroot' }, { name: 'app', uid: 101, gid: 102 }], [{ name: 'tty', gid: 5 }]);
    expect([passwd?.path, text(passwd)]).toEqual(['etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\napp:x:101:102:app:/nonexistent:/sbin/nologin\n']);
    expect([group?.path, text(group)]).toEqual(['etc/group', 'root:x:0:\nnonroot:x:65532:\napp:x:102:\ntty:x:5:\n']);
  });

  it('gives /tmp 1777 and the mount points a runtime mounts over', () => {
    expect(summary(containerDirectories())).toEqual(['directory tmp 1777 0:0', 'directory dev 755 0:0', 'directory proc 755 0:0', 'directory sys 755 0:0']);
  });
});
