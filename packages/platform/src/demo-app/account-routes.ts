// Steps 4 and 5 of the guide: the accounts the consent covers with their balances, then one
// account's booked transactions and the chart of its balance over the period. Every read
// carries the PSU's address and browser: they are present, so the reads do not count against
// the consent's frequencyPerDay.

import type { Balance, Transaction } from '@bankbridge/client';
import type { FastifyInstance } from 'fastify';
import { type FormBody, field } from '../portal/forms.js';
import { sendPage } from '../portal/html.js';
import { addDays, balanceHistory, pickAnchor } from './balance-history.js';
import type { DemoContext } from './context.js';
import { connectedOrHome, formSession, psuOf, reading } from './route-helpers.js';
import type { DemoSession } from './sessions.js';
import { accountsPage, PERIODS, transactionsPage } from './views/pages.js';

/** The app's executed payment from this account, to mark among its transactions. */
function paidFrom(session: DemoSession, accountId: string) {
  const payment = session.payment;
  if (payment?.stage !== 'executed' || payment.order.accountId !== accountId) return undefined;
  return { amount: payment.order.amount, message: payment.order.message };
}

/** Transactions read for one chart at most; a year of a busy account fits. */
const MAX_TRANSACTIONS = 5000;
/** Transactions listed under the chart; the chart uses them all. */
const LISTED = 50;

export async function accountRoutes(
  app: FastifyInstance,
  { context }: { context: DemoContext },
): Promise<void> {
  app.get('/accounts', async (request, reply) => {
    const found = connectedOrHome(request, reply);
    if (!found) return reply;
    const { session, connected } = found;
    const psu = psuOf(request);
    const bankbridge = context.bankbridge();
    const accounts = await reading(session, async () => {
      const ais = bankbridge.accountInformation({ ...connected.consent, psu });
      const list = await ais.accounts({ withBalance: true });
      const shown = [];
      for (const account of list.accounts) {
        let balances: readonly Balance[] = account.balances ?? [];
        if (balances.length === 0 && account._links?.balances && account.resourceId) {
          balances = (await ais.balances(account.resourceId)).balances;
        }
        // The opening balance is of the day the account's history starts: noise here.
        shown.push({
          account,
          balances: balances.filter((b) => b.balanceType !== 'openingBooked'),
        });
      }
      return shown;
    });
    const information = await reading(session, () => bankbridge.consents.get(connected.consent));
    return sendPage(
      reply,
      accountsPage({
        ...context.frame(request),
        bank: connected.bank,
        consentId: connected.consent.consentId,
        validUntil: information.validUntil,
        accounts,
        csrf: session.csrf,
      }),
    );
  });

  app.get<{ Params: { accountId: string }; Querystring: { days?: string } }>(
    '/accounts/:accountId',
    async (request, reply) => {
      const found = connectedOrHome(request, reply);
      if (!found) return reply;
      const { session, connected } = found;
      const asked = Number(request.query.days);
      const days = (PERIODS as readonly number[]).includes(asked) ? asked : 90;
      const today = context.now().toISOString().slice(0, 10);
      const from = addDays(today, -days);
      const accountId = request.params.accountId;
      const psu = psuOf(request);
      const ais = context.bankbridge().accountInformation({ ...connected.consent, psu });

      const { account } = await reading(session, () => ais.account(accountId));
      const balances = account._links?.balances
        ? (await reading(session, () => ais.balances(accountId))).balances
        : [];
      const transactions: Transaction[] = [];
      if (account._links?.transactions) {
        await reading(session, async () => {
          // No dateTo: the bank's day may already be tomorrow by our clock (another time
          // zone, or a clock ahead), and what it booked then belongs on the page.
          for await (const { transaction } of ais.eachTransaction(accountId, {
            bookingStatus: 'booked',
            dateFrom: from,
          })) {
            transactions.push(transaction);
            if (transactions.length >= MAX_TRANSACTIONS) break;
          }
        });
      }
      const dated = transactions
        .map((t) => ({ t, date: t.bookingDate ?? t.valueDate ?? '' }))
        .filter((d) => d.date !== '')
        .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
      // The chart runs to the bank's today when that is ahead of ours: its last booking, or
      // the day of an intraday balance (a forward balance's date is still to come).
      const bankDays = balances
        .filter((b) => b.balanceType === 'interimBooked' || b.balanceType === 'interimAvailable')
        .map((b) => b.referenceDate ?? '');
      const to = [today, dated[0]?.date ?? '', ...bankDays].sort().at(-1) as string;
      const anchor = pickAnchor(
        balances.map((b) => ({
          balanceType: b.balanceType,
          amount: b.balanceAmount.amount,
          currency: b.balanceAmount.currency,
          referenceDate: b.referenceDate,
        })),
      );
      const history = anchor
        ? balanceHistory({
            anchor,
            transactions: dated.map(({ t, date }) => ({
              date,
              amount: t.transactionAmount.amount,
              currency: t.transactionAmount.currency,
            })),
            from,
            to,
          })
        : undefined;
      return sendPage(
        reply,
        transactionsPage({
          ...context.frame(request),
          bank: connected.bank,
          account,
          days,
          from,
          to,
          history,
          transactions: dated.slice(0, LISTED).map((d) => d.t),
          more: Math.max(0, dated.length - LISTED),
          paid: paidFrom(session, accountId),
        }),
      );
    },
  );

  app.post<{ Body: FormBody }>('/disconnect', async (request, reply) => {
    const session = formSession(request, field(request.body, '_csrf'));
    const { pending, connected } = session;
    session.pending = undefined;
    session.connected = undefined;
    session.endedConsent = undefined;
    if (pending) context.end({ pending });
    // Deleting the consent is what a TPP owes a user who leaves. If it fails, the user is
    // still disconnected here; the consent runs out on its own.
    if (connected) {
      await context
        .bankbridge()
        .consents.delete(connected.consent)
        .catch((err: unknown) => request.log.warn({ err }, 'demo app: could not delete a consent'));
    }
    return reply.redirect('/demo?notice=disconnected', 303);
  });
}
