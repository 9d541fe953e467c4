// A PNG of a black-and-white picture drawn in square cells (a QR code), one bit per pixel.
//
// Why not the QR library's own PNG renderer: it paints an RGBA bitmap and lets its encoder try
// five row filters on every row, which took 15 to 20 ms of CPU per code, most of a decoupled
// authorisation's time at Bankbridge. A two-colour picture needs neither: at one bit per pixel
// and no filter, a 287 px code is 10 KB before compression, deflated to about 1 KB in well under
// a millisecond.

import { crc32, deflateSync } from 'node:zlib';

export interface CellPicture {
  /** Cells per side. */
  size: number;
  /** Whether the cell at (row, column) is dark. */
  dark(row: number, column: number): boolean;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Encodes `picture` as a square PNG: each cell `scale` pixels wide, inside a light border of
 * `margin` cells. Greyscale at bit depth 1 (0 is black), no interlacing.
 */
export function bilevelPng(picture: CellPicture, scale: number, margin: number): Buffer {
  const cells = picture.size + 2 * margin;
  const width = cells * scale;
  const rowBytes = Math.ceil(width / 8);
  // Each scanline: filter type 0 (none), then the row's bits, light (1) by default.
  const scanline = 1 + rowBytes;
  const raw = Buffer.alloc(scanline * width, 0xff);
  for (let y = 0; y < width; y++) raw[y * scanline] = 0;
  for (let row = 0; row < picture.size; row++) {
    // One cell row is `scale` identical scanlines: draw the first, then copy it.
    const first = (margin + row) * scale * scanline;
    for (let column = 0; column < picture.size; column++) {
      if (!picture.dark(row, column)) continue;
      const x0 = (margin + column) * scale;
      for (let x = x0; x < x0 + scale; x++) {
        const at = first + 1 + (x >> 3);
        raw[at] = (raw[at] as number) & ~(0x80 >> (x & 7));
      }
    }
    for (let copy = 1; copy < scale; copy++) {
      raw.copy(raw, first + copy * scanline, first, first + scanline);
    }
  }
  // Bits past the width in each row's last byte stay 1; decoders ignore them.
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header.writeUInt8(1, 8); // bit depth
  header.writeUInt8(0, 9); // colour type: greyscale
  // compression, filter method and interlacing: all 0 (the only defined methods, no interlace)
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
