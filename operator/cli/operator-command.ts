import { Option, type Command } from 'commander';
import { parseLabelSelector } from '../controller/parse-label-selector.ts';
import { configureRootLogger, LOG_LEVEL_ENV, parseLogLevel } from '../logging/logger.ts';
import { DEFAULT_WEBHOOK_LISTEN, parseListenAddress } from '../webhook/listen-address.ts';
import { flagParser, integerBetween, parseKubeVersionFlag, secondsBetween } from './flag-parsers.ts';
import { DEFAULT_LEASE_NAME, startOperator, type OperatorFlags, type OperatorHooks } from './start-operator.ts';
import { untilSignalled } from './until-signalled.ts';

/** Registers `tandem operator` (webhook + controller + leader election in one process); returns the subcommand. */
export function registerOperatorCommand(program: Command, hooks: OperatorHooks = {}): Command {
  const command = program
    .command('operator')
    .description('Serve the injection webhook on every replica and, on the elected leader, run the SidecarSet controller')
    .option('--listen <host:port>', 'webhook address ([::]:9443 for IPv6)', flagParser(parseListenAddress), parseListenAddress(DEFAULT_WEBHOOK_LISTEN))
    .option('--metrics-listen <host:port>', 'also serve /metrics over plain HTTP here (e.g. 0.0.0.0:8080; default: only on the webhook\'s HTTPS port)', flagParser(parseListenAddress))
    .option('--tls-cert-file <file>', 'serving certificate (PEM); reloaded when it changes')
    .option('--tls-key-file <file>', 'private key of the serving certificate (PEM)')
    .option('--kubeconfig <file>', 'kubeconfig (default: $KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--kube-version <X.Y>', 'cluster version for nativeSidecars: Auto (default: read from the cluster)', flagParser(parseKubeVersionFlag))
    .addOption(new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent').env(LOG_LEVEL_ENV).default('info').argParser(flagParser(parseLogLevel)))
    .option('--shutdown-delay <seconds>', 'keep serving admissions this long after SIGTERM while not ready', flagParser(secondsBetween(0, 300)), 0)
    .option('--lease-namespace <namespace>', 'namespace of the leader election Lease (default: the pod\'s namespace)')
    .option('--lease-name <name>', 'name of the leader election Lease', DEFAULT_LEASE_NAME)
    .option('--identity <id>', 'this replica\'s identity in the Lease (default: $POD_NAME or hostname, and the pid)')
    .option('--lease-duration <seconds>', 'how long a leader\'s claim lasts without renewal', flagParser(secondsBetween(1, 600)), 15)
    .option('--renew-deadline <seconds>', 'the leader steps down when it cannot renew for this long', flagParser(secondsBetween(1, 600)), 10)
    .option('--retry-period <seconds>', 'time between Lease attempts', flagParser(secondsBetween(0.1, 60)), 2)
    .option('--workers <n>', 'SidecarSets reconciled in parallel', flagParser(integerBetween(1, 64)), 2)
    .option('--sidecarset-selector <selector>', 'reconcile only SidecarSets with these labels (label selector); the webhook serves all', flagParser(checkLabelSelector))
    .option('--silent-watch-timeout <seconds>', 'restart a watch that delivered no event or bookmark for this long', flagParser(secondsBetween(1, 3600)), 180)
    .option('--missed-scan-interval <seconds>', 'how often uninjected matching pods are listed per set', flagParser(secondsBetween(1, 3600)), 30)
    .action(async (flags: OperatorFlags) => {
      const logger = configureRootLogger({ level: flags.logLevel ?? 'info' });
      const running = await startOperator(flags, logger, hooks);
      await untilSignalled(running, logger, 'operator');
    });
  hooks.addOptions?.(command);
  return command;
}

/** A valid label selector, kept as written (the controller parses it once more when it starts). */
function checkLabelSelector(text: string): string {
  parseLabelSelector(text);
  return text;
}
