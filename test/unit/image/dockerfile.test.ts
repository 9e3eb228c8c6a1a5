// The Dockerfile as written: pinned bases (the build's Node is the one
// scripts/node-env.sh pins), a shell-less non-root runtime whose entry point
// is the chart's node.entrypoint, labels that agree with package.json and the
// chart, and a .dockerignore that admits every file the build copies. Also
// the reader scripts/stage-image.ts replays it with (scripts/dockerfile.ts).
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  copySourceMatches,
  expandVariables,
  finalImageConfig,
  isIgnored,
  parseCopy,
  parseDockerignore,
  parseInstructions,
  parseKeyValues,
  parseStages,
} from '../../../scripts/dockerfile.ts';

const root = join(import.meta.dirname, '../../..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const dockerfile = read('Dockerfile');
const packageJson = JSON.parse(read('package.json')) as { version: string; license: string };
const values = parse(read('charts/tandem/values.yaml')) as { image: { repository: string }; node: { entrypoint: string }; reloader: { command: string[] } };
const chart = parse(read('charts/tandem/Chart.yaml')) as { appVersion: string };

describe('scripts/dockerfile.ts', () => {
  it('joins continuation lines and drops comments, also inside an instruction', () => {
    const instructions = parseInstructions('# syntax=docker/dockerfile:1\nFROM a AS b\n\nRUN one \\\n  # a comment\n  two\nCMD ["x"]\n');
    expect(instructions).toEqual([
      { keyword: 'FROM', args: 'a AS b', line: 2 },
      { keyword: 'RUN', args: 'one   two', line: 4 },
      { keyword: 'CMD', args: '["x"]', line: 7 },
    ]);
  });

  it('refuses instructions it does not understand rather than guessing', () => {
    expect(() => parseInstructions('FROM a\nADD x /y\n')).toThrow('line 2: ADD is not an instruction');
    expect(() => finalImageConfig('FROM a\nENTRYPOINT node main.js\n')).toThrow('ENTRYPOINT must use the exec form');
    expect(() => parseStages('RUN x\nFROM a\n')).toThrow('only ARG may precede FROM');
    expect(() => parseStages('FROM a AS\n')).toThrow('line 1: FROM IMAGE [AS NAME] expected');
  });

  it('expands variables and reads quoted key=value pairs', () => {
    expect(expandVariables('${A}:$B:${C}', { A: '1', B: '2' })).toBe('1:2:');
    expect(parseKeyValues('a=1 b="two words" c="q\\"d" d')).toEqual([['a', '1'], ['b', 'two words'], ['c', 'q"d'], ['d', '']]);
  });

  it('scopes global ARGs as Docker does, build arguments first', () => {
    const text = 'ARG BASE=x:1\nARG V=1\nFROM ${BASE}\nARG V\nLABEL v=$V\nENTRYPOINT ["a"]\nCMD ["b"]\n';
    expect(finalImageConfig(text)).toMatchObject({ base: 'x:1', labels: { v: '1' }, entrypoint: ['a'], cmd: ['b'] });
    expect(finalImageConfig(text, { V: '2', BASE: 'y:2' })).toMatchObject({ base: 'y:2', labels: { v: '2' } });
    // ENTRYPOINT keeps a CMD set earlier in the same stage; Docker drops only an inherited one.
    expect(finalImageConfig('FROM a\nCMD ["b"]\nENTRYPOINT ["a"]\n').cmd).toEqual(['b']);
  });

  it('reads COPY flags, sources and destination', () => {
    const copy = parseCopy({ keyword: 'COPY', args: '--from=build --link /app/dist/ dist/', line: 1 }, {});
    expect(copy).toEqual({ from: 'build', sources: ['/app/dist/'], destination: 'dist/' });
    expect(() => parseCopy({ keyword: 'COPY', args: '--chmod=644 a b', line: 3 }, {})).toThrow('COPY --chmod');
  });

  it('matches .dockerignore rules like Docker: parents count, the last match wins', () => {
    const rules = parseDockerignore('*\n!operator/\n!scripts/bundle.ts\noperator/**/*.test.ts\n');
    expect(isIgnored(rules, 'operator/cli/main.ts')).toBe(false);
    expect(isIgnored(rules, 'operator/cli/main.test.ts')).toBe(true);
    expect(isIgnored(rules, 'scripts/bundle.ts')).toBe(false);
    expect(isIgnored(rules, 'scripts/stage-image.ts')).toBe(true);
    expect(isIgnored(rules, 'node_modules/x/index.js')).toBe(true);
    expect(copySourceMatches('operator/', 'operator/cli/main.ts')).toBe(true);
    expect(copySourceMatches('package*.json', 'package-lock.json')).toBe(true);
    expect(copySourceMatches('package*.json', 'scripts/package.json')).toBe(false);
  });
});

describe('the Dockerfile', () => {
  const stages = parseStages(dockerfile);
  const image = finalImageConfig(dockerfile);

  it('builds on the Node that scripts/node-env.sh pins, pinned by tag', () => {
    const pinned = /^TANDEM_NODE_VERSION="([^"]+)"/m.exec(read('scripts/node-env.sh'))?.[1];
    const builders = stages.slice(0, -1).map((stage) => stage.base);
    expect(builders.length).toBeGreaterThan(0);
    for (const base of builders) expect(base).toBe(`node:${pinned}-bookworm-slim`);
  });

  it('runs on a shell-less, non-root Node 24 base, with no RUN in the final stage', () => {
    expect(image.base).toBe('gcr.io/distroless/nodejs24-debian12:nonroot');
    expect(stages.at(-1)?.instructions.map((instruction) => instruction.keyword)).not.toContain('RUN');
    // Numeric, so the kubelet can check runAsNonRoot; the chart's Deployment runs as the same user.
    expect(image.user).toBe('65532:65532');
    expect(read('charts/tandem/templates/deployment.yaml')).toMatch(/runAsUser: 65532\n\s+runAsGroup: 65532/);
  });

  it('starts node through PATH with the entry point the chart names', () => {
    expect(image.env.PATH?.split(':')[0]).toBe('/nodejs/bin');
    expect(image.workdir).toBe('/app');
    expect(image.entrypoint).toEqual(['node', values.node.entrypoint]);
    expect(image.cmd).toEqual(['--help']);
  });

  it('installs only production dependencies in what the runtime copies', () => {
    const final = stages.at(-1)?.instructions.filter((instruction) => instruction.keyword === 'COPY').map((instruction) => parseCopy(instruction, {}));
    expect(final).toEqual([
      { sources: ['package.json'], destination: './' },
      { from: 'production-dependencies', sources: ['/app/node_modules/'], destination: 'node_modules/' },
      { from: 'build', sources: ['/app/dist/'], destination: 'dist/' },
    ]);
    const install = stages.find((stage) => stage.name === 'production-dependencies')?.instructions.find((instruction) => instruction.keyword === 'RUN');
    expect(install?.args).toMatch(/npm ci --omit=dev --ignore-scripts/);
  });

  it('labels the image with the version of package.json and the chart, and its licence', () => {
    expect(packageJson.version).toBe(chart.appVersion);
    expect(image.labels).toMatchObject({
      'org.opencontainers.image.version': packageJson.version,
      'org.opencontainers.image.licenses': packageJson.license,
      'org.opencontainers.image.base.name': image.base,
    });
    // The chart pulls ghcr.io/OWNER/NAME; GHCR links a package to the repository its source label names.
    const [, owner, name] = values.image.repository.split('/');
    expect(image.labels['org.opencontainers.image.source']).toBe(`https://github.com/${owner}/${name}`);
  });

  it('has every file it copies from the context admitted by .dockerignore, and nothing heavy', () => {
    const rules = parseDockerignore(read('.dockerignore'));
    const tracked = spawnSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter((file) => file !== '');
    const sources = stages.flatMap((stage) =>
      stage.instructions.filter((instruction) => instruction.keyword === 'COPY').map((instruction) => parseCopy(instruction, {})).filter((copy) => copy.from === undefined).flatMap((copy) => copy.sources),
    );
    for (const source of sources) {
      const files = tracked.filter((file) => copySourceMatches(source, file));
      expect([source, files.length > 0]).toEqual([source, true]);
      expect([source, files.filter((file) => isIgnored(rules, file))]).toEqual([source, []]);
    }
    for (const path of ['node_modules/jest/package.json', '.tools/node/bin/node', '.cluster/kubeconfig', 'dist/bundle/main.js', 'test/unit/smoke.test.ts', '.git/HEAD']) {
      expect([path, isIgnored(rules, path)]).toEqual([path, true]);
    }
  });

  it('is what the reloader SidecarSets start: node with V8 flags and the bundle in the image', () => {
    const example = parse(read('deploy/examples/reloader-sidecarset.yaml')) as { spec: { containers: { command: string[] }[] } };
    expect(example.spec.containers[0]?.command).toEqual(values.reloader.command);
    expect(values.reloader.command[0]).toBe('node');
    expect(values.reloader.command.at(-1)).toBe('/app/dist/bundle/main.js');
  });
});
