/**
 * What Bankbridge's demos (the terminal demo in cli/demo and the web demo app) know of the
 * sandbox banks, over the sandbox's own HTTP API: its test PSUs and the BankID simulator. Both
 * demos use it, so it lives beside them rather than inside either.
 */
export interface SandboxPsu {
  psuId: string;
  /** The test person's name, or the id when the sandbox does not say. */
  name: string;
  /** Their accounts at the bank, for a bank that wants them named in the consent. */
  ibans: string[];
}

/**
 * The test PSU at the bank, from the sandbox's admin API. Only a nicety: without it (another
 * bank, an admin token) the demo goes on with the id alone.
 */
export async function sandboxPsu(
  sandboxUrl: string,
  bic: string,
  psuId: string,
): Promise<SandboxPsu> {
  try {
    const response = await fetch(`${sandboxUrl}/admin/banks/${encodeURIComponent(bic)}/psus`, {
      signal: AbortSignal.timeout(3000),
    });
    if (response.ok) {
      const { psus } = (await response.json()) as {
        psus: Array<{ psuId: string; name: string; accounts: Array<{ iban?: string }> }>;
      };
      const psu = psus.find((p) => p.psuId === psuId);
      if (psu) {
        return {
          psuId,
          name: psu.name,
          ibans: psu.accounts.flatMap((a) => (a.iban ? [a.iban] : [])),
        };
      }
    }
  } catch {
    // Not a sandbox bank, or the sandbox is elsewhere: the id will do.
  }
  return { psuId, name: psuId, ibans: [] };
}

export function simulatorLink(sandboxUrl: string, autostartToken: string): string {
  return `${sandboxUrl}/bankid?autostarttoken=${encodeURIComponent(autostartToken)}`;
}

/** Does what the person would do in the simulator: identifies as `psuId` and approves. */
export async function approveInSimulator(
  sandboxUrl: string,
  autostartToken: string,
  psuId: string,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(
    `${sandboxUrl}/bankid/api/orders/${encodeURIComponent(autostartToken)}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId }),
      signal,
    },
  );
  if (!response.ok) {
    throw new Error(
      `the BankID simulator refused to approve: ${response.status} ${await response.text()}`,
    );
  }
}

/**
 * Someone at the bank other than `psuId` to pay, in `currency`: the demos' default payee, so
 * a payment lands on an account the sandbox books, and shows on both sides.
 */
export async function sandboxPayee(
  sandboxUrl: string,
  bic: string,
  psuId: string,
  currency: string,
): Promise<{ name: string; iban: string } | undefined> {
  try {
    const response = await fetch(`${sandboxUrl}/admin/banks/${encodeURIComponent(bic)}/psus`, {
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) return undefined;
    const { psus } = (await response.json()) as {
      psus: Array<{
        psuId: string;
        name: string;
        accounts: Array<{ iban?: string; currency?: string }>;
      }>;
    };
    for (const psu of psus) {
      if (psu.psuId === psuId) continue;
      const account = psu.accounts.find((a) => a.iban && a.currency === currency);
      if (account?.iban) return { name: psu.name, iban: account.iban };
    }
  } catch {
    // Not a sandbox bank: the user names the payee.
  }
  return undefined;
}
