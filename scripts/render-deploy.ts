// Renders the plain manifests of deploy/ from the Helm chart with its default
// values, so `kubectl apply --server-side -f deploy/` installs exactly what
// `helm install` would (docs/operating.md):
//   deploy/tandem.yaml   the namespace tandem-system, then every object of charts/tandem
//   (deploy/crds/ is generated from crds/ by scripts/gen-api.ts, not here)
//
//   node scripts/render-deploy.ts           write it
//   node scripts/render-deploy.ts --check   exit 1 when the committed file differs
//
// Deterministic: the default certificate mode (self-managed) puts no
// generated secret in the templates. Uses the pinned helm of the local test
// cluster (test/cluster/env.sh), building it on first use.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const OUTPUT = 'deploy/tandem.yaml';
const RELEASE = 'tandem';
const NAMESPACE = 'tandem-system';

const HEADER = `# Generated from charts/tandem (default values, release "${RELEASE}") by scripts/render-deploy.ts; do not edit.
# Install: kubectl apply --server-side -f deploy/crds/ -f deploy/tandem.yaml   (see docs/operating.md)
`;

// The operator runs under the restricted profile, so its namespace can enforce it.
const NAMESPACE_DOCUMENT = `---
apiVersion: v1
kind: Namespace
metadata:
  name: ${NAMESPACE}
  labels:
    app.kubernetes.io/name: tandem
    pod-security.kubernetes.io/enforce: restricted
`;

function helmPath(): string {
  const locate = (): string => {
    const result = spawnSync('bash', ['-c', 'source test/cluster/env.sh && echo "$TANDEM_HELM"'], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`cannot source test/cluster/env.sh: ${result.stderr}`);
    return result.stdout.trim();
  };
  const helm = locate();
  if (existsSync(helm)) return helm;
  process.stderr.write(`helm not built yet (${helm}); building it with test/cluster/build.sh\n`);
  const build = spawnSync('bash', ['test/cluster/build.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(helm)) throw new Error('test/cluster/build.sh did not produce helm');
  return helm;
}

function render(): string {
  const result = spawnSync(helmPath(), ['template', RELEASE, 'charts/tandem', '--namespace', NAMESPACE], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return `${HEADER}${NAMESPACE_DOCUMENT}${result.stdout.startsWith('---') ? result.stdout : `---\n${result.stdout}`}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const wanted = render();
  const path = join(ROOT, OUTPUT);
  if (!values.check) {
    await writeFile(path, wanted);
    process.stdout.write(`wrote ${OUTPUT}\n`);
    return;
  }
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current !== wanted) {
    process.stderr.write(`${OUTPUT} is out of date with charts/tandem: run npm run deploy:render\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${OUTPUT} is up to date\n`);
}

await main();
