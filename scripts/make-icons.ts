// Draws the desktop app's icons (a white gate on a teal rounded square; the tray's in one colour)
// and writes them as PNG, ICO (Windows) and ICNS (macOS) into installer/desktop/. The files are
// committed; run this again only to change the design:  node --import tsx scripts/make-icons.ts
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'installer', 'desktop');

type Rgba = [number, number, number, number];

/** Signed distance to a rounded box centred at (cx, cy) with half-sizes (hw, hh) and radius r. */
function roundedBox(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** The gate: two posts under a lintel and a tie beam, both cut in the middle (the air gap). Unit square. */
function gate(x: number, y: number): boolean {
  const post = (cx: number) => roundedBox(x, y, cx, 0.58, 0.045, 0.24, 0.015) <= 0;
  const gap = Math.abs(x - 0.5) > 0.035;
  const lintel = roundedBox(x, y, 0.5, 0.27, 0.36, 0.045, 0.02) <= 0;
  const tie = roundedBox(x, y, 0.5, 0.42, 0.22, 0.03, 0.01) <= 0;
  return post(0.32) || post(0.68) || ((lintel || tie) && gap);
}

/** Colour of a point: `tray` icons are the gate alone, in `ink`; app icons put it on the tile. */
function shade(x: number, y: number, tray: boolean, ink: Rgba): Rgba {
  if (tray) return gate(x, y) ? ink : [0, 0, 0, 0];
  if (roundedBox(x, y, 0.5, 0.5, 0.46, 0.46, 0.1) > 0) return [0, 0, 0, 0];
  return gate(x, y) ? [255, 255, 255, 255] : [15, 92, 110, 255];
}

/** RGBA pixels, 4×4 supersampled for smooth edges. */
function draw(size: number, tray: boolean, ink: Rgba = [0, 0, 0, 255]): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((i + (sx + 0.5) / n) / size, (j + (sy + 0.5) / n) / size, tray, ink);
          for (let k = 0; k < 3; k++) sum[k]! += c[k]! * c[3]!;
          sum[3]! += c[3]!;
        }
      }
      const o = (j * size + i) * 4;
      const alpha = sum[3]! / (n * n);
      for (let k = 0; k < 3; k++) px[o + k] = sum[3]! > 0 ? Math.round(sum[k]! / sum[3]!) : 0;
      px[o + 3] = Math.round(alpha);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function png(size: number, rgba: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG-compressed entries (Windows Vista and later read them). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const dir = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([head, ...dir, ...images.map((i) => i.data)]);
}

/** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
function icns(images: { type: string; data: Buffer }[]): Buffer {
  const entries = images.map(({ type, data }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

fs.mkdirSync(path.join(OUT, 'icons'), { recursive: true });
const app = (size: number) => png(size, draw(size, false));
const pngs = new Map([16, 32, 48, 64, 128, 256, 512, 1024].map((s) => [s, app(s)]));
for (const s of [16, 32, 48, 64, 128, 256, 512]) fs.writeFileSync(path.join(OUT, 'icons', `${s}x${s}.png`), pngs.get(s)!);
fs.writeFileSync(path.join(OUT, 'icon.png'), pngs.get(512)!);
fs.writeFileSync(path.join(OUT, 'icon.ico'), ico([16, 32, 48, 64, 128, 256].map((s) => ({ size: s, data: pngs.get(s)! }))));
fs.writeFileSync(
  path.join(OUT, 'icon.icns'),
  icns([
    { type: 'ic07', data: pngs.get(128)! },
    { type: 'ic08', data: pngs.get(256)! },
    { type: 'ic09', data: pngs.get(512)! },
    { type: 'ic10', data: pngs.get(1024)! },
  ]),
);
// Tray: light on dark panels (Linux, Windows); macOS tints a black "Template" image itself.
fs.writeFileSync(path.join(OUT, 'tray.png'), png(32, draw(32, true, [255, 255, 255, 255])));
fs.writeFileSync(path.join(OUT, 'trayTemplate.png'), png(16, draw(16, true)));
fs.writeFileSync(path.join(OUT, 'trayTemplate@2x.png'), png(32, draw(32, true)));
console.log(`icons written to ${path.relative(process.cwd(), OUT)}`);
