import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPath, startFileSource } from '../../../operator/reloader/file-source.ts';

describe('file source', () => {
  it('reads a directory recursively, skipping hidden entries (kubelet ..data, editor files)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-files-'));
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, '..data'));
    writeFileSync(join(dir, 'a'), '1');
    writeFileSync(join(dir, 'sub', 'b'), '2');
    writeFileSync(join(dir, '.a.swp'), 'x');
    writeFileSync(join(dir, '..data', 'c'), 'x');
    await expect(readPath(dir)).resolves.toEqual({ a: '1', 'sub/b': '2' });
    await expect(readPath(join(dir, 'a'))).resolves.toEqual({ a: '1' });
  });

  it('notifies a change, and keeps the last value while the path is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-files-'));
    writeFileSync(join(dir, 'v'), 'one');
    const changes: string[] = [];
    const errors: string[] = [];
    const source = startFileSource({
      name: 'local',
      path: dir,
      rescanMs: 100,
      listener: { onChange: (name) => changes.push(name), onError: (name) => errors.push(name) },
    });
    const until = async (condition: () => boolean): Promise<void> => {
      for (let i = 0; i < 100 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await until(() => changes.length === 1);
    expect(source.value()).toEqual({ v: 'one' });
    writeFileSync(join(dir, 'v'), 'two');
    await until(() => changes.length === 2);
    expect(source.value()).toEqual({ v: 'two' });
    await source.stop();
  });

  it('reports a missing path as unhealthy and not synced', async () => {
    const errors: string[] = [];
    const source = startFileSource({ name: 'gone', path: '/nonexistent/tandem', rescanMs: 1000, listener: { onChange: () => undefined, onError: (name) => errors.push(name) } });
    for (let i = 0; i < 50 && errors.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(source.status()).toMatchObject({ synced: false, healthy: false });
    await source.stop();
  });
});
