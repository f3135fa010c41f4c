import { parseArgs } from 'node:util';
import { commands } from './commands/index.ts';
import { UsageError, type CliCommand, type CliIo } from './command.ts';
import { redactText } from '../core/log/redact.ts';

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Basecamp Companion: Basecamp for your AI coding tools, over a local MCP endpoint.',
    '',
    'Usage: basecamp-companion <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run `basecamp-companion <command> --help` for a command's options.",
    '',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  const options = Object.entries(command.options).map(([name, option]) => {
    const left = `--${name}${option.value ? ' ' + option.value : ''}`;
    return `  ${left.padEnd(24)} ${option.description}`;
  });
  return [
    `Usage: basecamp-companion ${command.usage}`,
    '',
    command.summary,
    '',
    ...(options.length ? ['Options:', ...options, ''] : []),
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === 'version') {
    io.stdout.write('0.1.0\n');
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  try {
    const parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(
          Object.entries(command.options).map(([key, option]) => [
            key,
            { type: option.type, ...(option.short ? { short: option.short } : {}) },
          ]),
        ),
      },
    });
    if (parsed.values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    return await command.run(
      {
        values: parsed.values as Record<string, string | boolean | undefined>,
        positionals: parsed.positionals,
      },
      io,
    );
  } catch (error) {
    const message = redactText(error instanceof Error ? error.message : String(error));
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`${message}\n\n${commandHelp(command)}`);
      return 2;
    }
    io.stderr.write(`Error: ${message}\n`);
    return 1;
  }
}
