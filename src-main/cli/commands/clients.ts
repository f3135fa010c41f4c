import { UsageError, flag, stringOption, type CliCommand } from '../command.ts';
import { STATE_LABEL, clientStatuses, seenFields, type ClientStatus } from '../../core/clients/status.ts';
import { openClientsContext } from './clients-context.ts';
import { projectClientTitles } from '../../core/clients/table.ts';

/** "just now", "4 min ago", "3 h ago", "2 days ago": how long since a client last called the endpoint. */
export function ago(iso: string, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - Date.parse(iso)) / 60_000);
  if (!Number.isFinite(minutes)) return 'at an unknown time';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

function table(statuses: ClientStatus[]): string {
  const rows = statuses.map((status) => [
    status.name,
    STATE_LABEL[status.state] +
      (status.lastSeen
        ? ` (last seen ${ago(status.lastSeen)}${status.clientInfo ? ` as ${status.clientInfo.name}${status.clientInfo.version ? ` ${status.clientInfo.version}` : ''}` : ''})`
        : ''),
    status.configPath,
  ]);
  const widths = [0, 1].map((column) =>
    Math.max(...rows.map((row) => row[column]!.length), column === 0 ? 6 : 5),
  );
  const lines = [['CLIENT', 'STATE', 'CONFIG'], ...rows].map(
    (row) => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}`,
  );
  const problems = statuses
    .filter((status) => status.problem)
    .map((status) => `  ${status.name}: ${status.problem}`);
  return [...lines, ...(problems.length ? ['', 'Needs attention:', ...problems] : [])].join('\n') + '\n';
}

export const clientsCommand: CliCommand = {
  name: 'clients',
  summary: 'List the AI clients and their state, or revoke one client’s token.',
  usage: 'clients list [--json] [--project DIR]\n       basecamp-companion clients revoke <name>',
  options: {
    json: { type: 'boolean', description: 'Print the list as JSON (no tokens in it).' },
    project: {
      type: 'string',
      value: 'DIR',
      description: `Also show the project files in DIR (${projectClientTitles().join(', ')}).`,
    },
  },
  async run(args, io) {
    const [action = 'list', name, extra] = args.positionals;
    const context = await openClientsContext(io);
    if (action === 'list') {
      if (name) throw new UsageError(`"clients list" takes no name; got "${name}".`);
      const project = stringOption(args, 'project');
      const statuses = clientStatuses({
        environment: context.environment,
        registry: context.registry,
        port: context.settings.get().port,
        tokenFileDir: context.dataDir,
        ...(project ? { project } : {}),
      });
      // Clients configured by --print or by hand have no file we can look at; list them from the registry.
      const shown = new Set(statuses.map((status) => status.name));
      const others = context.registry.list().filter((record) => !shown.has(record.name));
      if (flag(args, 'json')) {
        const registry = context.registry.list().map(({ tokenHash: _hash, stats, ...record }) => ({
          ...record,
          // The serving process's last-seen time, with null counts: this process did not count its calls.
          stats: { ...(stats.clientInfo ? { clientInfo: stats.clientInfo } : {}), ...seenFields(stats) },
        }));
        io.stdout.write(JSON.stringify({ clients: statuses, registry }, null, 2) + '\n');
        return 0;
      }
      io.stdout.write(table(statuses));
      if (others.length) {
        io.stdout.write(
          '\nOther client tokens:\n' +
            others
              .map((r) => `  ${r.name}  ${r.revokedAt ? `revoked ${r.revokedAt}` : `issued ${r.createdAt}`}`)
              .join('\n') +
            '\n',
        );
      }
      return 0;
    }
    if (action === 'revoke') {
      if (!name)
        throw new UsageError(
          'Which client? Give its name as `clients list` shows it, e.g. `clients revoke cursor`.',
        );
      if (extra) throw new UsageError(`Revoke one client at a time; unexpected "${extra}".`);
      if (!context.registry.revoke(name)) {
        const known = context.registry.list().map((record) => record.name);
        io.stderr.write(
          `No client named "${name}" has a token.${known.length ? ` Known: ${known.join(', ')}.` : ''}\n`,
        );
        return 1;
      }
      io.stdout.write(
        `Revoked the token of "${name}". Its calls now fail with 401; the other clients are untouched.\nRun \`configure ${name.split(':')[0]}\` to give it a new token.\n`,
      );
      return 0;
    }
    throw new UsageError(`Unknown action "${action}"; use "list" or "revoke <name>".`);
  },
};
