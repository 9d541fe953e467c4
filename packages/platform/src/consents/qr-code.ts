// The picture and the link a TPP shows its user for a decoupled (BankID-style) SCA: the
// QR code goes in `challengeData.image`, the link starts the app on the same device.

import QRCode from 'qrcode';

/**
 * A PNG of a QR code of `text`, as a `data:image/png;base64,...` URL. Level M survives a
 * screen's glare and moiré; 280 px with the standard 4-module quiet zone is large enough for
 * a phone held at arm's length and small enough to sit inline in a JSON answer.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, {
    type: 'image/png',
    errorCorrectionLevel: 'M',
    width: 280,
    margin: 4,
  });
}

/** The link that starts the BankID app on this device with an autostart token. */
export function bankIdLink(autoStartToken: string): string {
  return `bankid:///?autostarttoken=${encodeURIComponent(autoStartToken)}`;
}
