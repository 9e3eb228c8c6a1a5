// `tandem inject` and `tandem explain` must mean to kubectl what the input
// meant (issue 12, items 1 and 7): every case here is one a user hit.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSidecarSetDocuments } from '../../../operator/api/sidecar-set-documents.ts';
import { explainManifests } from '../../../operator/cli/explain-command.ts';
import { injectionContext } from '../../../operator/cli/injection-flags.ts';
import { injectManifests } from '../../../operator/cli/inject-command.ts';
import type { WorkloadInjectionContext } from '../../../operator/injection/inject-workload.ts';
import { parseYamlDocuments } from '../../../operator/manifest/yaml-documents.ts';
import { mutatePod } from '../../../operator/admission/mutate-pod.ts';

const SET = `apiVersion: tandem.dev/v1alpha1
kind: SidecarSet
metadata:
  name: mesh
spec:
  selector:
    matchLabels: {app: web}
  containers:
    - name: mesh-proxy
      image: example.com/proxy:1
      volumeMounts: [{name: mesh-certs, mountPath: /certs}]
  volumes:
    - name: mesh-certs
      secret:
        secretName: mesh-certs
        defaultMode: 0444
  podMetadata:
    annotations:
      mesh.example.com/enabled: "yes"
      mesh.example.com/ports: "0644"
`;

const context: WorkloadInjectionContext = { sidecarSets: parseSidecarSetDocuments(SET, 'sets.yaml'), namespaceLabels: {}, options: {} };

/** What kubectl reads from each document of a stream. */
function values(text: string): unknown[] {
  return parseYamlDocuments(text, 'out.yaml').map((document) => document.value);
}

function inject(text: string): string {
  return injectManifests(text, 'in.yaml', context).yaml;
}

const POD = (extra: string, metadata = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations:
    tandem.dev/inject: "true"
${metadata}spec:
  containers:
    - name: app
      image: example.com/app:1
${extra}`;

type Pod = { metadata: { annotations: Record<string, unknown> }; spec: Record<string, unknown> & { volumes: { name: string; secret?: { defaultMode?: unknown }; configMap?: { defaultMode?: unknown } }[] } };

describe('values keep their meaning in injected documents', () => {
  it('an octal defaultMode stays what kubectl read (256), never 400', () => {
    const output = inject(POD('  volumes:\n    - name: jwks\n      configMap:\n        name: jwks\n        defaultMode: 0400\n'));
    const [pod] = values(output) as [Pod];
    expect(pod.spec.volumes.find((volume) => volume.name === 'jwks')?.configMap?.defaultMode).toBe(256);
    expect(output).toContain('defaultMode: 0400');
  });

  it("a set's defaultMode: 0444 is injected as 292, in inject's output and in the static webhook's patch", () => {
    const [pod] = values(inject(POD(''))) as [Pod];
    expect(pod.spec.volumes.find((volume) => volume.name === 'mesh-certs')?.secret?.defaultMode).toBe(292);
    const raw = values(POD(''))[0] as Record<string, unknown>;
    const mutation = mutatePod(
      { uid: 'u', operation: 'CREATE', namespace: 'shop', name: 'web', subResource: '', dryRun: false, object: raw },
      { sidecarSets: context.sidecarSets, namespaceLabels: {}, kubeVersion: undefined },
    );
    const patch = Buffer.from(mutation.review.response.patch ?? '', 'base64').toString();
    expect(patch).toContain('"defaultMode":292');
  });

  it.each(['yes', 'no', 'on', 'OFF', 'y', 'N', '0b101', '1_000', '0644', '1:30', '2001-12-14', '~', '<<'])(
    'the quoted string "%s" stays a string',
    (text) => {
      const output = inject(POD('', `    example.com/value: "${text}"\n`));
      const [pod] = values(output) as [Pod];
      expect(pod.metadata.annotations['example.com/value']).toBe(text);
      // Quoted in the text, so YAML 1.1 and 1.2 readers both read a string.
      expect(output).toContain(`example.com/value: "${text}"`);
    },
  );

  it('strings a set adds that YAML 1.1 would read otherwise are quoted', () => {
    const output = inject(POD(''));
    const [pod] = values(output) as [Pod];
    expect(pod.metadata.annotations['mesh.example.com/enabled']).toBe('yes');
    expect(pod.metadata.annotations['mesh.example.com/ports']).toBe('0644');
    expect(output).toContain('mesh.example.com/enabled: "yes"');
  });

  it('integers beyond 2^53 stay exact', () => {
    const output = inject(POD('  activeDeadlineSeconds: 9223372036854775807\n'));
    expect(output).toContain('activeDeadlineSeconds: 9223372036854775807');
    const [pod] = values(output) as [Pod];
    expect(pod.spec.activeDeadlineSeconds).toBe(9223372036854775807n);
  });

  it('labels merged with << select the set, as kubectl sees them', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &common {app: web}
spec:
  selector:
    matchLabels: *common
  template:
    metadata:
      labels:
        <<: *common
        tier: front
      annotations: {tandem.dev/inject: "true"}
    spec:
      containers: [{name: app, image: app}]
`;
    const [explanation] = explainManifests(text, 'in.yaml', context);
    expect(explanation?.decisions[0]).toMatchObject({ sidecarSet: 'mesh', injected: true, reason: 'Injected' });
    const [deployment] = values(inject(text)) as [{ metadata: { labels: unknown }; spec: { selector: { matchLabels: unknown }; template: { metadata: { labels: Record<string, string> } } } }];
    expect(deployment.spec.template.metadata.labels).toMatchObject({ app: 'web', tier: 'front', 'tandem.dev/injected': 'true' });
    // The anchored map the template merged from is unchanged everywhere else.
    expect(deployment.metadata.labels).toEqual({ app: 'web' });
    expect(deployment.spec.selector.matchLabels).toEqual({ app: 'web' });
  });

  it('an anchor inside the pod template, aliased after it, keeps meaning the original labels', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: &l
        app: web
      annotations: {tandem.dev/inject: "true"}
    spec:
      containers: [{name: app, image: app}]
  volumeClaimTemplates:
    - metadata:
        name: data
        labels: *l
`;
    const [statefulSet] = values(inject(text)) as [{ spec: { template: { metadata: { labels: unknown } }; volumeClaimTemplates: { metadata: { labels: unknown } }[] } }];
    expect(statefulSet.spec.template.metadata.labels).toEqual({ app: 'web', 'tandem.dev/injected': 'true' });
    expect(statefulSet.spec.volumeClaimTemplates[0]?.metadata.labels).toEqual({ app: 'web' });
  });
});

describe('the form of the stream is kept', () => {
  it('a flow-style YAML document stays YAML, with its comment', () => {
    const text = '# a flow pod\n{apiVersion: v1, kind: Pod, # the kind\n metadata: {name: web, labels: {app: web}, annotations: {tandem.dev/inject: "true"}},\n spec: {containers: [{name: app, image: app}]}}\n';
    const output = inject(text);
    expect(output).toMatch(/^# a flow pod\n\{/);
    expect(output).toContain('# the kind');
    expect(() => JSON.parse(output.replace('# a flow pod\n', '')) as unknown).toThrow();
    expect((values(output)[0] as Pod).spec.initContainers).toHaveLength(1);
  });

  it('a JSON document stays JSON', () => {
    const pod = JSON.parse(JSON.stringify(values(POD(''))[0])) as unknown;
    const output = inject(`${JSON.stringify(pod, null, 2)}\n`);
    expect((JSON.parse(output) as Pod).spec.initContainers).toHaveLength(1);
  });

  const STREAM = '# Leading comment\n---\n# a document with only a comment\n---\n';

  it('leading comments, separators and comment-only documents survive when nothing is injected', () => {
    const text = `${STREAM}apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n# trailing comment-only document\n`;
    expect(inject(text)).toBe(text);
    expect(inject(STREAM)).toBe(STREAM);
  });

  it('and when the document after them is injected', () => {
    const output = inject(`${STREAM}${POD('')}---\n# trailing comment-only document\n`);
    expect(output.startsWith(STREAM)).toBe(true);
    expect(output.endsWith('---\n# trailing comment-only document\n')).toBe(true);
  });
});

describe('errors name the file and the document', () => {
  it('an alias before its anchor', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\n---\n${POD('  volumes: [{name: v, emptyDir: {}}]\n').replace('labels: {app: web}', 'labels: *l')}`;
    expect(() => inject(text)).toThrow("in.yaml: document 2: line 8: unknown anchor 'l' referenced");
  });

  it('20,000 levels of nesting', () => {
    expect(() => inject(`a: 1\n---\nk: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`)).toThrow(/^in\.yaml: document 2: line 3: collections nest deeper than 500 levels/);
  });
});

describe('--sidecarsets files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-sets-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const flags = (path: string) => ({ filename: '-', sidecarsets: [path], namespaceLabels: {}, kubeVersion: undefined });

  it.each([
    ['a Pod', POD('')],
    ['an empty file', ''],
    ['only comments', '# nothing here\n---\n'],
  ])('holding %s is an error naming the file', async (_what, text) => {
    const path = file('none.yaml', text);
    await expect(injectionContext(flags(path))).rejects.toThrow(`${path}: holds no SidecarSet`);
  });

  it('an integer beyond 2^53 in a set is refused, naming the field', () => {
    expect(() => parseSidecarSetDocuments(SET.replace('image: example.com/proxy:1', 'image: example.com/proxy:1\n      securityContext: {runAsUser: 9007199254740993}'), 'sets.yaml')).toThrow(
      /sets\.yaml: document 1 \(line 1\): spec\.containers\[0\]\.securityContext\.runAsUser: 9007199254740993 is beyond 2\^53/,
    );
  });
});
