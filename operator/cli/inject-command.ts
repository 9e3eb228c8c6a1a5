import type { Command } from 'commander';
import { injectWorkload, type WorkloadInjectionContext } from '../injection/inject-workload.ts';
import type { PodTemplate } from '../api/pod-template.ts';
import { describeLocation } from '../manifest/describe-location.ts';
import { manifestObjects } from '../manifest/manifest-objects.ts';
import { rewriteYamlDocument } from '../manifest/rewrite-yaml-document.ts';
import { ManifestError, parseYamlDocuments, type YamlDocument } from '../manifest/yaml-documents.ts';
import { setOwn } from '../yaml/read-kube-value.ts';
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
    return changes.length === 0 ? render(document) : renderInjected(document, changes, source);
  });
  // Like the webhook, refuse rather than print the pod without what it asked for.
  if (rejections.length > 0) throw new ManifestError(rejections.join('\n'));
  // A stream with nothing but comments is printed as it was, too.
  const yaml = documents.length === 0 ? text : documents.join('');
  return { yaml: yaml === '' || yaml.endsWith('\n') ? yaml : `${yaml}\n`, warnings };
}

/** Unchanged documents are written back exactly as read, comments and flow style included. */
function render(document: YamlDocument): string {
  return document.source;
}

interface TemplateChange {
  /** Where the pod template sits in the document. */
  readonly path: readonly (string | number)[];
  /** A bare Pod: its metadata and spec are replaced, its other fields kept. */
  readonly bare: boolean;
  readonly template: PodTemplate;
}

/** The document's value with the templates replaced, written back changing only the nodes that differ. */
function renderInjected(document: YamlDocument, changes: readonly TemplateChange[], source: string): string {
  let expected = document.value;
  for (const change of changes) {
    if (change.bare) {
      expected = withValueAt(expected, [...change.path, 'metadata'], change.template.metadata);
      expected = withValueAt(expected, [...change.path, 'spec'], change.template.spec);
    } else {
      expected = withValueAt(expected, change.path, change.template);
    }
  }
  return rewriteYamlDocument(document, expected, source);
}

/** A copy of `value` with the value at `path` replaced; only the objects and lists on the path are copied. */
function withValueAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    copy[head as number] = withValueAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  setOwn(copy, String(head), withValueAt((value as Record<string, unknown>)[head], rest, replacement));
  return copy;
}
