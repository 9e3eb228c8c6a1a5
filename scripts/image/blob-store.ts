// The blobs of an OCI image layout (blobs/sha256/<hex>), written by content:
// each blob is streamed to a temporary file while its SHA-256 is computed,
// then renamed to its digest, so a blob under its name is always whole.
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Descriptor {
  readonly digest: string;
  readonly size: number;
}

export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A pass-through that hashes and counts what flows through it. */
export class Measure extends Transform {
  readonly #hash: Hash = createHash('sha256');
  #size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.#hash.update(chunk);
    this.#size += chunk.length;
    this.push(chunk);
    callback();
  }

  /** Only once the stream has ended. */
  descriptor(): Descriptor {
    return { digest: `sha256:${this.#hash.copy().digest('hex')}`, size: this.#size };
  }
}

export class BlobStore {
  readonly dir: string;
  #sequence = 0;

  constructor(layoutDir: string) {
    this.dir = join(layoutDir, 'blobs/sha256');
    mkdirSync(this.dir, { recursive: true });
  }

  path(digest: string): string {
    return join(this.dir, digest.replace(/^sha256:/, ''));
  }

  putBytes(bytes: Buffer): Descriptor {
    const descriptor = { digest: sha256Digest(bytes), size: bytes.length };
    const temporary = join(this.dir, `.tmp-${process.pid}-${this.#sequence++}`);
    writeFileSync(temporary, bytes);
    renameSync(temporary, this.path(descriptor.digest));
    return descriptor;
  }

  async putStream(stream: Readable): Promise<Descriptor> {
    const temporary = join(this.dir, `.tmp-${process.pid}-${this.#sequence++}`);
    const measure = new Measure();
    await pipeline(stream, measure, createWriteStream(temporary));
    const descriptor = measure.descriptor();
    renameSync(temporary, this.path(descriptor.digest));
    return descriptor;
  }
}
