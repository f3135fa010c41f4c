// Paths per OS, detection and deeplinks, played on a pretend machine (platform, home, env and files injected).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientEnvironment } from './environment.ts';
import { CLIENTS, findClient, isInstalled, pickConfigPath, type ClientSpec } from './table.ts';

function machine(
  platform: NodeJS.Platform,
  home: string,
  env: Record<string, string> = {},
  files: string[] = [],
  onPath: string[] = [],
): ClientEnvironment {
  const existing = new Set(files);
  return {
    platform,
    home,
    env,
    exists: (file) =>
      existing.has(file) ||
      [...existing].some((known) => known.startsWith(file + (platform === 'win32' ? '\\' : '/'))),
    list: (dir) => [
      ...new Set(
        [...existing]
          .filter((file) => file.startsWith(dir + '\\') || file.startsWith(dir + '/'))
          .map((file) => file.slice(dir.length + 1).split(/[\\/]/)[0]!),
      ),
    ],
    which: (command) => (onPath.includes(command) ? `/usr/bin/${command}` : undefined),
  };
}

const WIN_ENV = {
  APPDATA: 'C:\\Users\\ann\\AppData\\Roaming',
  LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local',
};

function userPath(id: string, env: ClientEnvironment): string {
  const spec = findClient(id)!;
  return pickConfigPath(env, spec.configPaths(env, 'user'));
}

test('user config paths on Linux, macOS and Windows', () => {
  const linux = machine('linux', '/home/ann');
  const mac = machine('darwin', '/Users/ann');
  const win = machine('win32', 'C:\\Users\\ann', WIN_ENV);
  const expected: Record<string, [string, string, string]> = {
    cursor: [
      '/home/ann/.cursor/mcp.json',
      '/Users/ann/.cursor/mcp.json',
      'C:\\Users\\ann\\.cursor\\mcp.json',
    ],
    vscode: [
      '/home/ann/.config/Code/User/mcp.json',
      '/Users/ann/Library/Application Support/Code/User/mcp.json',
      'C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\mcp.json',
    ],
    'claude-desktop': [
      '/home/ann/.config/Claude/claude_desktop_config.json',
      '/Users/ann/Library/Application Support/Claude/claude_desktop_config.json',
      'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    ],
    'claude-code': ['/home/ann/.claude.json', '/Users/ann/.claude.json', 'C:\\Users\\ann\\.claude.json'],
    windsurf: [
      '/home/ann/.codeium/windsurf/mcp_config.json',
      '/Users/ann/.codeium/windsurf/mcp_config.json',
      'C:\\Users\\ann\\.codeium\\windsurf\\mcp_config.json',
    ],
    lmstudio: [
      '/home/ann/.lmstudio/mcp.json',
      '/Users/ann/.lmstudio/mcp.json',
      'C:\\Users\\ann\\.lmstudio\\mcp.json',
    ],
    zed: [
      '/home/ann/.config/zed/settings.json',
      '/Users/ann/.config/zed/settings.json',
      'C:\\Users\\ann\\AppData\\Roaming\\Zed\\settings.json',
    ],
    goose: [
      '/home/ann/.config/goose/config.yaml',
      '/Users/ann/.config/goose/config.yaml',
      'C:\\Users\\ann\\AppData\\Roaming\\Block\\goose\\config\\config.yaml',
    ],
    codex: [
      '/home/ann/.codex/config.toml',
      '/Users/ann/.codex/config.toml',
      'C:\\Users\\ann\\.codex\\config.toml',
    ],
    cline: [
      '/home/ann/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
      '/Users/ann/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
      'C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json',
    ],
  };
  for (const spec of CLIENTS) {
    const [onLinux, onMac, onWindows] = expected[spec.id] ?? assert.fail(`no expected paths for ${spec.id}`);
    assert.equal(userPath(spec.id, linux), onLinux, `${spec.id} on Linux`);
    assert.equal(userPath(spec.id, mac), onMac, `${spec.id} on macOS`);
    assert.equal(userPath(spec.id, win), onWindows, `${spec.id} on Windows`);
  }
});

test('Claude Desktop from the Microsoft Store (MSIX) is written in its virtualised folder', () => {
  const packageDir = 'C:\\Users\\ann\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc';
  const win = machine('win32', 'C:\\Users\\ann', WIN_ENV, [
    `${packageDir}\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`,
  ]);
  assert.equal(
    userPath('claude-desktop', win),
    `${packageDir}\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`,
  );
  assert.equal(isInstalled(findClient('claude-desktop')!, win), true);
  // Even before the app wrote its config, the package folder decides.
  const fresh = machine('win32', 'C:\\Users\\ann', WIN_ENV, [
    `${packageDir}\\LocalCache\\Roaming\\Claude\\logs`,
  ]);
  assert.equal(
    userPath('claude-desktop', fresh),
    `${packageDir}\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`,
  );
});

test('an existing alternative file wins: VS Code Insiders, Windsurf Next, older LM Studio, XDG and CODEX_HOME', () => {
  const insiders = machine('linux', '/home/ann', {}, ['/home/ann/.config/Code - Insiders/User/mcp.json']);
  assert.equal(userPath('vscode', insiders), '/home/ann/.config/Code - Insiders/User/mcp.json');
  const next = machine('linux', '/home/ann', {}, ['/home/ann/.codeium/windsurf-next/mcp_config.json']);
  assert.equal(userPath('windsurf', next), '/home/ann/.codeium/windsurf-next/mcp_config.json');
  const oldLm = machine('linux', '/home/ann', {}, ['/home/ann/.cache/lm-studio/mcp.json']);
  assert.equal(userPath('lmstudio', oldLm), '/home/ann/.cache/lm-studio/mcp.json');
  const xdg = machine('linux', '/home/ann', { XDG_CONFIG_HOME: '/home/ann/cfg' });
  assert.equal(userPath('zed', xdg), '/home/ann/cfg/zed/settings.json');
  const codexHome = machine('linux', '/home/ann', { CODEX_HOME: '/srv/codex' });
  assert.equal(userPath('codex', codexHome), '/srv/codex/config.toml');
  const macZed = machine('darwin', '/Users/ann', {}, [
    '/Users/ann/Library/Application Support/Zed/settings.json',
  ]);
  assert.equal(userPath('zed', macZed), '/Users/ann/Library/Application Support/Zed/settings.json');
});

test('detection: a client counts as installed by its folder, its config or its command on PATH', () => {
  const spec = findClient('cursor') as ClientSpec;
  assert.equal(isInstalled(spec, machine('linux', '/home/ann')), false);
  assert.equal(isInstalled(spec, machine('linux', '/home/ann', {}, ['/home/ann/.cursor/extensions'])), true);
  assert.equal(isInstalled(spec, machine('linux', '/home/ann', {}, [], ['cursor'])), true);
  assert.equal(
    isInstalled(findClient('claude-code')!, machine('linux', '/home/ann', {}, [], ['claude'])),
    true,
  );
});

test('every entry points at 127.0.0.1, never localhost, and is named basecamp', () => {
  const input = {
    url: 'http://127.0.0.1:3917/mcp',
    token: 'bcc_x',
    bridge: { command: 'node', args: ['main.ts', 'bridge'] },
  };
  for (const spec of CLIENTS) {
    const text = JSON.stringify(spec.entry(input));
    assert.ok(text.includes('http://127.0.0.1:3917/mcp'), spec.id);
    assert.ok(!text.includes('localhost'), spec.id);
  }
  assert.equal(findClient('goose')!.entry(input).name, 'basecamp');
});

test('the VS Code install link is the documented vscode:mcp/install?<json> form', () => {
  const spec = findClient('vscode')!;
  const entry = spec.entry({
    url: 'http://127.0.0.1:3917/mcp',
    token: 'bcc_x',
    bridge: { command: 'n', args: [] },
  });
  const link = spec.deeplink!(entry);
  assert.ok(link.startsWith('vscode:mcp/install?'));
  assert.deepEqual(JSON.parse(decodeURIComponent(link.slice('vscode:mcp/install?'.length))), {
    name: 'basecamp',
    ...entry,
  });
});
