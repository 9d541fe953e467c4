// The picture and the link a TPP shows its user for a decoupled (BankID-style) SCA: the
// QR code goes in `challengeData.image`, the link starts the app on the same device.

import QRCode from 'qrcode';
import { bilevelPng } from './bilevel-png.js';

/** The light border around a code, in modules: the QR standard's quiet zone. */
const QUIET_ZONE = 4;
/** The smallest side in pixels: large enough for a phone held at arm's length. */
const MIN_WIDTH = 280;

/**
 * How many drawn codes are kept. An animated BankID code changes once a second and is polled
 * faster than that by every waiting TPP: one image per order and second is drawn once. The text
 * is the whole key, so a kept image is always the one the text draws.
 */
const DRAWN_LIMIT = 512;
const drawn = new Map<string, string>();

/**
 * A PNG of a QR code of `text`, as a `data:image/png;base64,...` URL. Level M survives a
 * screen's glare and moiré. Each module is a whole number of pixels (at least 280 px in all,
 * 287 for a BankID link), so no module is drawn wider than its neighbour.
 */
export function qrCodeDataUrl(text: string): string {
  const kept = drawn.get(text);
  if (kept !== undefined) return kept;
  const url = draw(text);
  // Oldest first out: a code a second old is not asked for again.
  if (drawn.size >= DRAWN_LIMIT) drawn.delete(drawn.keys().next().value as string);
  drawn.set(text, url);
  return url;
}

function draw(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = Math.ceil(MIN_WIDTH / (modules.size + 2 * QUIET_ZONE));
  const png = bilevelPng(
    { size: modules.size, dark: (row, column) => modules.get(row, column) === 1 },
    scale,
    QUIET_ZONE,
  );
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** The link that starts the BankID app on this device with an autostart token. */
export function bankIdLink(autoStartToken: string): string {
  return `bankid:///?autostarttoken=${encodeURIComponent(autoStartToken)}`;
}
