import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFileFeed } from '../../../operator/reloader/config-file-feed.ts';
import type { ConfigSnapshot } from '../../../operator/reloader/reloader-config-feed.ts';
import { until } from '../../support/wait.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-config-file-'));
  writeFileSync(join(dir, 'reloader.yaml'), 'templates:\n  - src: app.liquid\n    dest: /tmp/app.conf\n  - src: "../escape"\n    dest: /tmp/x\n');
  writeFileSync(join(dir, 'app.liquid'), 'one');
  return { dir, path: join(dir, 'reloader.yaml') };
}

describe('configFileFeed', () => {
  it('reads the configuration and the templates it names beside it (never outside)', async () => {
    const { path } = files();
    const snapshot = await configFileFeed(path).read();
    expect(snapshot.templates).toEqual({ 'app.liquid': 'one' });
    expect(snapshot.text).toContain('src: app.liquid');
  });

  it('follows an edited template, also when it is replaced by a rename (editors, kubelet volumes)', async () => {
    const { dir, path } = files();
    const seen: ConfigSnapshot[] = [];
    const watching = configFileFeed(path, { settleMs: 20, rescanMs: 60_000 }).watch({ onSnapshot: (snapshot) => seen.push(snapshot), onError: () => undefined });
    stops.push(() => watching.stop());
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(join(dir, 'app.liquid'), 'two');
    await until(() => seen.at(-1)?.templates['app.liquid'] === 'two');
    writeFileSync(join(dir, '.app.liquid.tmp'), 'three');
    renameSync(join(dir, '.app.liquid.tmp'), join(dir, 'app.liquid'));
    await until(() => seen.at(-1)?.templates['app.liquid'] === 'three');
  });

  it('rejects a configuration file that cannot be read, naming it', async () => {
    await expect(configFileFeed('/nonexistent/reloader.yaml').read()).rejects.toThrow('cannot read the configuration file /nonexistent/reloader.yaml');
  });
});
