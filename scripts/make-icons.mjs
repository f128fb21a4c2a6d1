// Draws the toolbar icons (a shield with a check mark) as PNG files in public/icons/.
// Run once after changing the design: `node scripts/make-icons.mjs`. Uses only Node's zlib.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

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
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function inShield(x, y) {
  // Unit square coordinates: flat top, sides down to 55%, then a pointed curve to the bottom.
  if (y < 0.08 || y > 0.94 || x < 0.12 || x > 0.88) return false;
  if (y <= 0.55) return true;
  const t = (y - 0.55) / (0.94 - 0.55);
  const half = 0.38 * Math.sqrt(Math.max(0, 1 - t * t));
  return Math.abs(x - 0.5) <= half;
}
function onCheck(x, y, w) {
  const dist = (px, py, ax, ay, bx, by) => {
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
  };
  return dist(x, y, 0.3, 0.48, 0.45, 0.64) < w || dist(x, y, 0.45, 0.64, 0.72, 0.32) < w;
}

function png(size) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let shield = 0, check = 0;
      for (let sy = 0; sy < samples; sy++) for (let sx = 0; sx < samples; sx++) {
        const x = (px + (sx + 0.5) / samples) / size, y = (py + (sy + 0.5) / samples) / size;
        if (inShield(x, y)) { shield++; if (onCheck(x, y, 0.07)) check++; }
      }
      const n = samples * samples;
      const a = shield / n, c = check / Math.max(1, shield);
      const o = 1 + px * 4;
      row[o] = Math.round(0x1e * (1 - c) + 255 * c);
      row[o + 1] = Math.round(0x40 * (1 - c) + 255 * c);
      row[o + 2] = Math.round(0xaf * (1 - c) + 255 * c);
      row[o + 3] = Math.round(255 * a);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) {
  writeFileSync(`public/icons/${size}.png`, png(size));
  console.log(`public/icons/${size}.png`);
}
