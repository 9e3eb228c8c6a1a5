// A layer as bytes (scripts/image/tar-stream-of.ts, write-layer.ts,
// write-archive.ts): the tar headers say only what the entries say, and the
// same content gives the same digests whatever the host's mtimes, modes
// (umask) or file creation order.
import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { BlobStore } from '../../../scripts/image/blob-store.ts';
import { directory, layerEntries, symlink, textFile, type LayerEntry } from '../../../scripts/image/layer-entry.ts';
import { tarStreamOf } from '../../../scripts/image/tar-stream-of.ts';
import { listTree, treeEntries } from '../../../scripts/image/tree-entries.ts';
import { archiveEntries, writeArchive } from '../../../scripts/image/write-archive.ts';
import { writeLayer } from '../../../scripts/image/write-layer.ts';

const work = mkdtempSync(join(tmpdir(), 'tandem-layer-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Header {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  linkname: string | null;
  body: string;
}

async function readTar(bytes: Buffer): Promise<Header[]> {
  const headers: Header[] = [];
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      let body = '';
      stream.on('data', (chunk: unknown) => (body += String(chunk)));
      stream.on('end', () => {
        headers.push({
          name: header.name,
          type: header.type,
          mode: header.mode,
          uid: header.uid,
          gid: header.gid,
          uname: header.uname,
          gname: header.gname,
          mtime: header.mtime.getTime() / 1000,
          linkname: header.linkname,
          body,
        });
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  Readable.from([bytes]).pipe(extract);
  await done;
  return headers;
}

async function tarBytes(entries: readonly LayerEntry[], epoch: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _encoding, callback): void {
      chunks.push(chunk);
      callback();
    },
  });
  await pipeline(tarStreamOf(entries, epoch), collect);
  return Buffer.concat(chunks);
}

describe('the tar of a layer', () => {
  const long = `app/node_modules/${'x'.repeat(60)}/${'y'.repeat(60)}/index.js`;

  it('has the entries in order, the epoch as every mtime, numeric owners without names, the declared modes', async () => {
    const entries = layerEntries([textFile('etc/passwd', 'root:x:0:0::/:/x\n'), directory('tmp', { mode: 0o1777 }), directory('home/nonroot', { mode: 0o700, uid: 65532, gid: 65532 }), symlink('etc/os-release', '../usr/lib/os-release'), textFile(long, 'export {};\n', { mode: 0o755 })]);
    const headers = await readTar(await tarBytes(entries, 1_700_000_000));
    expect(headers.map((header) => [header.name, header.type, header.mode.toString(8), `${header.uid}:${header.gid}`, header.linkname])).toEqual([
      ['app/', 'directory', '755', '0:0', null],
      ['app/node_modules/', 'directory', '755', '0:0', null],
      [`app/node_modules/${'x'.repeat(60)}/`, 'directory', '755', '0:0', null],
      [`app/node_modules/${'x'.repeat(60)}/${'y'.repeat(60)}/`, 'directory', '755', '0:0', null],
      // Longer than ustar's name and prefix fields together: a pax path record carries it.
      [long, 'file', '755', '0:0', null],
      ['etc/', 'directory', '755', '0:0', null],
      ['etc/os-release', 'symlink', '777', '0:0', '../usr/lib/os-release'],
      ['etc/passwd', 'file', '644', '0:0', null],
      ['home/', 'directory', '755', '0:0', null],
      ['home/nonroot/', 'directory', '700', '65532:65532', null],
      ['tmp/', 'directory', '1777', '0:0', null],
    ]);
    expect(new Set(headers.map((header) => header.mtime))).toEqual(new Set([1_700_000_000]));
    expect(new Set(headers.map((header) => `${header.uname}:${header.gname}`))).toEqual(new Set([':']));
    expect(headers.find((header) => header.name === 'etc/passwd')?.body).toBe('root:x:0:0::/:/x\n');
  });

  it('is the same bytes every time', async () => {
    const entries = layerEntries([textFile('a', '1'), textFile(long, '2')]);
    expect((await tarBytes(entries, 5)).equals(await tarBytes(entries, 5))).toBe(true);
  });

  it("fails naming the file whose size changed since it was listed (never a short or padded entry)", async () => {
    const path = join(work, 'changing');
    writeFileSync(path, 'four');
    const entries: LayerEntry[] = [{ type: 'file', path: 'changing', mode: 0o644, uid: 0, gid: 0, size: 10, content: { path } }];
    await expect(tarBytes(entries, 0)).rejects.toThrow(/\/changing/);
  });
});

/** One tree, made twice with different host metadata. */
function makeTree(dir: string, variant: 'a' | 'b'): void {
  const fileMode = variant === 'a' ? 0o644 : 0o600;
  const dirMode = variant === 'a' ? 0o755 : 0o700;
  const names = variant === 'a' ? ['one.js', 'two.js', 'bin/tool'] : ['bin/tool', 'two.js', 'one.js'];
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const name of names) {
    writeFileSync(join(dir, name), `content of ${name}\n`);
    chmodSync(join(dir, name), name === 'bin/tool' ? (variant === 'a' ? 0o755 : 0o700) : fileMode);
    const time = variant === 'a' ? new Date('2001-01-01') : new Date();
    utimesSync(join(dir, name), time, time);
  }
  symlinkSync('../one.js', join(dir, 'bin/one'));
  chmodSync(join(dir, 'bin'), dirMode);
}

describe('writeLayer', () => {
  it('gives the same digest and diff_id for the same content whatever the mtimes, umask and creation order', async () => {
    const digests = [];
    for (const variant of ['a', 'b'] as const) {
      const tree = join(work, `tree-${variant}`);
      makeTree(tree, variant);
      const store = new BlobStore(join(work, `layout-${variant}`));
      const entries = layerEntries(treeEntries(listTree(tree), { from: tree, to: 'app' }));
      const blob = await writeLayer(entries, 1_700_000_000, store);
      digests.push(blob);
      // The gzip header: no file name (FLG 0), no timestamp (MTIME 0).
      const gz = readFileSync(store.path(blob.digest));
      expect([gz[3], gz.readUInt32LE(4)]).toEqual([0, 0]);
      expect(gunzipSync(gz).length).toBe(blob.uncompressedSize);
    }
    expect(digests[0]).toEqual(digests[1]);
  });
});

describe('the archive', () => {
  it('holds oci-layout, index.json, manifest.json and each blob once, root-owned, sorted', async () => {
    const store = new BlobStore(join(work, 'archive-layout'));
    const one = store.putBytes(Buffer.from('one'));
    const two = store.putBytes(Buffer.from('two'));
    const content = { store, blobs: [two, one, two], index: Buffer.from('{"i":1}'), dockerManifest: Buffer.from('[{"d":1}]') };
    expect(archiveEntries(content).map((entry) => entry.path)).toEqual([
      'blobs',
      'blobs/sha256',
      ...[one, two].map((blob) => `blobs/sha256/${blob.digest.slice(7)}`).sort(),
      'index.json',
      'manifest.json',
      'oci-layout',
    ]);
    const path = join(work, 'image.tar');
    await writeArchive(content, 42, path);
    const headers = await readTar(readFileSync(path));
    expect(headers.find((header) => header.name === 'index.json')?.body).toBe('{"i":1}');
    expect(headers.find((header) => header.name === 'oci-layout')?.body).toBe('{"imageLayoutVersion":"1.0.0"}');
    expect(headers.find((header) => header.name === `blobs/sha256/${two.digest.slice(7)}`)?.body).toBe('two');
    expect(new Set(headers.map((header) => `${header.uid}:${header.gid}:${header.mtime}`))).toEqual(new Set(['0:0:42']));
  });
});
