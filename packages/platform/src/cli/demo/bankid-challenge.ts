/**
 * The BankID side of a decoupled SCA in the terminal demo: the QR code drawn in the terminal
 * and the link to the simulator that stands in for the PSU's phone.
 */
import type { DecoupledConnection } from '@bankbridge/client';
import QRCode from 'qrcode';
import { type SandboxPsu, simulatorLink } from '../../sandbox-banks.js';
import type { Printer } from './output.js';

export async function showBankIdChallenge(
  printer: Printer,
  // A consent's or a payment's BankID challenge: both carry these.
  connection: Pick<DecoupledConnection, 'psuMessage' | 'bankIdLink' | 'autostartToken'>,
  sandboxUrl: string,
  person: SandboxPsu,
): Promise<void> {
  printer.info(connection.psuMessage ?? 'Scan this QR code with the BankID app on your phone:');
  const qr = await QRCode.toString(connection.bankIdLink, { type: 'terminal', small: true });
  printer.raw(
    qr
      .split('\n')
      .map((line) => (line ? `    ${line}` : line))
      .join('\n'),
  );
  printer.info(`BankID link: ${connection.bankIdLink}`);
  printer.info(
    `No BankID here? The sandbox's simulator stands in for the phone: ${simulatorLink(sandboxUrl, connection.autostartToken)}`,
  );
  printer.hint(`There: pick ${person.name} (${person.psuId}), press Identify, then Approve.`);
}

/**
 * Draws BankID's animated QR code in the terminal each time a poll brings a new one: on a
 * terminal the old code is drawn over (cursor up), elsewhere each is printed below the last.
 */
export function animatedQrDrawer(
  printer: Printer,
  inPlace: boolean,
): { draw(code: string): Promise<void>; latest(): string | undefined } {
  let latest: string | undefined;
  let height = 0;
  return {
    latest: () => latest,
    async draw(code) {
      if (code === latest) return;
      latest = code;
      const qr = await QRCode.toString(code, { type: 'terminal', small: true });
      const lines = qr.split('\n').map((line) => (line ? `    ${line}` : line));
      const up = inPlace && height > 0 ? `\u001b[${height}F` : '';
      printer.raw(`${up}${lines.join('\n')}\n    ${code}`);
      height = lines.length + 1;
    },
  };
}
