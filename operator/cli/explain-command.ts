import type { Command } from 'commander';
import type { InjectionDecision } from '../injection/injection-decision.ts';
import { injectWorkload, type WorkloadInjectionContext } from '../injection/inject-workload.ts';
import { describeRevisions, type SetRevision } from '../injection/sidecar-revision.ts';
import { workloadPodTemplate } from '../injection/workload-pod-template.ts';
import { describeObject } from '../manifest/describe-object.ts';
import { listIndex } from '../manifest/describe-location.ts';
import { manifestObjects } from '../manifest/manifest-objects.ts';
import { parseYamlDocuments } from '../manifest/yaml-documents.ts';
import { readTextInput } from './sidecar-set-file.ts';
import { addInjectionFlags, injectionContext, type InjectionFlags } from './injection-flags.ts';

export interface WorkloadExplanation {
  readonly object: string;
  readonly document: number;
  /** Index of the object in its document's list (`kind: List`); absent for a document that is the object. */
  readonly item?: number;
  readonly decisions: readonly InjectionDecision[];
  readonly warnings: readonly string[];
  /** Present when the webhook would reject the pod (an invalid per-pod override): no set is injected then. */
  readonly rejection?: string;
  /** For an object already injected (a live pod, `kubectl get pod -o yaml`): where it stands against each set its record names. */
  readonly revisions?: readonly SetRevision[];
}

export function registerExplainCommand(program: Command): void {
  addInjectionFlags(
    program
      .command('explain')
      .description('For each pod template and each SidecarSet: would it be injected, and which rule decided')
      .option('-o, --output <format>', 'text or json', 'text'),
  ).action(async (flags: InjectionFlags & { output: string }) => {
    if (flags.output !== 'text' && flags.output !== 'json') {
      throw new Error(`--output must be text or json, not "${flags.output}"`);
    }
    const context = await injectionContext(flags);
    const source = flags.filename === '-' ? '<stdin>' : flags.filename;
    const explanations = explainManifests(await readTextInput(flags.filename), source, context);
    process.stdout.write(
      flags.output === 'json' ? `${JSON.stringify(explanations, null, 2)}\n` : formatExplanations(explanations),
    );
  });
}

export function explainManifests(
  text: string,
  source: string,
  context: WorkloadInjectionContext,
): WorkloadExplanation[] {
  return parseYamlDocuments(text, source).flatMap((document) =>
    manifestObjects(document.value).flatMap((found) => {
      const injection = injectWorkload(found.object, context).injection;
      const template = workloadPodTemplate(found.object)?.template;
      if (injection === undefined || template === undefined) return [];
      const revisions = describeRevisions(template, context.sidecarSets, context.options.kubeVersion);
      const item = listIndex(found.path);
      return [
        {
          object: describeObject(found.object),
          document: document.index,
          ...(item === undefined ? {} : { item }),
          decisions: injection.decisions,
          warnings: injection.warnings,
          ...(injection.rejection === undefined ? {} : { rejection: injection.rejection }),
          ...(revisions.length === 0 ? {} : { revisions }),
        },
      ];
    }),
  );
}

export function formatExplanations(explanations: readonly WorkloadExplanation[]): string {
  if (explanations.length === 0) return 'no pod templates found\n';
  return explanations
    .map((explanation) => {
      const item = explanation.item === undefined ? '' : `, item ${explanation.item}`;
      const lines = [`${explanation.object} (document ${explanation.document}${item}):`];
      if (explanation.decisions.length === 0) lines.push('  no SidecarSets are defined');
      for (const decision of explanation.decisions) {
        const verdict = decision.injected ? 'INJECT' : 'skip  ';
        lines.push(`  ${verdict} ${decision.sidecarSet}: ${decision.reason}: ${decision.message}`);
      }
      for (const revision of explanation.revisions ?? []) lines.push(`  running pod, ${revision.sidecarSet}: ${revision.state}: ${revision.message}`);
      for (const warning of explanation.warnings) lines.push(`  warning: ${warning}`);
      if (explanation.rejection !== undefined) lines.push(`  REJECT the pod, with none of these sets: ${explanation.rejection}`);
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}
