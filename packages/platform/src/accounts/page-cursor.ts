import type { SealedBox } from '../security/sealed-box.js';

/**
 * Transaction page cursors as TPPs see them: the connector's cursor (the bank's own page
 * query) sealed with a key of Bankbridge's, bound to one consent and one account. A TPP can
 * neither read the bank's query nor forge one, nor use a cursor with another consent or account.
 */
export class PageCursors {
  constructor(private readonly box: SealedBox) {}

  wrap(bankCursor: string, consentId: string, accountId: string): string {
    return this.box.seal(bankCursor, binding(consentId, accountId));
  }

  /** The connector's cursor, or undefined for a cursor that is not one of ours for this pair. */
  unwrap(cursor: string, consentId: string, accountId: string): string | undefined {
    try {
      return this.box.open(cursor, binding(consentId, accountId));
    } catch {
      return undefined;
    }
  }
}

function binding(consentId: string, accountId: string): string {
  return `transactions-page:${consentId}:${accountId}`;
}
