import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  autostartDir,
  autostartProgram,
  desktopEntry,
  isLinuxAutostartEnabled,
  quoteExecArg,
  setLinuxAutostart,
} from './autostart-linux.ts';

function tempConfigHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-xdg-'));
}

const base = { appId: 'com.basecamp-companion.app', name: 'Basecamp Companion' };

test('turning it on writes a valid autostart entry under XDG_CONFIG_HOME; off removes it', () => {
  const configHome = tempConfigHome();
  const env = { XDG_CONFIG_HOME: configHome };
  const options = {
    ...base,
    exec: '/opt/Basecamp Companion/basecamp-companion',
    env,
    comment: 'Basecamp for your AI tools',
  };
  assert.equal(isLinuxAutostartEnabled(options), false);

  const file = setLinuxAutostart(true, options);
  assert.equal(file, path.join(configHome, 'autostart', 'com.basecamp-companion.app.desktop'));
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /^\[Desktop Entry\]\n/);
  assert.match(text, /^Type=Application$/m);
  assert.match(text, /^Name=Basecamp Companion$/m);
  assert.match(text, /^Exec="\/opt\/Basecamp Companion\/basecamp-companion" --login$/m);
  assert.match(text, /^X-GNOME-Autostart-enabled=true$/m);
  assert.equal(isLinuxAutostartEnabled(options), true);
  assert.deepEqual(
    fs.readdirSync(path.dirname(file)),
    ['com.basecamp-companion.app.desktop'],
    'no temp file left',
  );

  setLinuxAutostart(false, options);
  assert.equal(fs.existsSync(file), false);
  assert.equal(isLinuxAutostartEnabled(options), false);
  setLinuxAutostart(false, options); // turning it off twice is fine
});

test('an entry the user disabled in their session settings counts as off', () => {
  const configHome = tempConfigHome();
  const options = { ...base, exec: '/usr/bin/basecamp-companion', env: { XDG_CONFIG_HOME: configHome } };
  const file = setLinuxAutostart(true, options);
  fs.writeFileSync(
    file,
    fs
      .readFileSync(file, 'utf8')
      .replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'),
  );
  assert.equal(isLinuxAutostartEnabled(options), false);
  fs.writeFileSync(file, desktopEntry(options) + 'Hidden=true\n');
  assert.equal(isLinuxAutostartEnabled(options), false);
});

test('without XDG_CONFIG_HOME (or with a relative one) it uses ~/.config/autostart', () => {
  assert.equal(autostartDir({}, '/home/me'), '/home/me/.config/autostart');
  assert.equal(autostartDir({ XDG_CONFIG_HOME: 'relative/dir' }, '/home/me'), '/home/me/.config/autostart');
  assert.equal(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/me'), '/cfg/autostart');
});

test('an AppImage is started through its own path, not the temporary mount', () => {
  assert.equal(
    autostartProgram({ APPIMAGE: '/home/me/Apps/Basecamp.AppImage' }, '/tmp/.mount_x/app'),
    '/home/me/Apps/Basecamp.AppImage',
  );
  assert.equal(
    autostartProgram({}, '/usr/lib/basecamp-companion/basecamp-companion'),
    '/usr/lib/basecamp-companion/basecamp-companion',
  );
});

test('Exec= arguments are quoted and escaped per the Desktop Entry spec', () => {
  assert.equal(quoteExecArg('/usr/bin/app'), '/usr/bin/app');
  assert.equal(quoteExecArg('/a b/app'), '"/a b/app"');
  assert.equal(quoteExecArg('say "hi" $HOME'), '"say \\"hi\\" \\$HOME"');
  assert.equal(quoteExecArg('100%'), '100%%');
  assert.equal(quoteExecArg(''), '""');
  assert.throws(() => quoteExecArg('a\nExec=evil'), /line break/);
});

test('names with line breaks cannot inject keys, and a bad app id is refused', () => {
  const text = desktopEntry({ ...base, name: 'Evil\nExec=rm -rf ~', exec: '/usr/bin/app' });
  assert.equal(text.match(/^Exec=/gm)?.length, 1);
  assert.throws(() => setLinuxAutostart(true, { ...base, appId: '../escape', exec: '/x' }), /app id/);
});
