// Connect and disconnect one AI client: pick its file, build our entry with the client's own token, write it
// safely (or run / print the client's CLI command). The CLI and the window both call these functions.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  editEntry,
  readEntry,
  type EditOptions,
  type EntryLocation,
  type FirstWrite,
  type WriteSteps,
} from './config-file.ts';
import { ClientConfigError } from './errors.ts';
import type { ClientEnvironment } from './environment.ts';
import { pathsFor } from './environment.ts';
import { mintToken, tokensIn, CLIENT_TOKEN_PREFIX, type ClientRegistry } from './tokens.ts';
import {
  ENTRY_NAME,
  clientIds,
  endpointUrl,
  findClient,
  forScope,
  pickConfigPath,
  registryName,
  type BridgeCommand,
  type ClientScope,
  type ClientSpec,
} from './table.ts';
import { renderSnippet, shellLine } from './snippet.ts';
import { commandReadingToken, writeTokenFile } from './token-file.ts';
import { isInstalledApartFromUs } from './installed.ts';

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

/** Runs a client's own CLI (argv[0] resolved on PATH). Injected in tests. */
export type CommandRunner = (argv: string[]) => CommandResult;

export const runCommand: CommandRunner = (argv) => {
  const [command, ...args] = argv;
  // On Windows `claude` is an npm .cmd shim that only runs through the shell, which splits on spaces:
  // quote every argument (the header value has one).
  const windows = process.platform === 'win32';
  const quoted = windows ? args.map((arg) => `"${arg.replace(/"/g, '\\"')}"`) : args;
  const result = spawnSync(command!, quoted, {
    encoding: 'utf8',
    timeout: 60_000,
    shell: windows,
    windowsHide: true,
  });
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    ...(result.error ? { error: result.error } : {}),
  };
};

export interface ConfigureContext {
  environment: ClientEnvironment;
  registry: ClientRegistry;
  port: number;
  bridge: BridgeCommand;
  steps?: WriteSteps;
  run?: CommandRunner;
  now?: () => Date;
  /** A private folder (the data directory) where a command we print can read its token from, not inline. */
  tokenFileDir?: string;
}

/** Who asks: the words of an error name what that caller can do (a flag, or a choice in the window). */
export type ConfigureCaller = 'cli' | 'window';

export interface ConfigureRequest {
  client: string;
  /** `window`: a project must be a full path to a folder inside the home folder, and errors speak of the window. */
  caller?: ConfigureCaller;
  /** Project folder for a project-scoped file (Cursor, VS Code, Zed). */
  project?: string;
  remove?: boolean;
  /** Change nothing; report what would be written. */
  dryRun?: boolean;
  /** Issue a token and return the snippet / deeplink without touching any file. */
  print?: boolean;
  /** Issue a new token even when the file already holds a valid one. */
  rotate?: boolean;
}

export type ConfigureAction =
  | 'added' // entry written, file or entry was new
  | 'updated' // entry replaced (new token, port, shape)
  | 'unchanged' // the file already says exactly this
  | 'removed'
  | 'not-present' // remove asked, nothing of ours was there
  | 'printed' // --print: token issued, nothing written
  | 'ran-command' // the client's CLI did it
  | 'run-this-command'; // the client's CLI is not on PATH: the user runs the printed command

/** Said by the CLI and the window when configure narrowed a shared config file to its owner. */
export function describeModeTightened(file: string, change: { from: number; to: number }): string {
  const octal = (mode: number): string => mode.toString(8).padStart(4, '0');
  return `${file} was readable by other users (mode ${octal(change.from)}); it holds a client token now, so it is ${octal(change.to)} (only you can read it).`;
}

export function describeModeRestored(file: string, change: { from: number; to: number }): string {
  const octal = (mode: number): string => mode.toString(8).padStart(4, '0');
  return `${file} holds no client token any more, so it has its mode from before back (${octal(change.to)}).`;
}

export interface ConfigureResult {
  client: ClientSpec;
  /** Registry name (`cursor`, `cursor:/path/to/project`). */
  name: string;
  /** `project` for a project's own file (often kept in version control). */
  scope: ClientScope;
  action: ConfigureAction;
  dryRun: boolean;
  file?: string;
  created?: boolean;
  /** The backup this change made: the user's original (first change) or the previous version (later ones). */
  backup?: string;
  /** Where the user's file as it was before our first change is kept (never overwritten). */
  originalBackup?: string;
  /** The config file was readable by other users; it now holds a token, so it was narrowed to the owner. */
  modeTightened?: { from: number; to: number };
  /** The removal took our token out, so the file got back the mode it had before we narrowed it. */
  modeRestored?: { from: number; to: number };
  /** The removal deleted the file we had created (nothing else was in it) and these empty folders of ours. */
  deleted?: { file: string; dirs: string[] };
  /** The client's CLI command we ran or the user should run (contains the token). */
  command?: string;
  /** The owner-only file the printed command reads the token from (and deletes). */
  tokenFile?: string;
  /** The copyable snippet for this client (contains the token). */
  snippet: string;
  deeplink?: string;
  restartHint: string;
  /** Whether a new token was issued (the old one, if any, stops working). */
  newToken: boolean;
  /** False when nothing suggests the client is on this machine (we still write the file when asked). */
  installed: boolean;
  /** --print --rotate on a configured client: the file was re-written with the new token, and it is shown too. */
  alsoPrinted?: boolean;
}

/** The entry for --print, which writes nothing: a file we cannot read holds no working entry to protect. */
function readEntryIfReadable(location: EntryLocation): unknown {
  try {
    return readEntry(location);
  } catch {
    return undefined;
  }
}

/** The bridge's placeholder in dry runs, so that no token is issued for a run that changes nothing. */
const DRY_RUN_TOKEN = `${CLIENT_TOKEN_PREFIX}new-token-issued-on-a-real-run`;

function resolveClient(id: string): ClientSpec {
  const spec = findClient(id);
  if (!spec) throw new ClientConfigError(`Unknown client "${id}". Known clients: ${clientIds().join(', ')}.`);
  return spec;
}

/** What to do next, in the words of each caller (the facts in each message are the same). */
const NEXT_STEP: Record<ConfigureCaller, { project: string; user: string; other: string }> = {
  cli: {
    project: "Pass the project's folder to --project (for example --project .).",
    user: 'Run without --project to configure it for your user.',
    other: '',
  },
  window: {
    project: "Choose the project's folder.",
    user: 'Configure it for your user instead.',
    other: ' To use another folder, run basecamp-companion configure CLIENT --project FOLDER in a terminal.',
  },
};

/** The real path (links followed), so a link in the home folder to /etc does not count as inside it. */
function realOrSame(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** Where a file to be written really lands: its nearest existing folder with links followed, plus the rest. */
function realLanding(file: string, p: ReturnType<typeof pathsFor>): string {
  let existing = file;
  while (!fs.existsSync(existing) && p.dirname(existing) !== existing) existing = p.dirname(existing);
  return p.join(realOrSame(existing), p.relative(existing, file));
}

/** True when `file` is below (not at) `home`, both compared as real paths. */
function isInsideHome(file: string, home: string, p: ReturnType<typeof pathsFor>): boolean {
  const inside = p.relative(realOrSame(home), file);
  // `..projects` is a folder inside; only `..` itself or `../…` climbs out.
  return inside !== '' && inside !== '..' && !inside.startsWith('..' + p.sep) && !p.isAbsolute(inside);
}

function scopeOf(
  spec: ClientSpec,
  request: ConfigureRequest,
  environment: ClientEnvironment,
): { scope: ClientScope; project?: string } {
  if (request.project === undefined) return { scope: 'user' };
  const caller = request.caller ?? 'cli';
  const next = NEXT_STEP[caller];
  if (!spec.scopes.includes('project')) {
    throw new ClientConfigError(`${spec.title} has no per-project config. ${next.user}`);
  }
  if (request.project.trim() === '') {
    throw new ClientConfigError(`No project folder was given. ${next.project}`);
  }
  const p = pathsFor(environment.platform);
  // The window runs in the server's working folder, which means nothing to the user: only a full path.
  if (caller === 'window' && !p.isAbsolute(request.project)) {
    throw new ClientConfigError(
      `"${request.project}" is not a full path. ${next.project} For example ${p.join(environment.home, 'code', 'my-app')}.`,
    );
  }
  const project = p.resolve(request.project);
  // A mistyped folder must not become a new folder holding a token that no client ever reads.
  let isFolder: boolean;
  try {
    isFolder = fs.statSync(project).isDirectory();
  } catch {
    throw new ClientConfigError(`There is no folder ${project}. ${next.project}`);
  }
  if (!isFolder) {
    throw new ClientConfigError(`${project} is a file, not a folder. ${next.project}`);
  }
  // From the window a token file lands only in the user's own folders, never in /etc or C:\Windows.
  if (caller === 'window') {
    if (!isInsideHome(realOrSame(project), environment.home, p)) {
      throw new ClientConfigError(
        `${project} is not a folder inside your home folder (${environment.home}). ${next.project}${next.other.replace('CLIENT', spec.id)}`,
      );
    }
  }
  return { scope: 'project', project };
}

export function locate(
  spec: ClientSpec,
  environment: ClientEnvironment,
  scope: ClientScope,
  project?: string,
): EntryLocation {
  const file = pickConfigPath(environment, spec.configPaths(environment, scope, project));
  const scoped = forScope(spec, scope);
  const format = scoped.format === 'cli' ? 'json' : scoped.format;
  return { file, format, container: spec.container, name: ENTRY_NAME };
}

/** The same file, also through a linked folder (a project's .codex linked to ~/.codex). */
function sameFile(a: string, b: string): boolean {
  const real = (file: string): string => {
    try {
      return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return file;
    }
  };
  return a === b || real(a) === real(b);
}

export function configureClient(context: ConfigureContext, request: ConfigureRequest): ConfigureResult {
  const client = resolveClient(request.client);
  const { scope, project } = scopeOf(client, request, context.environment);
  const spec = forScope(client, scope);
  const name = registryName(spec, scope, project);
  const location = locate(spec, context.environment, scope, project);
  // --project ~ names the user config itself (~/.cursor/mcp.json): two records would take turns replacing
  // each other's token in one file.
  if (scope === 'project' && sameFile(location.file, locate(client, context.environment, 'user').file)) {
    throw new ClientConfigError(
      `${location.file} is ${client.title}'s user config, not a project file. ${NEXT_STEP[request.caller ?? 'cli'].user}`,
    );
  }
  // A project's .cursor (or .vscode, .mcp.json) may itself be a link: from the window the file must land in the
  // home folder too, not wherever the link points.
  const p = pathsFor(context.environment.platform);
  if (
    scope === 'project' &&
    request.caller === 'window' &&
    !isInsideHome(realLanding(location.file, p), context.environment.home, p)
  ) {
    throw new ClientConfigError(
      `${location.file} leads outside your home folder (${realLanding(location.file, p)}). ${NEXT_STEP.window.project}${NEXT_STEP.window.other.replace('CLIENT', spec.id)}`,
    );
  }
  const url = endpointUrl(context.port);
  const dryRun = Boolean(request.dryRun);
  const firstWrite = context.registry.get(name)?.firstWrite;
  const editOptions: EditOptions = {
    dryRun,
    ...(context.steps ? { steps: context.steps } : {}),
    ...(context.now ? { now: context.now } : {}),
    ...(firstWrite ? { firstWrite } : {}),
  };
  // Our own earlier write (the folder it created) is no sign the client is installed.
  const installed = scope === 'project' || isInstalledApartFromUs(spec, context.environment, firstWrite);
  const base = { client: spec, name, scope, dryRun, restartHint: spec.restartHint, installed };

  if (request.remove) return removeClient(context, spec, name, location, editOptions, base);

  // Read first: a broken file is refused before any token is issued.
  const current = request.print ? readEntryIfReadable(location) : readEntry(location);
  if (request.print && tokensIn(current).some((token) => context.registry.isCurrentToken(name, token))) {
    // A new token for the same client would stop the file's working entry: never break it silently.
    const again = `configure ${spec.id}${project ? ` --project ${project}` : ''}`;
    if (!request.rotate) {
      throw new ClientConfigError(
        `${spec.title} is already configured in ${location.file}, and --print would issue a new token that stops that entry working. ` +
          `Nothing was changed. To print a new token and write it into ${location.file} too, run \`${again} --print --rotate\`.`,
      );
    }
    return { ...configureClient(context, { ...request, print: false }), alsoPrinted: true };
  }
  const reusable = request.rotate
    ? undefined
    : tokensIn(current).find((token) => context.registry.isCurrentToken(name, token));
  const token = reusable ?? (dryRun ? DRY_RUN_TOKEN : mintToken());
  const input = { url, token, bridge: context.bridge };
  const entry = spec.entry(input);
  const snippet = renderSnippet(spec, entry, input);
  const deeplink = spec.deeplink?.(entry);
  const shown = { ...base, snippet, ...(deeplink ? { deeplink } : {}) };
  const issue = (configPath?: string, firstWrite?: FirstWrite): boolean => {
    if (reusable || dryRun) return false;
    context.registry.mint(name, spec.id, configPath, token, firstWrite);
    return true;
  };

  if (request.print) return { ...shown, action: 'printed', file: location.file, newToken: issue() };

  if (spec.cli) {
    const command = shellLine(spec.cli.add(input));
    if (reusable && isDeepStrictEqual(current, entry)) {
      return { ...shown, action: 'unchanged', file: location.file, command, newToken: false };
    }
    const run = context.run ?? runCommand;
    // The command the user runs reads the token from a private file, so it never lands in shell history.
    const viaFile = (): { command: string; tokenFile?: string } => {
      if (dryRun || reusable || !context.tokenFileDir) return { command };
      const tokenFile = writeTokenFile(context.tokenFileDir, spec.id, token);
      const argv = spec.cli!.add(input);
      return {
        command: commandReadingToken(argv, token, tokenFile, context.environment.platform),
        tokenFile,
      };
    };
    // The window shows no command (it would carry the token): it names `configure` in a terminal instead,
    // which issues its own token. So a token from here would belong to no config: none is issued.
    const fromWindow = request.caller === 'window';
    if (dryRun || !context.environment.which(spec.cli.command)) {
      if (fromWindow) return { ...shown, action: 'run-this-command', newToken: false };
      return { ...shown, action: 'run-this-command', ...viaFile(), newToken: issue() };
    }
    // `claude mcp add` refuses an existing name, so take the old entry out first.
    if (current !== undefined) run(spec.cli.remove());
    const result = run(spec.cli.add(input));
    if (result.status !== 0) {
      const reason = (result.stderr || result.stdout || result.error?.message || 'no output')
        .trim()
        .slice(0, 400);
      const failed = `"${spec.cli.command} mcp add" failed (exit ${result.status ?? 'none'}): ${reason}.`;
      if (fromWindow) {
        throw new ClientConfigError(
          `${failed} Nothing was configured. Run basecamp-companion configure ${spec.id} in a terminal to see the command and run it yourself.`,
        );
      }
      issue();
      throw new ClientConfigError(`${failed} Run it yourself:\n  ${viaFile().command}`);
    }
    return { ...shown, action: 'ran-command', file: location.file, command, newToken: issue(location.file) };
  }

  const result = editEntry(location, entry, editOptions);
  const action: ConfigureAction = !result.changed ? 'unchanged' : current === undefined ? 'added' : 'updated';
  return {
    ...shown,
    action,
    file: result.file,
    created: result.created,
    ...(result.backup ? { backup: result.backup } : {}),
    ...(result.originalBackup ? { originalBackup: result.originalBackup } : {}),
    ...(result.modeTightened ? { modeTightened: result.modeTightened } : {}),
    newToken: issue(result.file, result.firstWrite),
  };
}

function removeClient(
  context: ConfigureContext,
  spec: ClientSpec,
  name: string,
  location: EntryLocation,
  editOptions: EditOptions,
  base: {
    client: ClientSpec;
    name: string;
    scope: ClientScope;
    dryRun: boolean;
    restartHint: string;
    installed: boolean;
  },
): ConfigureResult {
  const forget = (): void => {
    if (!base.dryRun) context.registry.remove(name);
  };
  // The table's hint is for adding ("switch it on", "confirm the trust prompt"); after a removal the client only needs a restart.
  base = { ...base, restartHint: removalHint(spec) };
  if (spec.cli) {
    const command = shellLine(spec.cli.remove());
    const current = readEntry(location);
    if (current === undefined) {
      forget();
      return {
        ...base,
        action: 'not-present',
        file: location.file,
        command,
        snippet: command,
        newToken: false,
      };
    }
    if (base.dryRun || !context.environment.which(spec.cli.command)) {
      forget();
      return { ...base, action: 'run-this-command', command, snippet: command, newToken: false };
    }
    const result = (context.run ?? runCommand)(spec.cli.remove());
    if (result.status !== 0) {
      throw new ClientConfigError(
        `"${command}" failed (exit ${result.status ?? 'none'}): ${(result.stderr || result.stdout).trim().slice(0, 400)}`,
      );
    }
    forget();
    return { ...base, action: 'removed', file: location.file, command, snippet: command, newToken: false };
  }
  const result = editEntry(location, undefined, editOptions);
  forget();
  return {
    ...base,
    action: result.changed ? 'removed' : 'not-present',
    file: result.file,
    ...(result.backup ? { backup: result.backup } : {}),
    ...(result.originalBackup ? { originalBackup: result.originalBackup } : {}),
    ...(result.deleted ? { deleted: result.deleted } : {}),
    ...(result.modeRestored ? { modeRestored: result.modeRestored } : {}),
    snippet: '',
    newToken: false,
  };
}

/** What to do after "basecamp" was taken out of a client's configuration. */
export function removalHint(spec: ClientSpec): string {
  return `Restart ${spec.title} (or reload its MCP servers) so it drops the "basecamp" server.`;
}

export interface ReconfigureOutcome {
  name: string;
  result?: ConfigureResult;
  error?: string;
}

/**
 * Re-write every configured client (after a port change): each keeps its token when its file still holds it.
 * Clients that were revoked or only printed are left alone; one failure does not stop the others.
 */
export function reconfigureAll(
  context: ConfigureContext,
  options: { dryRun?: boolean } = {},
): ReconfigureOutcome[] {
  return context.registry
    .list()
    .filter((record) => !record.revokedAt && record.configPath)
    .map((record) => {
      const project = record.name.startsWith(`${record.kind}:`)
        ? record.name.slice(record.kind.length + 1)
        : undefined;
      try {
        const result = configureClient(context, {
          client: record.kind,
          ...(project ? { project } : {}),
          ...(options.dryRun ? { dryRun: true } : {}),
        });
        return { name: record.name, result };
      } catch (error) {
        return { name: record.name, error: (error as Error).message };
      }
    });
}
