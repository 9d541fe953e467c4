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
  connection: DecoupledConnection,
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
