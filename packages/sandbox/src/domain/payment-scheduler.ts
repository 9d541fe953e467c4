// Runs the execution engine over the payments of every sandbox bank on the sandbox clock.
// Due payments run whenever a bank is called and on the admin hook, so what a TPP reads is
// always what the clock says, without timers.

import { type LocatedAccount, PaymentEngine } from './payment-execution.js';
import { isFinal, type Payment } from './payments.js';
import type { SandboxBank } from './sandbox-bank.js';

export class PaymentScheduler {
  readonly engine: PaymentEngine;
  private index: Map<string, LocatedAccount> | undefined;

  constructor(
    private readonly banks: () => Iterable<SandboxBank>,
    private readonly now: () => Date,
    clearingDelaySeconds: number,
    authorisationSeconds: number,
  ) {
    this.engine = new PaymentEngine({
      clearingDelaySeconds,
      authorisationSeconds,
      locate: (iban) => this.locate(iban),
    });
  }

  /** An account of any sandbox bank by IBAN (IBANs never change, resource ids may). */
  locate(iban: string): LocatedAccount | undefined {
    if (!this.index) {
      this.index = new Map();
      for (const bank of this.banks())
        for (const owner of bank.psus)
          for (const account of owner.accounts)
            this.index.set(account.iban, {
              account,
              owner,
              overlay: bank.overlay,
              countryCode: bank.config.countryCode,
            });
    }
    return this.index.get(iban);
  }

  run(payment: Payment): void {
    this.engine.run(payment, this.now());
  }

  /** Runs every payment that may have something due; returns how many changed status. */
  runDue(): number {
    let changed = 0;
    const now = this.now();
    for (const bank of this.banks()) {
      for (const payment of bank.payments.values()) {
        if (isFinal(payment.status)) continue;
        const before = `${payment.status}/${payment.occurrencesDone}`;
        this.engine.run(payment, now);
        if (`${payment.status}/${payment.occurrencesDone}` !== before) changed++;
      }
    }
    return changed;
  }
}
