// Every CLI command, in the order `--help` lists them. Adding a command is one line here.
import type { CliCommand } from '../command.ts';
import { configureCommand } from './configure.ts';
import { clientsCommand } from './clients.ts';
import { bridgeCommand } from './bridge.ts';
import { loginCommand } from './login.ts';
import { logoutCommand } from './logout.ts';
import { serveCommand } from './serve.ts';
import { statusCommand } from './status.ts';
import { sandboxCommand } from './sandbox.ts';

export const commands: CliCommand[] = [
  serveCommand,
  statusCommand,
  loginCommand,
  logoutCommand,
  configureCommand,
  clientsCommand,
  bridgeCommand,
  sandboxCommand,
];
