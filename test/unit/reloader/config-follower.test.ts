import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../operator/logging/logger.ts';
import { followConfig, type ConfigFollower } from '../../../operator/reloader/config-follower.ts';
import { parseConfigSnapshot, type ConfigFeed, type ConfigSnapshot } from '../../../operator/reloader/reloader-config-feed.ts';
import { startReloader, type Reloader } from '../../../operator/reloader/reloader.ts';
import { createSourceState, type Source, type SourceListener, type SourceState } from '../../../operator/reloader/source.ts';
import { until } from '../../support/wait.ts';

const logger = createLogger({ level: 'silent' });
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** Sources the test sets by hand; records which were opened and stopped. */
function manualSources() {
  const states = new Map<string, SourceState>();
  const events: string[] = [];
  const open = (name: string, _spec: unknown, listener: SourceListener): Source => {
    const state = createSourceState(name, listener);
    states.set(name, state);
    events.push(`open ${name}`);
    return { name, value: state.value, status: state.status, stop: () => { events.push(`stop ${name}`); return Promise.resolve(); } };
  };
  return { states, events, open };
}

const staticFeed: ConfigFeed = { origin: 'ConfigMap web/web-reloader', read: () => Promise.reject(new Error('unused')), watch: () => ({ stop: () => Promise.resolve() }) };

function configText(dir: string, sources = 'settings: { configMap: { name: s } }', templateSources = '[settings]'): string {
  return `
sources:
  ${sources}
groups:
  app: { wait: { min: 10ms, max: 50ms } }
templates:
  - { src: app.liquid, dest: ${dir}/app.conf, group: app, sources: ${templateSources} }
`;
}

async function setup(): Promise<{ dir: string; reloader: Reloader; follower: ConfigFollower; sources: ReturnType<typeof manualSources>; read: () => string; metrics: () => Promise<string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-config-follower-'));
  const initial: ConfigSnapshot = { text: configText(dir), templates: { 'app.liquid': 'greeting={{ sources.settings.greeting }}' } };
  const sources = manualSources();
  const reloader = startReloader({ config: parseConfigSnapshot(initial, 'test'), openSource: sources.open, logger, procRoot: '/proc', selfPid: process.pid, ownUid: 0, reloads: true, defaultMetrics: false });
  stops.push(() => reloader.stop());
  sources.states.get('settings')?.set({ greeting: 'hello' });
  await reloader.firstRender(5_000);
  const follower = followConfig({ reloader, feed: staticFeed, initial, logger, watch: false });
  stops.push(() => follower.stop());
  return { dir, reloader, follower, sources, read: () => readFileSync(join(dir, 'app.conf'), 'utf8'), metrics: () => reloader.metrics.registry.metrics() };
}

describe('followConfig', () => {
  it('switches to an edited template: the file is rendered again, counted as a success', async () => {
    const { dir, follower, read, metrics, reloader } = await setup();
    expect(read()).toBe('greeting=hello');
    const before = follower.status().revision;
    await follower.offer({ text: configText(dir), templates: { 'app.liquid': 'greeting={{ sources.settings.greeting }}!' } });
    expect(read()).toBe('greeting=hello!');
    expect(follower.status()).toMatchObject({ valid: true, origin: 'ConfigMap web/web-reloader' });
    expect(follower.status().revision).not.toBe(before);
    expect(await metrics()).toContain('tandem_reloader_config_reloads_total{result="success"} 1');
    expect(await metrics()).toContain('tandem_reloader_config_last_reload_successful 1');
    expect(reloader.readiness().ready).toBe(true);
  });

  it('refuses an invalid configuration, naming the field, and keeps the last good one running', async () => {
    const { dir, follower, read, metrics, sources, reloader } = await setup();
    const running = follower.status().revision;
    await follower.offer({ text: configText(dir).replace(`dest: ${dir}/app.conf`, 'dest: relative.conf'), templates: { 'app.liquid': 'x' } });
    expect(follower.status()).toMatchObject({ valid: false, revision: running, rejected: { problems: ['templates[0].dest: must match pattern "^/"'] } });
    expect(await metrics()).toContain('tandem_reloader_config_reloads_total{result="failure"} 1');
    expect(await metrics()).toContain('tandem_reloader_config_last_reload_successful 0');
    // Readiness is about the files, which still match the running configuration.
    expect(reloader.readiness().ready).toBe(true);
    // The last good configuration still follows its sources.
    sources.states.get('settings')?.set({ greeting: 'again' });
    await until(() => read() === 'greeting=again');
    // The same invalid version seen again (a relist) is not counted twice.
    await follower.offer({ text: configText(dir).replace(`dest: ${dir}/app.conf`, 'dest: relative.conf'), templates: { 'app.liquid': 'x' } });
    expect(await metrics()).toContain('tandem_reloader_config_reloads_total{result="failure"} 1');
  });

  it('refuses a template that does not compile and a missing configuration', async () => {
    const { dir, follower, read } = await setup();
    await follower.offer({ text: configText(dir), templates: { 'app.liquid': '{% if %}' } });
    expect(follower.status().rejected?.problems[0]).toMatch(/^templates\[0\]: not a valid template/);
    await follower.offer({ text: undefined, templates: {}, missing: '(document): ConfigMap web/web-reloader does not exist' });
    expect(follower.status().rejected?.problems).toEqual(['(document): ConfigMap web/web-reloader does not exist']);
    expect(read()).toBe('greeting=hello');
  });

  it('starts an added source and stops a removed one; an unchanged source keeps its watch', async () => {
    const { dir, follower, read, sources, metrics } = await setup();
    const two = 'settings: { configMap: { name: s } }\n  extra: { secret: { name: e } }';
    await follower.offer({ text: configText(dir, two, '[settings, extra]'), templates: { 'app.liquid': '{{ sources.settings.greeting }} {{ sources.extra.word }}' } });
    expect(sources.events).toEqual(['open settings', 'open extra']);
    // The group waits for its new source, keeping the old file meanwhile.
    expect(read()).toBe('greeting=hello');
    sources.states.get('extra')?.set({ word: 'world' });
    await until(() => read() === 'hello world');
    expect(await metrics()).toContain('tandem_reloader_source_up{source="extra"} 1');
    await follower.offer({ text: configText(dir), templates: { 'app.liquid': 'greeting={{ sources.settings.greeting }}' } });
    expect(sources.events).toEqual(['open settings', 'open extra', 'stop extra']);
    expect(read()).toBe('greeting=hello');
    expect(await metrics()).not.toContain('source="extra"');
  });
});
