import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../operator/logging/logger.ts';
import { parseReloaderConfig } from '../../../operator/reloader/reloader-config.ts';
import { startReloader, type Reloader } from '../../../operator/reloader/reloader.ts';
import { createSourceState, type Source, type SourceListener, type SourceState } from '../../../operator/reloader/source.ts';

const logger = createLogger({ level: 'silent' });
const running: Reloader[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((reloader) => reloader.stop()));
});

/** Sources the test drives by hand. */
function manualSources() {
  const states = new Map<string, SourceState>();
  const open = (name: string, _spec: unknown, listener: SourceListener): Source => {
    const state = createSourceState(name, listener);
    states.set(name, state);
    return { name, value: state.value, status: state.status, stop: () => Promise.resolve() };
  };
  return { states, open };
}

function setup(extraGroup = '') {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-reloader-'));
  const text = `
sources:
  settings: { configMap: { name: s } }
  backends: { endpointSlices: { service: web } }
groups:
  app:
    wait: { min: 20ms, max: 100ms }
${extraGroup}
templates:
  - template: "workers={{ sources.settings.workers }}{% for b in sources.backends %} {{ b.address }}{% endfor %}"
    dest: ${dir}/app.conf
    group: app
`;
  const config = parseReloaderConfig(text, () => undefined, 'test');
  const sources = manualSources();
  const reloader = startReloader({ config, openSource: sources.open, logger, procRoot: '/proc', selfPid: process.pid, ownUid: 0, reloads: true, defaultMetrics: false });
  running.push(reloader);
  const backend = (ip: string) => ({ address: `${ip}:80`, ip, port: 80 });
  return { dir, reloader, sources, backend, read: () => readFileSync(join(dir, 'app.conf'), 'utf8') };
}

const until = async (condition: () => boolean, timeoutMs = 3000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('startReloader', () => {
  it('renders once every source has a value, then follows changes', async () => {
    const { reloader, sources, backend, read } = setup();
    const first = reloader.firstRender(5_000);
    expect(reloader.readiness()).toMatchObject({ ready: false, started: false });
    sources.states.get('settings')?.set({ workers: '2' });
    sources.states.get('backends')?.set([backend('10.0.0.1')]);
    await expect(first).resolves.toMatchObject({ ready: true, started: true, reasons: [] });
    expect(read()).toBe('workers=2 10.0.0.1:80');

    sources.states.get('backends')?.set([backend('10.0.0.1'), backend('10.0.0.2')]);
    await until(() => read().endsWith('10.0.0.2:80'));
    expect(read()).toBe('workers=2 10.0.0.1:80 10.0.0.2:80');
  });

  it('is not ready while a source is unreachable, and keeps the files', async () => {
    const { reloader, sources, read } = setup();
    sources.states.get('settings')?.set({ workers: '2' });
    sources.states.get('backends')?.set([]);
    await reloader.firstRender(5_000);
    sources.states.get('settings')?.fail(new Error('connection refused'));
    expect(reloader.readiness()).toMatchObject({ ready: false, started: true, reasons: ['source settings: unreachable, serving its last values (connection refused)'] });
    expect(read()).toBe('workers=2');
    sources.states.get('settings')?.set({ workers: '2' });
    expect(reloader.readiness().ready).toBe(true);
    const metrics = await reloader.metrics.registry.metrics();
    expect(metrics).toContain('tandem_reloader_watch_errors_total{source="settings"} 1');
  });

  it('reports a template that fails to render and keeps the last files', async () => {
    const { reloader, sources, read } = setup();
    sources.states.get('settings')?.set({ workers: '2' });
    sources.states.get('backends')?.set([]);
    await reloader.firstRender(5_000);
    sources.states.get('settings')?.set({ threads: '8' });
    await until(() => !reloader.readiness().ready);
    expect(reloader.readiness().reasons[0]).toMatch(/^group app: render-failed: templates\[0\] .*undefined variable: sources.settings.workers/);
    expect(read()).toBe('workers=2');
  });

  it('times out the first render, naming the sources it waits for', async () => {
    const { reloader, sources } = setup();
    sources.states.get('settings')?.fail(new Error('forbidden'));
    await expect(reloader.firstRender(100)).rejects.toThrow('sources not read within 100 ms: settings (forbidden), backends');
  });

  it('holds a reload while the target does not exist, without failing', async () => {
    const { reloader, sources } = setup('    reload: { process: { name: no-such-app-xyz } }');
    sources.states.get('settings')?.set({ workers: '2' });
    sources.states.get('backends')?.set([]);
    const readiness = await reloader.firstRender(5_000);
    expect(readiness.ready).toBe(true);
    expect(readiness.groups[0]?.lastResult).toBe('applied');
    await until(() => reloader.readiness().groups[0]?.heldReload !== undefined);
    expect(reloader.readiness().groups[0]?.heldReload).toContain('no process matches name "no-such-app-xyz"');
    expect(await reloader.metrics.registry.metrics()).toContain('tandem_reloader_reloads_total{group="app",result="held"} 1');
  });

  it('rejects a template that does not compile, naming it', () => {
    const config = parseReloaderConfig('templates: [{ template: "{% if %}", dest: /tmp/x }]', () => undefined, 'test');
    expect(() => startReloader({ config, openSource: manualSources().open, logger, procRoot: '/proc', selfPid: 1, ownUid: 0, reloads: false, defaultMetrics: false })).toThrow(
      /templates\[0\]: not a valid template/,
    );
  });
});
