import type { Command } from 'commander';
import { isMap, isSeq } from 'yaml';
import { injectWorkload, type WorkloadInjectionContext } from '../injection/inject-workload.ts';
import type { PodTemplate } from '../api/pod-template.ts';
import { describeLocation } from '../manifest/describe-location.ts';
import { manifestObjects } from '../manifest/manifest-objects.ts';
import { ManifestError, parseYamlDocuments, type YamlDocument } from '../manifest/yaml-documents.ts';
import { readTextInput } from './sidecar-set-file.ts';
import { addInjectionFlags, injectionContext, type InjectionFlags } from './injection-flags.ts';

export interface InjectOutput {
  readonly yaml: string;
  readonly warnings: readonly string[];
}

export function registerInjectCommand(program: Command): void {
  addInjectionFlags(
    program
      .command('inject')
      .description('Print manifests with every pod template injected, as the webhook would inject their pods'),
  ).action(async (flags: InjectionFlags) => {
    const context = await injectionContext(flags);
    const source = flags.filename === '-' ? '<stdin>' : flags.filename;
    // Everything is computed before anything is written: on error, stdout stays empty.
    const output = injectManifests(await readTextInput(flags.filename), source, context);
    for (const warning of output.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(output.yaml);
  });
}

/**
 * Injects every pod template in a YAML stream. Documents without a pod template,
 * or that need no change, are printed exactly as they were read.
 */
export function injectManifests(text: string, source: string, context: WorkloadInjectionContext): InjectOutput {
  const warnings: string[] = [];
  const rejections: string[] = [];
  const documents = parseYamlDocuments(text, source).map((document) => {
    const changes: TemplateChange[] = [];
    for (const item of manifestObjects(document.value)) {
      const result = injectWorkload(item.object, context);
      const where = `${source}: ${describeLocation(document.index, item)}`;
      warnings.push(...(result.injection?.warnings ?? []).map((warning) => `${where}: ${warning}`));
      const rejection = result.injection?.rejection;
      if (rejection !== undefined) rejections.push(`${where}: the webhook would reject its pods: ${rejection}`);
      if (result.injection?.changed === true) {
        changes.push({ path: [...item.path, ...result.templatePath], bare: result.templatePath.length === 0, template: result.injection.pod });
      }
    }
    return changes.length === 0 ? render(document) : renderInjected(document, changes);
  });
  // Like the webhook, refuse rather than print the pod without what it asked for.
  if (rejections.length > 0) throw new ManifestError(rejections.join('\n'));
  const yaml = documents.join('');
  return { yaml: yaml === '' || yaml.endsWith('\n') ? yaml : `${yaml}\n`, warnings };
}

/** Unchanged documents are written back exactly as read, comments and flow style included. */
function render(document: YamlDocument): string {
  return document.source.endsWith('\n') ? document.source : `${document.source}\n`;
}

function isFlowCollection(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && node.flow === true;
}

interface TemplateChange {
  /** Where the pod template sits in the document. */
  readonly path: readonly (string | number)[];
  /** A bare Pod: its metadata and spec are replaced, its other fields kept. */
  readonly bare: boolean;
  readonly template: PodTemplate;
}

/** Replaces only the templates' nodes, so comments elsewhere in the document survive. */
function renderInjected(document: YamlDocument, changes: readonly TemplateChange[]): string {
  const doc = document.document.clone();
  for (const change of changes) {
    if (change.bare) {
      doc.setIn([...change.path, 'metadata'], doc.createNode(change.template.metadata));
      doc.setIn([...change.path, 'spec'], doc.createNode(change.template.spec));
    } else {
      doc.setIn([...change.path], doc.createNode(change.template));
    }
  }
  // JSON in (kubectl get -o json), JSON out: YAML flow style would be valid but unreadable.
  if (isFlowCollection(doc.contents)) {
    const marker = document.source.trimStart().startsWith('---') ? '---\n' : '';
    return `${marker}${JSON.stringify(doc.toJS(), null, 2)}\n`;
  }
  // The composer keeps the document's own `---` marker and the comments before it.
  return doc.toString({ lineWidth: 0 });
}
