// Every object the chart renders, in every documented variant, carries the
// recommended labels (app.kubernetes.io/*, helm.sh/chart) with the release's
// values, and so do the operator's pods. The CRD in charts/tandem/crds/ is
// not a template (Helm installs it verbatim and never renders it), so it is
// not checked here.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CHART, manifests, RELEASE, template, VARIANTS, type Manifest } from './support/chart.ts';

const chart = parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as { name: string; version: string; appVersion: string };

const STANDARD = {
  'app.kubernetes.io/name': 'tandem',
  'app.kubernetes.io/instance': RELEASE,
  'app.kubernetes.io/version': chart.appVersion,
  'app.kubernetes.io/managed-by': 'Helm',
  'helm.sh/chart': `${chart.name}-${chart.version}`,
};

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

describe.each(Object.entries(VARIANTS))('variant %s', (_name, flags) => {
  const rendered = manifests(template(flags));

  it('renders objects', () => {
    expect(rendered.length).toBeGreaterThan(5);
  });

  it.each(rendered.map((manifest) => [`${manifest.kind}/${manifest.metadata.name}`, manifest] as const))('%s carries the standard labels', (_id, manifest) => {
    expect(manifest.metadata.labels).toMatchObject(STANDARD);
    for (const value of Object.values(manifest.metadata.labels ?? {})) expect(value).toMatch(LABEL_VALUE);
  });

  it('labels the operator pods too (the selector stays name and instance only)', () => {
    const deployment = rendered.find((manifest) => manifest.kind === 'Deployment') as Manifest & {
      spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
    };
    expect(deployment.spec.template.metadata.labels).toMatchObject(STANDARD);
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'tandem', 'app.kubernetes.io/instance': RELEASE });
  });
});
