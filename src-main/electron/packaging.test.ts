// electron-builder.yml can't be exercised here (packaging downloads Electron), so check what can be:
// it parses, every key is one electron-builder knows (its own JSON schema), and the settings the
// security checklist and the platforms need are there and point at files that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import YAML from 'yaml';
import { MAIN_EXTERNALS } from '../../scripts/build.ts';
import { APP_ID, PRODUCT_NAME } from './identity.ts';

const root = path.join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
// conf already depends on Ajv; electron-builder validates its config with the same schema.
const Ajv = require('ajv') as new (options: object) => {
  validate(schema: object, data: unknown): boolean;
  errors?: { instancePath: string; message?: string; params?: unknown }[] | null;
};

/** The parts of the configuration these tests read. */
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: { from: string; to: string }[];
  asar: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  mac: {
    target: string[];
    icon: string;
    hardenedRuntime: boolean;
    notarize: boolean;
    entitlements: string;
    entitlementsInherit: string;
    extendInfo: Record<string, unknown>;
  };
  win: { target: string[]; icon: string };
  linux: { target: string[]; icon: string; category: string; desktop: { entry: Record<string, string> } };
  publish: null;
}

function readConfig(): BuilderConfig {
  return YAML.parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

function validate(config: unknown): string[] {
  const schema = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
  );
  const ajv = new Ajv({ strict: false, allErrors: true });
  if (ajv.validate(schema, config)) return [];
  return (ajv.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
  );
}

test('electron-builder.yml uses only keys and values electron-builder accepts', () => {
  assert.deepEqual(validate(readConfig()), []);
  // The check can fail: an unknown key or a misspelt fuse is caught.
  assert.notDeepEqual(validate({ ...readConfig(), asarUnpackk: [] }), []);
  assert.notDeepEqual(validate({ ...readConfig(), electronFuses: { runAsnode: false } }), []);
});

test('identity matches the app: appId, product name, and the bundle package.json points at', () => {
  const config = readConfig();
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(config.appId, APP_ID);
  assert.equal(config.productName, PRODUCT_NAME);
  assert.equal(pkg.productName, PRODUCT_NAME);
  assert.equal(pkg.main, 'out/main/main.mjs');
  assert.ok(config.files.includes('out/**'), 'the built bundles are packaged');
});

test('the fuses are set as the security checklist says', () => {
  assert.deepEqual(readConfig().electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    loadBrowserProcessSpecificV8Snapshot: false,
  });
});

test('asar with native modules unpacked; per-OS targets, menu-bar mode and desktop entry', () => {
  const config = readConfig();
  assert.equal(config.asar, true);
  assert.ok(config.asarUnpack.includes('**/*.node'));
  assert.equal(config.mac.extendInfo.LSUIElement, true);
  assert.equal(config.mac.hardenedRuntime, true);
  // Notarised when the APPLE_* variables are set (electron-builder skips it when they are not).
  assert.equal(config.mac.notarize, true);
  assert.deepEqual(config.mac.target, ['dmg', 'zip']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.equal(config.linux.category, 'Development');
  assert.equal(config.linux.desktop.entry.Name, PRODUCT_NAME);
  assert.match(config.linux.desktop.entry.Categories ?? '', /^(\w+;)+$/);
  assert.equal(config.publish, null, 'nothing is published from a local build');
});

test('every file the configuration names exists: icons, entitlements, tray images', () => {
  const config = readConfig();
  for (const file of [
    config.mac.icon,
    config.win.icon,
    config.mac.entitlements,
    config.mac.entitlementsInherit,
  ]) {
    assert.ok(fs.existsSync(path.join(root, file)), file);
  }
  assert.ok(fs.readdirSync(path.join(root, config.linux.icon)).includes('512x512.png'));
  for (const resource of config.extraResources)
    assert.ok(fs.existsSync(path.join(root, resource.from)), resource.from);
  assert.match(
    fs.readFileSync(path.join(root, config.mac.entitlements), 'utf8'),
    /com\.apple\.security\.cs\.allow-jit/,
  );
});

test('package.json has what the deb target requires: a homepage and an author or maintainer email', async () => {
  // Read the way electron-builder reads it (normalised), then the checks its FpmTarget makes before building.
  const metadata = require('app-builder-lib/out/util/packageMetadata.js') as {
    readPackageJson(file: string): Promise<{ homepage?: string; author?: { name?: string; email?: string } }>;
    checkMetadata(metadata: object, devMetadata: object, file: string, devFile: string): void;
  };
  const pkg = await metadata.readPackageJson(path.join(root, 'package.json'));
  metadata.checkMetadata(pkg, pkg, 'package.json', 'package.json');
  assert.match(pkg.homepage ?? '', /^https:\/\//, 'deb: "Please specify project homepage"');
  assert.match(pkg.author?.email ?? '', /^[^@\s]+@[^@\s]+$/, 'deb: the author needs an email');
  const maintainer = (readConfig() as unknown as { linux: { maintainer?: string } }).linux.maintainer;
  assert.match(maintainer ?? '', /^.+ <[^@\s]+@[^@\s]+>$/, 'linux.maintainer is "Name <email>"');
});

test('electron-builder itself loads and validates the configuration', async () => {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string | null, options: null): Promise<object>;
    validateConfiguration(config: object, debugLogger: object): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => object };
  const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  await assert.rejects(validateConfiguration({ ...config, asarUnpackk: [] }, new DebugLogger(false)));
});

test('the app ships only the node_modules the main bundle leaves outside, not a second copy of the rest', () => {
  const { files } = readConfig();
  assert.ok(files.includes('!node_modules/**'), 'bundled dependencies are left out of the asar');
  const shipped = files.filter((file) => file.startsWith('node_modules/')).sort();
  const external = MAIN_EXTERNALS.filter((name) => name !== 'electron')
    .map((name) => `node_modules/${name}/**`)
    .sort();
  assert.deepEqual(shipped, external, 'each external of scripts/build.ts, and nothing else');
  // Externals must be real dependencies, or npm ci --omit=dev would not install them for packaging.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const name of MAIN_EXTERNALS.filter((entry) => entry !== 'electron' && !entry.includes('*')))
    assert.ok(pkg.dependencies[name], `${name} is in dependencies`);
});
