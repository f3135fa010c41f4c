// The icons in assets/ are drawn by scripts/make-icons.ts: they must match what the script draws
// today, be the files the tray asks for on each OS, and be what each OS expects (templates are black).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildIcons } from '../../scripts/make-icons.ts';
import { TRAY_ICON_STATES } from '../core/platform/tray-model.ts';
import { trayIconFile } from './tray.ts';

const assets = path.join(import.meta.dirname, '..', '..', 'assets');

function decodePng(data: Buffer, name: string): { size: number; rgba: Buffer } {
  assert.equal(data.subarray(1, 4).toString('latin1'), 'PNG', name);
  const size = data.readUInt32BE(16);
  const parts: Buffer[] = [];
  for (let at = 8; at < data.length;) {
    const length = data.readUInt32BE(at);
    if (data.toString('latin1', at + 4, at + 8) === 'IDAT')
      parts.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = zlib.inflateSync(Buffer.concat(parts));
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    assert.equal(rows[y * (size * 4 + 1)], 0, 'rows are unfiltered, as make-icons writes them');
    rows.copy(rgba, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
  }
  return { size, rgba };
}

function readPng(file: string): { size: number; rgba: Buffer } {
  return decodePng(fs.readFileSync(file), file);
}

/** The PNG images inside an icon file (a PNG itself, or the entries of an ICO or ICNS). */
function imagesIn(data: Buffer): Buffer[] {
  if (data.subarray(1, 4).toString('latin1') === 'PNG') return [data];
  if (data.toString('latin1', 0, 4) === 'icns') {
    const images: Buffer[] = [];
    for (let at = 8; at < data.length; at += data.readUInt32BE(at + 4)) {
      images.push(data.subarray(at + 8, at + data.readUInt32BE(at + 4)));
    }
    return images;
  }
  // ICO: a 6-byte header, then 16-byte entries with each image's length and offset.
  return Array.from({ length: data.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + i * 16;
    const offset = data.readUInt32LE(entry + 12);
    return data.subarray(offset, offset + data.readUInt32LE(entry + 8));
  });
}

test('the committed icons are what scripts/make-icons.ts draws today', () => {
  // Pixels, not bytes: another zlib may compress the same image differently.
  for (const [name, data] of buildIcons()) {
    const file = path.join(assets, name);
    assert.ok(fs.existsSync(file), `${name} is missing: run node scripts/make-icons.ts`);
    const committed = imagesIn(fs.readFileSync(file));
    const drawn = imagesIn(data);
    assert.equal(committed.length, drawn.length, `${name} is stale: run node scripts/make-icons.ts`);
    committed.forEach((image, i) => {
      const a = decodePng(image, name);
      const b = decodePng(drawn[i]!, name);
      assert.ok(
        a.size === b.size && a.rgba.equals(b.rgba),
        `${name} is stale: run node scripts/make-icons.ts`,
      );
    });
  }
});

test('every tray state has its icon on every OS, and macOS templates are black + alpha at 1x and 2x', () => {
  for (const state of TRAY_ICON_STATES) {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      assert.ok(
        fs.existsSync(trayIconFile(path.join(assets, 'tray'), state, platform)),
        `${state} on ${platform}`,
      );
    }
    const template = trayIconFile(path.join(assets, 'tray'), state, 'darwin');
    assert.match(path.basename(template), /Template\.png$/);
    const small = readPng(template);
    const large = readPng(template.replace('.png', '@2x.png'));
    assert.deepEqual([small.size, large.size], [16, 32]);
    for (const { rgba } of [small, large]) {
      let opaque = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        assert.equal(rgba[i]! + rgba[i + 1]! + rgba[i + 2]!, 0, 'template pixels are black');
        if (rgba[i + 3]! > 128) opaque++;
      }
      assert.ok(opaque > 20, `${state}: the mark is visible`);
    }
  }
});

test('the tray states look different from each other', () => {
  const pixels = TRAY_ICON_STATES.map(
    (state) => readPng(path.join(assets, 'tray', `tray-${state}Template@2x.png`)).rgba,
  );
  for (let a = 0; a < pixels.length; a++) {
    for (let b = a + 1; b < pixels.length; b++)
      assert.ok(!pixels[a]!.equals(pixels[b]!), `${TRAY_ICON_STATES[a]} vs ${TRAY_ICON_STATES[b]}`);
  }
});

test('app icons: PNG 512 and 1024, a Windows ICO up to 256, a macOS ICNS up to 1024', () => {
  assert.equal(readPng(path.join(assets, 'icons', '512x512.png')).size, 512);
  assert.equal(readPng(path.join(assets, 'icon.png')).size, 1024);
  const ico = fs.readFileSync(path.join(assets, 'icon.ico'));
  assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2)], [0, 1]);
  const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
  assert.ok(sizes.includes(16) && sizes.includes(256), `ico sizes ${sizes}`);
  const icns = fs.readFileSync(path.join(assets, 'icon.icns'));
  assert.equal(icns.toString('latin1', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  const types: string[] = [];
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
    types.push(icns.toString('latin1', at, at + 4));
  assert.ok(types.includes('ic10') && types.includes('ic07'), `icns types ${types}`);
});
