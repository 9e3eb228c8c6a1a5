import type { Command } from 'commander';
import { injectWorkload, type WorkloadInjectionContext } from '../injection/inject-workload.ts';
import type { PodTemplate } from '../injection/pod-template.ts';
import { describeObject } from '../injection/workload-pod-template.ts';
import { parseYamlDocuments, type YamlDocument } from '../manifest/yaml-documents.ts';
import { readTextInput } from '../sidecar-set-file.ts';
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
  const documents = parseYamlDocuments(text, source).map((document) => {
    const result = injectWorkload(document.value, context);
    const where = `${source}: document ${document.index} (${describeObject(document.value)})`;
    warnings.push(...(result.injection?.warnings ?? []).map((warning) => `${where}: ${warning}`));
    if (result.injection?.changed !== true) return render(document);
    return renderInjected(document, result.templatePath, result.injection.pod);
  });
  const yaml = documents.join('');
  return { yaml: yaml === '' || yaml.endsWith('\n') ? yaml : `${yaml}\n`, warnings };
}

/** Unchanged documents are written back exactly as read, comments and flow style included. */
function render(document: YamlDocument): string {
  return document.source.endsWith('\n') ? document.source : `${document.source}\n`;
}

/** Replaces only the template's nodes, so comments elsewhere in the document survive. */
function renderInjected(document: YamlDocument, path: readonly string[], template: PodTemplate): string {
  const doc = document.document.clone();
  if (path.length === 0) {
    doc.setIn(['metadata'], doc.createNode(template.metadata));
    doc.setIn(['spec'], doc.createNode(template.spec));
  } else {
    doc.setIn([...path], doc.createNode(template));
  }
  // The composer keeps the document's own `---` marker and the comments before it.
  return doc.toString({ lineWidth: 0 });
}
