#!/usr/bin/env node
// The `tandem` command from the sources (the CLI tests) or the tsc build
// (dist/operator/cli/main.js, the chart's entry point). Wiring only: each
// subcommand lives in its own module (commands.ts). bin/tandem and the image
// start through fast-start.ts instead, which runs the offline commands from a
// bundle and comes here for the others.
import { COMMANDS } from './commands.ts';
import { runCli } from './run-cli.ts';

await runCli(process.argv, COMMANDS);
