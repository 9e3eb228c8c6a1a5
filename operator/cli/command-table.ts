import type { Command } from 'commander';

/** Adds one subcommand (its flags, description and action) to the program. */
export type Register = (program: Command) => void;

/**
 * Subcommand name -> a loader of the module that registers it. Each module is
 * imported only when its command runs: the reloader sidecar must not pay, in
 * memory and start-up time, for the controller, the certificate manager and
 * the Kubernetes client it never uses, nor `tandem inject` for any of them.
 */
export type CommandTable = Readonly<Record<string, () => Promise<Register>>>;
