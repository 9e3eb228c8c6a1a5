import { describe, expect, it } from '@jest/globals';
import { parseSidecarSetDocuments } from '../../../operator/api/sidecar-set-documents.ts';

const set = (name: string, extra = ''): string =>
  `apiVersion: tandem.dev/v1alpha1\nkind: SidecarSet\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {app: web}}\n  containers: [{name: ${name}-c, image: x}]\n${extra}`;

describe('parseSidecarSetDocuments: which documents count', () => {
  it.each([
    ['plain documents', `${set('a')}---\n${set('b')}`, ['a', 'b']],
    ['a List, as kubectl get sidecarsets -o yaml prints', `apiVersion: v1\nkind: List\nitems:\n- ${set('a').replaceAll('\n', '\n  ')}`, ['a']],
    ['a SidecarSetList', `apiVersion: tandem.dev/v1alpha1\nkind: SidecarSetList\nitems: []\n`, []],
    ['other kinds in the same bundle are skipped', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n---\n${set('a')}`, ['a']],
    ['an empty stream', '', []],
  ])('%s', (_name, text, names) => {
    expect(parseSidecarSetDocuments(text, 'sets.yaml').map((parsed) => parsed.metadata?.name)).toEqual(names);
  });

  it.each([
    ['a misspelt kind in the tandem.dev group', set('a').replace('kind: SidecarSet', 'kind: SidecarSett'), /document 1 \(line 1\): invalid SidecarSet "a"\nkind: Unsupported value: "SidecarSett"/],
    ['kind SidecarSet with a wrong apiVersion', set('a').replace('tandem.dev/v1alpha1', 'tandem.dev/v1'), /apiVersion: Unsupported value: "tandem.dev\/v1"/],
    ['a document without apiVersion and kind', 'metadata: {name: x}\n', /invalid SidecarSet "x"/],
    ['the same name twice', `${set('a')}---\n${set('a')}`, /document 2 \(line 7\): SidecarSet "a" is already defined in sets.yaml: document 1/],
  ])('refuses %s, naming where', (_name, text, message) => {
    expect(() => parseSidecarSetDocuments(text, 'sets.yaml')).toThrow(message);
  });
});
