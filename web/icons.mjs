// The app's icons, drawn here from one list of shapes, so the repository holds no binary image: web/build.mjs
// writes them into web/dist as an SVG (the favicon) and PNGs (the manifest's "any" and "maskable" icons, and
// the apple-touch-icon). A ruler under a check mark, in the colours of the page's header.
// The PNG writer is the smallest the format allows: 8-bit RGBA, filter 0, one zlib stream, CRC-32 per chunk.
import zlib from 'node:zlib';

const NAVY = [0x12, 0x26, 0x3f];
const RULER = [0xf2, 0xc1, 0x4e];
const CHECK = [0x5b, 0xd6, 0x8a];

/** Shapes in a unit square (0..1), painted in order. `inset` scales them about the centre (maskable icons keep
 * their content inside the central 80% circle). */
function shapes({ rounded, inset }) {
  const s = inset, t = v => 0.5 + (v - 0.5) * s;
  const list = [{ kind: 'rect', x0: 0, y0: 0, x1: 1, y1: 1, r: rounded ? 0.18 : 0, fill: NAVY }];
  list.push({ kind: 'rect', x0: t(0.14), y0: t(0.58), x1: t(0.86), y1: t(0.76), r: 0.025 * s, fill: RULER });
  for (let i = 0; i < 9; i++) {
    const x = t(0.2 + i * 0.075), long = i % 2 === 0;
    list.push({ kind: 'rect', x0: x - 0.011 * s, y0: t(0.58), x1: x + 0.011 * s, y1: t(long ? 0.68 : 0.64), r: 0, fill: NAVY });
  }
  list.push({ kind: 'line', pts: [[t(0.31), t(0.33)], [t(0.45), t(0.46)], [t(0.71), t(0.18)]], w: 0.075 * s, fill: CHECK });
  return list;
}

function insideRect(p, x, y) {
  if (x < p.x0 || x > p.x1 || y < p.y0 || y > p.y1) return false;
  if (!p.r) return true;
  const cx = Math.min(Math.max(x, p.x0 + p.r), p.x1 - p.r), cy = Math.min(Math.max(y, p.y0 + p.r), p.y1 - p.r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= p.r ** 2;
}

function insideLine(p, x, y) {
  const h = p.w / 2;
  for (let i = 0; i + 1 < p.pts.length; i++) {
    const [ax, ay] = p.pts[i], [bx, by] = p.pts[i + 1];
    const dx = bx - ax, dy = by - ay;
    const k = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    if ((x - ax - k * dx) ** 2 + (y - ay - k * dy) ** 2 <= h * h) return true;   // round caps and joins
  }
  return false;
}

/** RGBA pixels of the icon at `size`×`size`, 4×4 samples a pixel. */
function raster(size, opts) {
  const list = shapes(opts), n = 4, px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const x = (i + (si + 0.5) / n) / size, y = (j + (sj + 0.5) / n) / size;
          let c = null;
          for (const p of list) if (p.kind === 'rect' ? insideRect(p, x, y) : insideLine(p, x, y)) c = p.fill;
          if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
        }
      }
      const o = (j * size + i) * 4;
      // Colour averaged over the covered samples (straight alpha), coverage as alpha.
      if (a) { px[o] = Math.round(r / a); px[o + 1] = Math.round(g / a); px[o + 2] = Math.round(b / a); }
      px[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4), crc = Buffer.alloc(4), td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  len.writeUInt32BE(data.length);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function png(size, opts) {
  const px = raster(size, opts);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) px.copy(rows, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);   // 8 bits, RGBA, deflate, filter 0, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export function svg(opts) {
  const hex = c => '#' + c.map(v => v.toString(16).padStart(2, '0')).join('');
  const f = v => +(v * 512).toFixed(2);
  const body = shapes(opts).map(p => p.kind === 'rect'
    ? `<rect x="${f(p.x0)}" y="${f(p.y0)}" width="${f(p.x1 - p.x0)}" height="${f(p.y1 - p.y0)}"${p.r ? ` rx="${f(p.r)}"` : ''} fill="${hex(p.fill)}"/>`
    : `<polyline points="${p.pts.map(([x, y]) => `${f(x)},${f(y)}`).join(' ')}" fill="none" stroke="${hex(p.fill)}" stroke-width="${f(p.w)}" stroke-linecap="round" stroke-linejoin="round"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${body.join('')}</svg>\n`;
}

/** Every icon file the site ships: [{ file, bytes }]. The manifest (web/src/manifest.webmanifest) and
 * index.html name these files. */
export function icons() {
  const any = { rounded: true, inset: 1 }, maskable = { rounded: false, inset: 0.8 };
  return [
    { file: 'icon.svg', bytes: Buffer.from(svg(any)) },
    { file: 'icon-192.png', bytes: png(192, any) },
    { file: 'icon-512.png', bytes: png(512, any) },
    { file: 'icon-maskable-512.png', bytes: png(512, maskable) },
    { file: 'apple-touch-icon.png', bytes: png(180, { rounded: false, inset: 1 }) },
  ];
}
