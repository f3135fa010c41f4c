// Draws every icon in assets/ from a few signed-distance shapes and encodes them with node:zlib, so the
// icons are reproducible with no image tools installed. Run: node scripts/make-icons.ts
// The outputs are committed; re-run after changing a shape and look at the results.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Vec = readonly [number, number];
type Rgba = readonly [number, number, number, number];
/** Signed distance in unit coordinates (0..1 across the icon): negative inside, positive outside. */
type Shape = (x: number, y: number) => number;
interface Layer {
  shape: Shape;
  paint: Rgba | ((x: number, y: number) => Rgba);
  /** "cut" erases what is below (for gaps and knocked-out glyphs). */
  mode?: 'over' | 'cut';
}

// ---- shapes ---------------------------------------------------------------------------------------

function polygon(points: readonly Vec[]): Shape {
  return (x, y) => {
    const first = points[0]!;
    let d = (x - first[0]) ** 2 + (y - first[1]) ** 2;
    let sign = 1;
    for (let i = 0, j = points.length - 1; i < points.length; j = i, i++) {
      const [ax, ay] = points[i]!;
      const [bx, by] = points[j]!;
      const ex = bx - ax;
      const ey = by - ay;
      const wx = x - ax;
      const wy = y - ay;
      const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
      d = Math.min(d, (wx - ex * t) ** 2 + (wy - ey * t) ** 2);
      const c1 = y >= ay;
      const c2 = y < by;
      const c3 = ex * wy > ey * wx;
      if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) sign = -sign;
    }
    return sign * Math.sqrt(d);
  };
}

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

function capsule(a: Vec, b: Vec, r: number): Shape {
  return (x, y) => {
    const ex = b[0] - a[0];
    const ey = b[1] - a[1];
    const t = Math.max(0, Math.min(1, ((x - a[0]) * ex + (y - a[1]) * ey) / (ex * ex + ey * ey)));
    return Math.hypot(x - a[0] - ex * t, y - a[1] - ey * t) - r;
  };
}

function roundedSquare(inset: number, radius: number): Shape {
  const half = 0.5 - inset - radius;
  return (x, y) => {
    const qx = Math.abs(x - 0.5) - half;
    const qy = Math.abs(y - 0.5) - half;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

const rounded =
  (shape: Shape, r: number): Shape =>
  (x, y) =>
    shape(x, y) - r;
const outline =
  (shape: Shape, width: number): Shape =>
  (x, y) =>
    Math.abs(shape(x, y) + width / 2) - width / 2;
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

// ---- the mark: two rounded peaks, a big one and a small one behind it ------------------------------

/** The mountain as a polygon in unit space; `r` rounds the peaks and grows the shape by r. */
function mountain(left: number, right: number, base: number, top: number, r: number): Shape {
  const w = right - left;
  const h = base - top;
  const points: Vec[] = [
    [left, base],
    [left + w * 0.38, top],
    [left + w * 0.6, top + h * 0.42],
    [left + w * 0.74, top + h * 0.26],
    [right, base],
  ];
  return rounded(polygon(points), r);
}

// ---- raster + encoders ----------------------------------------------------------------------------

function render(size: number, layers: readonly Layer[]): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const aa = 1 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const coverage = Math.max(0, Math.min(1, 0.5 - layer.shape(x, y) / aa));
        if (coverage === 0) continue;
        if (layer.mode === 'cut') {
          a *= 1 - coverage;
          continue;
        }
        const paint = typeof layer.paint === 'function' ? layer.paint(x, y) : layer.paint;
        const sa = (paint[3] / 255) * coverage;
        const outA = sa + a * (1 - sa);
        if (outA > 0) {
          r = (paint[0] * sa + r * a * (1 - sa)) / outA;
          g = (paint[1] * sa + g * a * (1 - sa)) / outA;
          b = (paint[2] * sa + b * a * (1 - sa)) / outA;
        }
        a = outA;
      }
      const i = (py * size + px) * 4;
      pixels[i] = Math.round(r);
      pixels[i + 1] = Math.round(g);
      pixels[i + 2] = Math.round(b);
      pixels[i + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA PNG; `dpi` goes into pHYs (macOS reads 144 dpi as the @2x variant). */
export function encodePng(size: number, rgba: Buffer, dpi = 72): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const phys = Buffer.alloc(9);
  const perMetre = Math.round(dpi / 0.0254);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('pHYs', phys),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG-compressed entries (Windows Vista and later). */
export function encodeIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + images.length * 16;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** ICNS with PNG entries: the modern types macOS reads for 16–1024 px. */
export function encodeIcns(pngBySize: ReadonlyMap<number, Buffer>): Buffer {
  const types: [string, number][] = [
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ];
  const parts = types.map(([type, size]) => {
    const png = pngBySize.get(size);
    if (!png) throw new Error(`no ${size}px image for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

// ---- the icons ------------------------------------------------------------------------------------

export const TRAY_STATES = ['signed-out', 'connected', 'serving', 'error'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

const black: Rgba = [0, 0, 0, 255];
const white: Rgba = [255, 255, 255, 255];

function lerp(a: Rgba, b: Rgba, t: number): Rgba {
  return [0, 1, 2, 3].map((i) => a[i]! + (b[i]! - a[i]!) * t) as unknown as Rgba;
}

function appIconLayers(): Layer[] {
  const top: Rgba = [52, 168, 120, 255];
  const bottom: Rgba = [24, 104, 86, 255];
  const peak = mountain(0.16, 0.86, 0.74, 0.3, 0.035);
  return [
    { shape: roundedSquare(0.06, 0.19), paint: (_x, y) => lerp(top, bottom, y) },
    { shape: circle(0.7, 0.3, 0.085), paint: [255, 214, 107, 255] },
    { shape: peak, paint: white },
    // A little tent at the foot of the mountain: the base camp.
    {
      shape: rounded(
        polygon([
          [0.33, 0.74],
          [0.41, 0.6],
          [0.49, 0.74],
        ]),
        0.012,
      ),
      paint: [24, 104, 86, 255],
    },
  ];
}

/** Badge position on tray icons: top-right, where the peaks leave room. */
const BADGE = { x: 0.82, y: 0.2, r: 0.17 };

function trayLayers(state: TrayState, colour: { mark: Rgba; badge: Rgba; glyph: Rgba } | null): Layer[] {
  const mark = mountain(0.07, 0.93, 0.86, 0.2, 0.04);
  const filled = state === 'connected' || state === 'serving';
  const markPaint = colour?.mark ?? black;
  const layers: Layer[] = [{ shape: filled ? mark : outline(mark, 0.11), paint: markPaint }];
  if (state === 'serving' || state === 'error') {
    const badge = circle(BADGE.x, BADGE.y, BADGE.r);
    layers.push({ shape: circle(BADGE.x, BADGE.y, BADGE.r + 0.07), mode: 'cut', paint: black });
    layers.push({ shape: badge, paint: colour?.badge ?? black });
    if (state === 'error') {
      const bang = union(
        capsule([BADGE.x, BADGE.y - 0.095], [BADGE.x, BADGE.y + 0.015], 0.034),
        circle(BADGE.x, BADGE.y + 0.09, 0.036),
      );
      layers.push(colour ? { shape: bang, paint: colour.glyph } : { shape: bang, mode: 'cut', paint: black });
    }
  }
  return layers;
}

const TRAY_COLOURS: Record<TrayState, { mark: Rgba; badge: Rgba; glyph: Rgba }> = {
  'signed-out': { mark: [138, 143, 152, 255], badge: white, glyph: white },
  connected: { mark: [52, 168, 120, 255], badge: white, glyph: white },
  serving: { mark: [52, 168, 120, 255], badge: [76, 141, 255, 255], glyph: white },
  error: { mark: [138, 143, 152, 255], badge: [229, 72, 77, 255], glyph: white },
};

export function buildIcons(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const png = (size: number, layers: Layer[], dpi = 72) => encodePng(size, render(size, layers), dpi);

  const app = new Map<number, Buffer>();
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) app.set(size, png(size, appIconLayers()));
  for (const size of [16, 32, 48, 64, 128, 256, 512]) files.set(`icons/${size}x${size}.png`, app.get(size)!);
  files.set('icon.png', app.get(1024)!);
  files.set(
    'icon.ico',
    encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: app.get(size)! }))),
  );
  files.set('icon.icns', encodeIcns(app));

  for (const state of TRAY_STATES) {
    // macOS: template images (black + alpha), 16 px at 72 dpi and 32 px at 144 dpi.
    files.set(`tray/tray-${state}Template.png`, png(16, trayLayers(state, null)));
    files.set(`tray/tray-${state}Template@2x.png`, png(32, trayLayers(state, null), 144));
    // Linux: coloured PNGs (panels scale them; 2x for HiDPI).
    files.set(`tray/tray-${state}.png`, png(24, trayLayers(state, TRAY_COLOURS[state])));
    files.set(`tray/tray-${state}@2x.png`, png(48, trayLayers(state, TRAY_COLOURS[state]), 144));
    // Windows: one ICO per state with the sizes the notification area asks for.
    files.set(
      `tray/tray-${state}.ico`,
      encodeIco(
        [16, 20, 24, 32, 48].map((size) => ({
          size,
          png: png(size, trayLayers(state, TRAY_COLOURS[state])),
        })),
      ),
    );
  }
  return files;
}

if (import.meta.main) {
  const root = path.join(import.meta.dirname, '..', 'assets');
  for (const [name, data] of buildIcons()) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
  console.log(`icons written to ${path.relative(process.cwd(), root) || root}`);
}
