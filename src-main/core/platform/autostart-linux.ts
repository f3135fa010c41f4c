// Open at login on Linux: Electron's login items are macOS/Windows only, so we write the
// XDG autostart entry ourselves (~/.config/autostart/<appId>.desktop, honouring XDG_CONFIG_HOME).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LinuxAutostart {
  /** Reverse-DNS app id; names the .desktop file. */
  appId: string;
  /** What the desktop shows, e.g. "Basecamp Companion". */
  name: string;
  /** The program to start: the AppImage when running as one, else the executable. */
  exec: string;
  args?: readonly string[];
  comment?: string;
  icon?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** The argument the login entry adds, so the app knows it was started at login and stays in the tray. */
export const LOGIN_ARG = '--login';

export function autostartDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configHome =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(home, '.config');
  return path.join(configHome, 'autostart');
}

export function autostartFile(options: Pick<LinuxAutostart, 'appId' | 'env' | 'home'>): string {
  if (!/^[A-Za-z0-9._-]+$/.test(options.appId)) {
    throw new Error(
      `The app id "${options.appId}" cannot name a .desktop file; use letters, digits, dots, dashes.`,
    );
  }
  return path.join(autostartDir(options.env, options.home), `${options.appId}.desktop`);
}

/** The program to put in Exec=: an AppImage must be started through its own path, not the mounted binary. */
export function autostartProgram(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE && path.isAbsolute(env.APPIMAGE) ? env.APPIMAGE : execPath;
}

/** Quote one Exec= argument as the Desktop Entry spec requires (reserved characters, then %). */
export function quoteExecArg(arg: string): string {
  if (/[\n\r]/.test(arg)) throw new Error('An autostart argument cannot contain a line break.');
  const needsQuotes = arg === '' || /[\s"'\\><~|&;$*?#()`]/.test(arg);
  const quoted = needsQuotes ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
  // % starts a field code in Exec=; a literal one is written %%.
  return quoted.replace(/%/g, '%%');
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

export function desktopEntry(options: LinuxAutostart): string {
  const exec = [options.exec, ...(options.args ?? [LOGIN_ARG])].map(quoteExecArg).join(' ');
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${singleLine(options.name)}`,
    ...(options.comment ? [`Comment=${singleLine(options.comment)}`] : []),
    `Exec=${exec}`,
    ...(options.icon ? [`Icon=${singleLine(options.icon)}`] : []),
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'X-GNOME-Autostart-Delay=2',
  ];
  return lines.join('\n') + '\n';
}

/** Turn open-at-login on or off. Writes atomically; turning it off removes only our file. */
export function setLinuxAutostart(enabled: boolean, options: LinuxAutostart): string {
  const file = autostartFile(options);
  if (!enabled) {
    fs.rmSync(file, { force: true });
    return file;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, desktopEntry(options), { mode: 0o644 });
  fs.renameSync(temp, file);
  return file;
}

/** Whether the desktop will start us at login: the file exists and is neither hidden nor disabled. */
export function isLinuxAutostartEnabled(options: Pick<LinuxAutostart, 'appId' | 'env' | 'home'>): boolean {
  let text: string;
  try {
    text = fs.readFileSync(autostartFile(options), 'utf8');
  } catch {
    return false;
  }
  if (/^Hidden\s*=\s*true\s*$/im.test(text)) return false;
  if (/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/im.test(text)) return false;
  return true;
}
