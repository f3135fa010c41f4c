import path from 'node:path';
import {
  UsageError,
  flag,
  portOption,
  stringOption,
  type CliArgs,
  type CliCommand,
  type CliIo,
} from '../command.ts';
import {
  configureClient,
  describeModeRestored,
  describeModeTightened,
  reconfigureAll,
  type ConfigureResult,
} from '../../core/clients/configure.ts';
import { clientIds, findClient, projectClientTitles } from '../../core/clients/table.ts';
import { openClientsContext } from './clients-context.ts';

function describe(result: ConfigureResult): string[] {
  const { client, file } = result;
  const would = result.dryRun ? 'Would ' : '';
  const lines: string[] = [];
  switch (result.action) {
    case 'added':
      lines.push(
        `${result.dryRun ? 'Would add' : 'Added'} "basecamp" to ${client.title}: ${file}${result.created ? ' (new file)' : ''}`,
      );
      break;
    case 'updated':
      lines.push(`${result.dryRun ? 'Would update' : 'Updated'} "basecamp" in ${client.title}: ${file}`);
      break;
    case 'unchanged':
      lines.push(`${client.title} is already configured: ${file ?? ''} (nothing changed)`);
      break;
    case 'removed':
      lines.push(
        `${would}${result.dryRun ? 'remove' : 'Removed'} "basecamp" from ${client.title}${file ? `: ${file}` : ''}`,
      );
      break;
    case 'not-present':
      lines.push(`${client.title} has no "basecamp" entry${file ? ` in ${file}` : ''}; nothing to remove.`);
      break;
    case 'printed':
      lines.push(`Add this to ${client.title}${file ? ` (${file})` : ''}:`, '', result.snippet.trimEnd());
      if (result.deeplink) lines.push('', `Or open this install link: ${result.deeplink}`);
      break;
    case 'ran-command':
      lines.push(`Configured ${client.title} with its own CLI.`);
      break;
    case 'run-this-command':
      lines.push(
        result.dryRun
          ? `Would run:`
          : `The "${client.cli?.command}" command is not on your PATH. Run this yourself:`,
        '',
        `  ${result.command}`,
      );
      if (result.tokenFile)
        lines.push(
          '',
          `The token waits in ${result.tokenFile} (only you can read it): the command reads it from there and deletes the file, so the token stays out of your shell history.`,
        );
      break;
  }
  if (result.alsoPrinted && result.action !== 'run-this-command')
    lines.push(
      '',
      `The new entry${result.file ? ` (now in ${result.file})` : ''}:`,
      '',
      result.snippet.trimEnd(),
    );
  if (!result.installed && (result.action === 'added' || result.action === 'printed')) {
    lines.push(`Note: ${client.title} does not look installed here; the entry will be ready when it is.`);
  }
  if (result.deleted) {
    const dirs = result.deleted.dirs.length ? ` and the empty folder ${result.deleted.dirs.join(', ')}` : '';
    lines.push(
      `${result.dryRun ? 'Would delete' : 'Deleted'} ${result.deleted.file}${dirs}: Basecamp Companion had created it and nothing else is in it.`,
    );
  }
  if (result.backup === result.originalBackup && result.backup)
    lines.push(
      `Your file as it was before this first change is saved as ${result.backup} (made once, never overwritten).`,
    );
  else if (result.backup)
    lines.push(
      `The file as it was before this change is saved as ${result.backup} (replaced at each change)${result.originalBackup ? `; your original stays in ${result.originalBackup}` : ''}.`,
    );
  if (result.modeTightened && result.file)
    lines.push(describeModeTightened(result.file, result.modeTightened));
  if (result.modeRestored && result.file) lines.push(describeModeRestored(result.file, result.modeRestored));
  if (result.scope === 'project' && result.file && ['added', 'updated', 'printed'].includes(result.action))
    lines.push(
      `${result.file} now holds a client token: keep it out of version control (add it to .gitignore).`,
    );
  // The backup of a project file sits in the project too, and a kept token makes it hold the live one.
  if (result.scope === 'project' && result.file && result.backup)
    lines.push(
      `Its backups next to it may hold the token too: add ${path.basename(result.file)}.basecamp-* to .gitignore as well.`,
    );
  if (result.newToken)
    lines.push(`A new client token was issued for "${result.name}"; any older one stops working.`);
  if (!result.dryRun && result.action !== 'unchanged' && result.action !== 'not-present')
    lines.push(result.restartHint);
  return lines;
}

/** `configure all`: re-write every configured client, e.g. after the port changed. Tokens are kept. */
async function configureAll(args: CliArgs, io: CliIo): Promise<number> {
  if (flag(args, 'remove') || flag(args, 'print') || stringOption(args, 'project') !== undefined) {
    throw new UsageError(
      '`configure all` re-writes every configured client; --remove, --print and --project go with one client.',
    );
  }
  const context = await openClientsContext(io);
  const outcomes = reconfigureAll(
    {
      environment: context.environment,
      registry: context.registry,
      port: portOption(args) ?? context.settings.get().port,
      bridge: context.bridge,
      tokenFileDir: context.dataDir,
    },
    { dryRun: flag(args, 'dry-run') },
  );
  if (outcomes.length === 0)
    io.stdout.write('No client is configured yet. Run `configure <client>` first.\n');
  let failed = 0;
  for (const outcome of outcomes) {
    if (outcome.error) {
      failed += 1;
      io.stderr.write(`${outcome.name}: ${outcome.error}\n`);
    } else io.stdout.write(describe(outcome.result!).join('\n') + '\n');
  }
  return failed ? 1 : 0;
}

export const configureCommand: CliCommand = {
  name: 'configure',
  summary: 'Connect an AI client (Cursor, VS Code, Claude, …) to the local MCP endpoint, or disconnect it.',
  usage: `configure <client> [--project DIR] [--remove] [--print] [--dry-run] [--rotate] [--port N]\n       basecamp-companion configure all [--dry-run] [--port N]   (re-write every configured client)\n\nClients: ${clientIds().join(', ')}`,
  options: {
    project: {
      type: 'string',
      value: 'DIR',
      description: `Write the project file in DIR instead of your user config (${projectClientTitles().join(', ')}).`,
    },
    remove: {
      type: 'boolean',
      description: 'Take our "basecamp" entry out again (nothing else is touched).',
    },
    print: {
      type: 'boolean',
      description:
        'Print the snippet (and install link) with a new token instead of writing a file. Refused when the client is already configured (the new token would stop its file working); --print --rotate then writes the new token into the file too and prints it.',
    },
    'dry-run': { type: 'boolean', description: 'Show what would change; write nothing and issue no token.' },
    rotate: { type: 'boolean', description: 'Issue a new token even if the client already has a valid one.' },
    port: {
      type: 'string',
      value: 'N',
      description: 'The endpoint port to write (default: the port in settings, 3917).',
    },
  },
  async run(args, io) {
    const [client, extra] = args.positionals;
    if (!client) throw new UsageError(`Which client? One of: ${clientIds().join(', ')}.`);
    if (extra) throw new UsageError(`Configure one client at a time; unexpected "${extra}".`);
    if (client === 'all') return configureAll(args, io);
    if (!findClient(client))
      throw new UsageError(`Unknown client "${client}". Known clients: ${clientIds().join(', ')}.`);
    const remove = flag(args, 'remove');
    const print = flag(args, 'print');
    if (remove && print) throw new UsageError('--remove and --print do not go together.');
    const context = await openClientsContext(io);
    const project = stringOption(args, 'project');
    const result = configureClient(
      {
        environment: context.environment,
        registry: context.registry,
        port: portOption(args) ?? context.settings.get().port,
        bridge: context.bridge,
        tokenFileDir: context.dataDir,
      },
      {
        client,
        ...(project !== undefined ? { project } : {}),
        remove,
        print,
        dryRun: flag(args, 'dry-run'),
        rotate: flag(args, 'rotate'),
      },
    );
    io.stdout.write(describe(result).join('\n') + '\n');
    return 0;
  },
};
