// Step 6 of the app: "Pay". The form (from which account, amount, payee, message), the bank's
// SCA through the SDK's pay() (a redirect to the bank and back to /demo/callback, or BankID
// with the animated QR code), then the payment's page, which follows its status as the events
// bring it, until it is paid and among the account's transactions, or refused.

import { FormatError, PaymentFailedError } from '@bankbridge/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, field } from '../portal/forms.js';
import { sendPage } from '../portal/html.js';
import { sandboxPayee } from '../sandbox-banks.js';
import { formatAmount } from './amounts.js';
import type { DemoContext } from './context.js';
import { checkPayForm, type PayFormErrors, type PayFormFields } from './pay-form.js';
import { endedUnpaid, isFinalStage, signed, watchSigning } from './payment-flow.js';
import { paymentView } from './payment-texts.js';
import { asProblem } from './problems.js';
import {
  admitBankWork,
  bankIdWaiting,
  connectedOrHome,
  formSession,
  psuOf,
  reading,
  sendBankIdPage,
} from './route-helpers.js';
import type { DemoSession, PaymentInProgress } from './sessions.js';
import { redirectPage } from './views/pages.js';
import { type PayableAccount, paymentPage, payPage } from './views/pay-pages.js';

/** Whose accounts the sandbox payee is chosen beside: the app's test customer. */
const TEST_PSU = '198301014882';

export async function payRoutes(
  app: FastifyInstance,
  { context }: { context: DemoContext },
): Promise<void> {
  /** The accounts the consent covers that can be paid from (those with an IBAN). */
  const payable = async (request: FastifyRequest, session: DemoSession) => {
    const connected = session.connected;
    if (!connected) throw new Error('no consent');
    const ais = context
      .bankbridge()
      .accountInformation({ ...connected.consent, psu: psuOf(request) });
    const { accounts } = await reading(session, () => ais.accounts());
    return accounts.flatMap((a): PayableAccount[] =>
      a.iban && a.resourceId
        ? [
            {
              id: a.resourceId,
              name: a.name ?? a.product ?? a.iban,
              iban: a.iban,
              currency: a.currency,
            },
          ]
        : [],
    );
  };

  app.get('/pay', async (request, reply) => {
    const found = connectedOrHome(request, reply);
    if (!found) return reply;
    const { session, connected } = found;
    const accounts = await payable(request, session);
    const first = accounts.find((a) => a.currency === 'SEK') ?? accounts[0];
    const sandboxUrl = context.options.sandboxUrl;
    const payee =
      first && sandboxUrl
        ? await sandboxPayee(sandboxUrl, connected.bank.bic, TEST_PSU, first.currency)
        : undefined;
    return sendPage(
      reply,
      payPage({
        ...context.frame(request),
        bank: connected.bank,
        accounts,
        values: {
          account: first?.id ?? '',
          amount: '',
          payeeName: payee?.name ?? '',
          payeeIban: payee?.iban ?? '',
          message: '',
          preferDecoupled: false,
        },
        errors: {},
        suggestion: payee ? { name: payee.name } : undefined,
        csrf: session.csrf,
      }),
    );
  });

  app.post<{ Body: FormBody }>('/pay', async (request, reply) => {
    const session = formSession(request, field(request.body, '_csrf'));
    const connected = session.connected;
    if (!connected) return reply.redirect('/demo?notice=not-connected', 303);
    const values: PayFormFields = {
      account: field(request.body, 'account'),
      amount: field(request.body, 'amount'),
      payeeName: field(request.body, 'payeeName'),
      payeeIban: field(request.body, 'payeeIban'),
      message: field(request.body, 'message'),
      preferDecoupled: field(request.body, 'preferDecoupled') === 'true',
    };
    const accounts = await payable(request, session);
    const formPage = (
      errors: PayFormErrors,
      formError?: { text: string; detail?: string; requestId?: string | undefined },
    ) =>
      sendPage(
        reply,
        payPage({
          ...context.frame(request),
          bank: connected.bank,
          accounts,
          values,
          errors,
          formError: formError?.text,
          formErrorDetail: formError?.detail,
          requestId: formError?.requestId,
          csrf: session.csrf,
        }),
        400,
      );
    const checked = checkPayForm(
      values,
      accounts.map((a) => a.id),
    );
    if (!checked.ok) return formPage(checked.errors);
    const order = checked.payment;
    const account = accounts.find((a) => a.id === order.accountId) as PayableAccount;
    if (order.payeeIban === account.iban) {
      return formPage({ payeeIban: 'This is the account you pay from: enter the payee’s IBAN.' });
    }

    await admitBankWork(context, request, reply);
    // One payment at a time in a browser: one still waiting for its signature is given up.
    if (session.payment) context.end({ payment: session.payment });
    const qr: { image?: string } = {};
    let flow: PaymentInProgress['flow'];
    try {
      flow = await context.bankbridge().pay({
        bic: connected.bank.bic,
        psu: psuOf(request),
        // Euros travel as SEPA credit transfers; other currencies as the bank's domestic payment.
        paymentProduct: account.currency === 'EUR' ? 'sepa-credit-transfers' : 'domestic',
        payment: {
          instructedAmount: { currency: account.currency, amount: order.amount },
          debtorAccount: { iban: account.iban, currency: account.currency },
          creditorAccount: { iban: order.payeeIban, currency: account.currency },
          creditorName: order.payeeName,
          ...(order.message ? { remittanceInformationUnstructured: order.message } : {}),
        },
        redirectUri: `${context.appUrl}/callback`,
        preferDecoupled: values.preferDecoupled,
        animatedQr: 'image',
        onQrCode: (image) => {
          qr.image = image;
        },
      });
    } catch (error) {
      if (error instanceof FormatError || error instanceof PaymentFailedError) {
        return formPage(
          {},
          {
            text: `${connected.bank.name} did not take the payment as it is. Check the payee's IBAN (a ${account.currency} payment from this account goes to an account in the same country) and the amount, or pay less.`,
            detail: `${error.code}: ${error.text}`,
            requestId: error.requestId,
          },
        );
      }
      throw asProblem(error, connected.bank.name);
    }
    const at = context.now().toISOString();
    session.payment = {
      bank: connected.bank,
      order: {
        accountId: account.id,
        accountName: account.name,
        debtorIban: account.iban,
        amount: order.amount,
        currency: account.currency,
        payeeName: order.payeeName,
        payeeIban: order.payeeIban,
        message: order.message,
      },
      flow,
      controller: new AbortController(),
      stage: 'signing',
      history: [{ transactionStatus: 'RCVD', at }],
      transactionStatus: 'RCVD',
      lastPolledAt: context.now().getTime(),
      qr,
    };
    watchSigning(context, session.payment);
    return reply.redirect('/demo/pay/sign', 303);
  });

  // The SCA: the way to the bank (its own page, as for a consent), or the BankID QR code.
  app.get('/pay/sign', async (request, reply) => {
    const session = request.demoSession;
    const payment = session?.payment;
    if (!session || !payment) return reply.redirect('/demo/pay', 303);
    if (payment.stage !== 'signing') return reply.redirect('/demo/payment', 303);
    const { flow } = payment;
    const frame = context.frame(request);
    const { order } = payment;
    const signing = {
      noun: 'payment' as const,
      id: flow.paymentId,
      summary: `${formatAmount(order.amount)} ${order.currency} to ${order.payeeName} (${order.payeeIban})${order.message ? `: “${order.message}”` : ''}`,
    };
    if (flow.kind === 'redirect') {
      return sendPage(
        reply,
        redirectPage({ ...frame, bank: payment.bank, url: flow.url, signing }),
      );
    }
    if (flow.animatedQr === 'token') throw new Error('the app asks for QR images');
    payment.lastPolledAt = context.now().getTime();
    return sendBankIdPage(context, reply, {
      frame,
      bank: payment.bank,
      connection: flow,
      signing,
      latestQr: payment.qr.image,
      csrf: session.csrf,
    });
  });

  // Asked every second by the BankID page's script, which redraws the QR code from the answer.
  app.get('/pay/sign/status', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const payment = request.demoSession?.payment;
    if (!payment) {
      return reply.code(request.demoSession ? 409 : 401).send({
        state: 'unknown',
        text: 'No payment is being signed in this browser: start again.',
        next: '/demo/pay',
      });
    }
    if (payment.stage === 'signing') {
      payment.lastPolledAt = context.now().getTime();
      return bankIdWaiting(payment.qr.image);
    }
    const view = paymentView(payment);
    return {
      state: isFinalStage(payment) && payment.stage !== 'executed' ? 'failed' : 'valid',
      text: view.label,
      next: '/demo/payment',
    };
  });

  app.post<{ Body: FormBody }>('/pay/cancel', async (request, reply) => {
    const session = formSession(request, field(request.body, '_csrf'));
    const payment = session.payment;
    if (payment?.stage === 'signing') {
      context.end({ payment });
      payment.stage = 'unsigned';
      payment.reason = 'You cancelled the payment before signing it. No money left your account.';
    }
    return reply.redirect('/demo/payment', 303);
  });

  app.get('/payment', async (request, reply) => {
    const payment = request.demoSession?.payment;
    if (!payment) return reply.redirect('/demo/pay', 303);
    if (payment.stage === 'signing') return reply.redirect('/demo/pay/sign', 303);
    return sendPage(
      reply,
      paymentPage({
        ...context.frame(request),
        payment,
        view: paymentView(payment),
        accountUrl: `/demo/accounts/${encodeURIComponent(payment.order.accountId)}?days=30`,
      }),
    );
  });
}

/**
 * The bank sent the person back from signing a payment (the consent's callback URL serves
 * both): the SDK checks the state and redeems the code; the page shows where the payment is.
 */
export async function paymentCallback(
  context: DemoContext,
  payment: PaymentInProgress,
  callbackUrl: URL,
  reply: FastifyReply,
) {
  const { flow } = payment;
  if (flow.kind !== 'redirect') throw new Error('not a redirect payment');
  try {
    signed(context, payment, await flow.handleCallback(callbackUrl));
  } catch (error) {
    if (!endedUnpaid(context, payment, error)) throw asProblem(error, payment.bank.name);
  }
  return reply.redirect('/demo/payment', 303);
}

/** Whether a callback is the bank's answer to this browser's payment being signed. */
export function isPaymentCallback(payment: PaymentInProgress | undefined, callbackUrl: URL) {
  return (
    payment?.stage === 'signing' &&
    payment.flow.kind === 'redirect' &&
    callbackUrl.searchParams.get('state') === payment.flow.state
  );
}
