// The one table of AI clients: where each keeps its MCP config on each OS, the key and the entry shape it
// expects, how to tell it is installed, what to restart. Adding a client is one entry here.
import type { ConfigFormat } from './config-file.ts';
import { pathsFor, type ClientEnvironment } from './environment.ts';

/** Our entry's name in every client. */
export const ENTRY_NAME = 'basecamp';

export type ClientScope = 'user' | 'project';

/** How to start our stdio bridge (absolute paths: GUI apps do not see the shell's PATH). */
export interface BridgeCommand {
  command: string;
  args: string[];
}

export interface EntryInput {
  /** Always `http://127.0.0.1:<port>/mcp`. */
  url: string;
  token: string;
  bridge: BridgeCommand;
}

/** Env variable names the bridge reads. */
export const BRIDGE_TOKEN_ENV = 'BASECAMP_COMPANION_TOKEN';
export const BRIDGE_URL_ENV = 'BASECAMP_COMPANION_URL';

/** Clients configured through their own CLI instead of a file we edit. */
export interface ClientCli {
  command: string;
  add(entry: EntryInput): string[];
  remove(): string[];
}

export interface ClientSpec {
  id: string;
  title: string;
  /** How we write it: a file format, or `cli` (we run or print the client's own command). */
  format: ConfigFormat | 'cli';
  /** The map that holds servers (`mcpServers`, `servers`, `context_servers`, `extensions`, `mcp_servers`). */
  container: string;
  scopes: readonly ClientScope[];
  /** Candidate config files, most likely first. For `cli` clients: the file we only ever read. */
  configPaths(env: ClientEnvironment, scope: ClientScope, projectDir?: string): string[];
  /** Paths whose presence means the client is installed. */
  installPaths(env: ClientEnvironment): string[];
  /** An executable on PATH that also means installed. */
  executable?: string;
  entry(input: EntryInput): Record<string, unknown>;
  cli?: ClientCli;
  restartHint: string;
  /** One-click install link that lets the client show its own consent dialog. */
  deeplink?(entry: Record<string, unknown>): string;
  note?: string;
  /**
   * How the project file differs from the user scope, when it does: Claude Code's `.mcp.json` is a plain JSON
   * file we edit although its user config goes through `claude mcp`; some clients need a project approved first.
   */
  project?: { format?: ConfigFormat; restartHint?: string };
}

/** The spec as it applies to one scope: the project file's own format and hint, no CLI where we edit a file. */
export function forScope(spec: ClientSpec, scope: ClientScope): ClientSpec {
  if (scope !== 'project' || !spec.project) return spec;
  const { cli, project, ...rest } = spec;
  const format = project.format ?? spec.format;
  return {
    ...rest,
    format,
    ...(format === 'cli' && cli ? { cli } : {}),
    restartHint: project.restartHint ?? spec.restartHint,
  };
}

const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

function dirs(env: ClientEnvironment) {
  const p = pathsFor(env.platform);
  const home = env.home;
  const appData = env.env.APPDATA ?? p.join(home, 'AppData', 'Roaming');
  const localAppData = env.env.LOCALAPPDATA ?? p.join(home, 'AppData', 'Local');
  const xdgConfig = env.env.XDG_CONFIG_HOME ?? p.join(home, '.config');
  const macSupport = p.join(home, 'Library', 'Application Support');
  /** The per-OS folder where Electron apps keep their user data. */
  const appSupport = env.platform === 'darwin' ? macSupport : env.platform === 'win32' ? appData : xdgConfig;
  return { p, home, appData, localAppData, xdgConfig, macSupport, appSupport };
}

const base64 = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/** VS Code-family user folders (stable and Insiders). */
function vscodeUserDirs(env: ClientEnvironment, product = 'Code'): string[] {
  const { p, appSupport } = dirs(env);
  return [p.join(appSupport, product, 'User'), p.join(appSupport, `${product} - Insiders`, 'User')];
}

export const CLIENTS: readonly ClientSpec[] = [
  {
    id: 'cursor',
    title: 'Cursor',
    format: 'json',
    container: 'mcpServers',
    scopes: ['user', 'project'],
    configPaths: (env, scope, projectDir) => {
      const { p, home } = dirs(env);
      return [p.join(scope === 'project' ? projectDir! : home, '.cursor', 'mcp.json')];
    },
    installPaths: (env) => {
      const { p, home, localAppData } = dirs(env);
      return [
        p.join(home, '.cursor'),
        '/Applications/Cursor.app',
        p.join(localAppData, 'Programs', 'cursor'),
      ];
    },
    executable: 'cursor',
    // No `type`: Cursor works out the transport itself, and an invalid type can make it drop the whole file.
    entry: ({ url, token }) => ({ url, headers: bearer(token) }),
    restartHint:
      'In Cursor open Settings → MCP and switch "basecamp" off and on (a green dot means connected).',
    deeplink: (entry) =>
      `cursor://anysphere.cursor-deeplink/mcp/install?name=basecamp&config=${encodeURIComponent(base64(entry))}`,
  },
  {
    id: 'vscode',
    title: 'VS Code',
    format: 'jsonc',
    container: 'servers',
    scopes: ['user', 'project'],
    configPaths: (env, scope, projectDir) => {
      const { p } = dirs(env);
      if (scope === 'project') return [p.join(projectDir!, '.vscode', 'mcp.json')];
      return vscodeUserDirs(env).map((dir) => p.join(dir, 'mcp.json'));
    },
    installPaths: (env) => vscodeUserDirs(env),
    executable: 'code',
    entry: ({ url, token }) => ({ type: 'http', url, headers: bearer(token) }),
    restartHint: 'VS Code picks the change up by itself; confirm the trust prompt when it starts "basecamp".',
    deeplink: (entry) =>
      `vscode:mcp/install?${encodeURIComponent(JSON.stringify({ name: 'basecamp', ...entry }))}`,
  },
  {
    id: 'claude-desktop',
    title: 'Claude Desktop',
    format: 'json',
    container: 'mcpServers',
    scopes: ['user'],
    configPaths: (env) => {
      const { p, appSupport, localAppData, appData } = dirs(env);
      const file = 'claude_desktop_config.json';
      if (env.platform !== 'win32') return [p.join(appSupport, 'Claude', file)];
      // The Microsoft Store / MSIX build keeps its config in a virtualised folder; writing only to
      // %APPDATA%\Claude leaves the server silently missing there.
      const packages = p.join(localAppData, 'Packages');
      const msix = env
        .list(packages)
        .filter((name) => name.startsWith('Claude_'))
        .map((name) => p.join(packages, name, 'LocalCache', 'Roaming', 'Claude', file));
      return [...msix, p.join(appData, 'Claude', file)];
    },
    installPaths: (env) => {
      const { p, appSupport, localAppData } = dirs(env);
      const packages = p.join(localAppData, 'Packages');
      return [
        p.join(appSupport, 'Claude'),
        '/Applications/Claude.app',
        ...env
          .list(packages)
          .filter((name) => name.startsWith('Claude_'))
          .map((name) => p.join(packages, name)),
      ];
    },
    // Claude Desktop only runs stdio servers (a `url` entry can crash it), so it starts our own bridge.
    entry: ({ url, token, bridge }) => ({
      command: bridge.command,
      args: [...bridge.args, '--url', url],
      env: { [BRIDGE_TOKEN_ENV]: token },
    }),
    restartHint: 'Quit Claude Desktop completely (tray / menu bar → Quit) and start it again.',
  },
  {
    id: 'claude-code',
    title: 'Claude Code',
    format: 'cli',
    container: 'mcpServers',
    scopes: ['user', 'project'],
    // Read only: ~/.claude.json is rewritten constantly by running sessions, so only `claude mcp` edits it.
    // The project scope is `<dir>/.mcp.json`, a plain file of the project's that we edit like any other.
    configPaths: (env, scope, projectDir) => {
      const { p, home } = dirs(env);
      if (scope === 'project') return [p.join(projectDir!, '.mcp.json')];
      return [p.join(env.env.CLAUDE_CONFIG_DIR ?? home, '.claude.json')];
    },
    installPaths: (env) => {
      const { p, home } = dirs(env);
      return [p.join(home, '.claude')];
    },
    executable: 'claude',
    entry: ({ url, token }) => ({ type: 'http', url, headers: bearer(token) }),
    cli: {
      command: 'claude',
      add: ({ url, token }) => [
        'claude',
        'mcp',
        'add',
        '--transport',
        'http',
        '--scope',
        'user',
        'basecamp',
        url,
        '--header',
        `Authorization: Bearer ${token}`,
      ],
      remove: () => ['claude', 'mcp', 'remove', '--scope', 'user', 'basecamp'],
    },
    restartHint: 'Start a new Claude Code session (or run /mcp in a running one).',
    project: {
      format: 'json',
      restartHint:
        'Start a new Claude Code session in that folder and approve the "basecamp" project server when it asks (/mcp shows it).',
    },
  },
  {
    id: 'windsurf',
    title: 'Windsurf',
    format: 'json',
    container: 'mcpServers',
    scopes: ['user'],
    configPaths: (env) => {
      const { p, home } = dirs(env);
      return [
        p.join(home, '.codeium', 'windsurf', 'mcp_config.json'),
        p.join(home, '.codeium', 'mcp_config.json'),
        p.join(home, '.codeium', 'windsurf-next', 'mcp_config.json'),
      ];
    },
    installPaths: (env) => {
      const { p, home } = dirs(env);
      return [p.join(home, '.codeium', 'windsurf'), p.join(home, '.codeium', 'windsurf-next')];
    },
    executable: 'windsurf',
    // Windsurf wants `serverUrl`; a Cursor-style `url` entry was reported not to connect.
    entry: ({ url, token }) => ({ serverUrl: url, headers: bearer(token) }),
    restartHint: 'Press the refresh button in the Cascade MCP panel.',
  },
  {
    id: 'lmstudio',
    title: 'LM Studio',
    format: 'json',
    container: 'mcpServers',
    scopes: ['user'],
    configPaths: (env) => {
      const { p, home } = dirs(env);
      return [p.join(home, '.lmstudio', 'mcp.json'), p.join(home, '.cache', 'lm-studio', 'mcp.json')];
    },
    installPaths: (env) => {
      const { p, home } = dirs(env);
      return [p.join(home, '.lmstudio'), p.join(home, '.cache', 'lm-studio')];
    },
    executable: 'lms',
    entry: ({ url, token }) => ({ url, headers: bearer(token) }),
    restartHint: 'LM Studio reloads mcp.json by itself; check the Program tab → Integrations.',
    deeplink: (entry) => `lmstudio://add_mcp?name=basecamp&config=${encodeURIComponent(base64(entry))}`,
  },
  {
    id: 'zed',
    title: 'Zed',
    format: 'jsonc',
    container: 'context_servers',
    scopes: ['user', 'project'],
    configPaths: (env, scope, projectDir) => {
      const { p, appData, xdgConfig, macSupport } = dirs(env);
      if (scope === 'project') return [p.join(projectDir!, '.zed', 'settings.json')];
      if (env.platform === 'win32') return [p.join(appData, 'Zed', 'settings.json')];
      if (env.platform === 'darwin')
        return [p.join(xdgConfig, 'zed', 'settings.json'), p.join(macSupport, 'Zed', 'settings.json')];
      return [p.join(xdgConfig, 'zed', 'settings.json')];
    },
    installPaths: (env) => {
      const { p, appData, xdgConfig } = dirs(env);
      return [
        p.join(env.platform === 'win32' ? appData : xdgConfig, env.platform === 'win32' ? 'Zed' : 'zed'),
        '/Applications/Zed.app',
      ];
    },
    executable: 'zed',
    entry: ({ url, token }) => ({ url, headers: bearer(token) }),
    restartHint: 'Zed reloads its settings by itself; the server shows up in the Agent panel settings.',
  },
  {
    id: 'cline',
    title: 'Cline',
    format: 'json',
    container: 'mcpServers',
    scopes: ['user'],
    configPaths: (env) => {
      const { p, home } = dirs(env);
      const tail = ['globalStorage', 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json'];
      const cliDir = env.env.CLINE_DIR ?? p.join(home, '.cline');
      return [
        ...(env.env.CLINE_MCP_SETTINGS_PATH ? [env.env.CLINE_MCP_SETTINGS_PATH] : []),
        ...vscodeUserDirs(env).map((dir) => p.join(dir, ...tail)),
        ...vscodeUserDirs(env, 'Cursor')
          .slice(0, 1)
          .map((dir) => p.join(dir, ...tail)),
        p.join(cliDir, 'data', 'settings', 'cline_mcp_settings.json'),
      ];
    },
    installPaths: (env) => {
      const { p, home } = dirs(env);
      return [
        ...vscodeUserDirs(env).map((dir) => p.join(dir, 'globalStorage', 'saoudrizwan.claude-dev')),
        ...vscodeUserDirs(env, 'Cursor')
          .slice(0, 1)
          .map((dir) => p.join(dir, 'globalStorage', 'saoudrizwan.claude-dev')),
        p.join(env.env.CLINE_DIR ?? p.join(home, '.cline')),
      ];
    },
    executable: 'cline',
    entry: ({ url, token }) => ({ type: 'streamableHttp', url, headers: bearer(token), disabled: false }),
    restartHint: 'Cline reloads its MCP settings by itself; check the MCP Servers view in Cline.',
  },
  {
    id: 'goose',
    title: 'Goose',
    format: 'yaml',
    container: 'extensions',
    scopes: ['user'],
    configPaths: (env) => {
      const { p, appData, xdgConfig } = dirs(env);
      if (env.platform === 'win32') return [p.join(appData, 'Block', 'goose', 'config', 'config.yaml')];
      return [p.join(xdgConfig, 'goose', 'config.yaml')];
    },
    installPaths: (env) => {
      const { p, appData, xdgConfig } = dirs(env);
      return [
        env.platform === 'win32' ? p.join(appData, 'Block', 'goose') : p.join(xdgConfig, 'goose'),
        '/Applications/Goose.app',
      ];
    },
    executable: 'goose',
    // Goose calls the URL `uri`, and the map key must match `name`.
    entry: ({ url, token }) => ({
      name: 'basecamp',
      type: 'streamable_http',
      uri: url,
      headers: bearer(token),
      enabled: true,
      timeout: 300,
    }),
    restartHint: 'Start a new Goose session (or restart Goose Desktop).',
  },
  {
    id: 'codex',
    title: 'Codex',
    format: 'toml',
    container: 'mcp_servers',
    scopes: ['user', 'project'],
    configPaths: (env, scope, projectDir) => {
      const { p, home } = dirs(env);
      if (scope === 'project') return [p.join(projectDir!, '.codex', 'config.toml')];
      return [p.join(env.env.CODEX_HOME ?? p.join(home, '.codex'), 'config.toml')];
    },
    installPaths: (env) => {
      const { p, home } = dirs(env);
      return [env.env.CODEX_HOME ?? p.join(home, '.codex')];
    },
    executable: 'codex',
    // Literal headers go in `http_headers`: Codex loads a `headers` key and silently ignores it.
    entry: ({ url, token }) => ({ url, http_headers: bearer(token) }),
    restartHint: 'Restart Codex.',
    project: {
      restartHint:
        'Restart Codex in that folder; it reads .codex/config.toml only for a project you have trusted.',
    },
  },
];

/** The clients that have a per-project file, for help texts. */
export function projectClientTitles(): string[] {
  return CLIENTS.filter((client) => client.scopes.includes('project')).map((client) => client.title);
}

export function findClient(id: string): ClientSpec | undefined {
  return CLIENTS.find((client) => client.id === id);
}

export function clientIds(): string[] {
  return CLIENTS.map((client) => client.id);
}

/** The stable registry name of one configured client: `cursor`, or `cursor:/abs/project` for a project file. */
export function registryName(spec: ClientSpec, scope: ClientScope, projectDir?: string): string {
  return scope === 'project' ? `${spec.id}:${projectDir}` : spec.id;
}

/** The config file to use: the first candidate that exists, else the first whose folder exists, else the first. */
export function pickConfigPath(env: ClientEnvironment, candidates: string[]): string {
  const p = pathsFor(env.platform);
  return (
    candidates.find((file) => env.exists(file)) ??
    candidates.find((file) => env.exists(p.dirname(file))) ??
    candidates[0]!
  );
}

export function isInstalled(spec: ClientSpec, env: ClientEnvironment): boolean {
  if (spec.installPaths(env).some((file) => env.exists(file))) return true;
  if (spec.configPaths(env, 'user').some((file) => env.exists(file))) return true;
  return spec.executable !== undefined && env.which(spec.executable) !== undefined;
}

export function endpointUrl(port: number): string {
  return `http://127.0.0.1:${port}/mcp`;
}
