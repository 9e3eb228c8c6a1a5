import type { Command } from 'commander';
import type { WorkloadInjectionContext } from '../injection/inject-workload.ts';
import type { KubeVersion } from '../injection/kube-version.ts';
import { loadSidecarSetFile } from './sidecar-set-file.ts';
import { flagParser, parseKubeVersionFlag } from './flag-parsers.ts';
import { parseLabelList } from './parse-label-list.ts';

/** Flags shared by `tandem inject` and `tandem explain`. */
export interface InjectionFlags {
  readonly filename: string;
  readonly sidecarsets: readonly string[];
  readonly namespaceLabels: Record<string, string>;
  readonly kubeVersion: KubeVersion | undefined;
}

export function addInjectionFlags(command: Command): Command {
  return command
    .requiredOption('-f, --filename <file>', 'manifests to read (multi-document YAML); - for standard input')
    .requiredOption('--sidecarsets <file>', 'SidecarSets to apply (multi-document YAML); repeatable', collect, [])
    .option('--namespace-labels <k=v,...>', 'labels of the namespace(s) the objects land in', flagParser(parseLabelList), {})
    .option(
      '--kube-version <X.Y>',
      'cluster version for nativeSidecars: Auto (default: a current cluster, so native sidecars)',
      flagParser(parseKubeVersionFlag),
    );
}

export async function injectionContext(flags: InjectionFlags): Promise<WorkloadInjectionContext> {
  if (flags.sidecarsets.length === 0) throw new Error("required option '--sidecarsets <file>' not specified");
  const files = await Promise.all(flags.sidecarsets.map((file) => loadSidecarSetFile(file)));
  const sidecarSets = files.flat();
  const names = sidecarSets.map((set) => set.metadata?.name ?? '');
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new Error(`SidecarSet "${duplicate}" is defined in more than one --sidecarsets file`);
  return {
    sidecarSets,
    namespaceLabels: flags.namespaceLabels,
    options: flags.kubeVersion === undefined ? {} : { kubeVersion: flags.kubeVersion },
  };
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

