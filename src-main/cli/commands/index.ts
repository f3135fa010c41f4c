// Every CLI command, in the order `--help` lists them. Adding a command is one line here.
import type { CliCommand } from '../command.ts';
import { configureCommand } from './configure.ts';

export const commands: CliCommand[] = [configureCommand];
