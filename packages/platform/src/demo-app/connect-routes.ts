// Steps 1 to 3 of the guide: the country, the bank, the consent and its SCA (a redirect to the
// bank and back to /demo/callback, or a BankID QR code while the server polls the consent).

import {
  type AccountReference,
  type DecoupledConnection,
  FormatError,
  RedirectCallbackError,
  ResourceUnknownError,
  ScaFailedError,
  ServiceInvalidError,
} from '@bankbridge/client';
import type { FastifyInstance } from 'fastify';
import { type FormBody, field, lines } from '../portal/forms.js';
import { sendPage } from '../portal/html.js';
import { sandboxPsu } from '../sandbox-banks.js';
import type { DemoContext } from './context.js';
import { throughOutages } from './outages.js';
import { isPaymentCallback, paymentCallback } from './pay-routes.js';
import { asProblem, DemoProblem, endedConsentText, problemOf } from './problems.js';
import { detached } from './request-calls.js';
import {
  admitBankWork,
  bankIdWaiting,
  formSession,
  psuOf,
  sendBankIdPage,
  sendProblem,
} from './route-helpers.js';
import type { ChosenBank, DemoSession, PendingSca } from './sessions.js';
import { banksPage, homePage, namedAccountsPage, redirectPage } from './views/pages.js';

const BIC = /^[A-Z0-9]{8}(?:[A-Z0-9]{3})?$/;
const COUNTRY = /^[A-Z]{2}$/;
/** The sandbox's best-known test customer, whose IBANs are offered where accounts are named. */
const TEST_PSU = '198301014882';

export async function connectRoutes(
  app: FastifyInstance,
  { context }: { context: DemoContext },
): Promise<void> {
  app.get<{ Querystring: { notice?: string } }>('/', async (request, reply) => {
    const session = context.session(request, reply);
    const { countries } = await context.bankbridge().aspspInformation.countries();
    // Said once: an event ended the consent while the person was away.
    const ended = session.endedConsent;
    session.endedConsent = undefined;
    return sendPage(
      reply,
      homePage({
        ...context.frame(request),
        countries,
        connected: session.connected?.bank,
        csrf: session.csrf,
        notice: typeof request.query.notice === 'string' ? request.query.notice : undefined,
        ended: ended ? endedConsentText(ended.bank.name, ended.status) : undefined,
      }),
    );
  });

  app.get<{ Querystring: { country?: string } }>('/banks', async (request, reply) => {
    const session = context.session(request, reply);
    const country = String(request.query.country ?? '').toUpperCase();
    if (!COUNTRY.test(country)) {
      throw new DemoProblem({
        status: 400,
        title: 'No such country',
        text: 'Choose a country from the list: a country is named by its two-letter ISO code.',
      });
    }
    const bankbridge = context.bankbridge();
    const name = await bankbridge.aspspInformation
      .country(country)
      .then((c) => c.name ?? country)
      .catch((error: unknown) => {
        if (error instanceof ResourceUnknownError) return undefined;
        throw error;
      });
    if (name === undefined) {
      throw new DemoProblem({
        status: 404,
        title: 'No such country',
        text: `Bankbridge reaches no bank in ${country}. Choose a country from the list.`,
      });
    }
    const { aspsps } = await bankbridge.aspspInformation.aspsps({ isoCountryCodes: [country] });
    return sendPage(
      reply,
      banksPage({
        ...context.frame(request),
        country,
        countryName: name,
        banks: aspsps,
        csrf: session.csrf,
      }),
    );
  });

  app.post<{ Body: FormBody }>('/connect', async (request, reply) => {
    const session = formSession(request, field(request.body, '_csrf'));
    const bic = field(request.body, 'bic').trim().toUpperCase();
    if (!BIC.test(bic)) {
      throw new DemoProblem({
        status: 400,
        title: 'No such bank',
        text: 'Choose a bank from the list.',
      });
    }
    const given = field(request.body, 'country').toUpperCase();
    const country = COUNTRY.test(given) ? given : bic.slice(4, 6);
    const preferDecoupled = field(request.body, 'preferDecoupled') === 'true';
    const named = field(request.body, 'named') === 'true';
    const ibans = lines(field(request.body, 'ibans')).map((iban) =>
      iban.replace(/\s+/g, '').toUpperCase(),
    );

    const bankbridge = context.bankbridge();
    const aspsp = await bankbridge.aspspInformation.aspsp(bic).catch((error: unknown) => {
      if (!(error instanceof ResourceUnknownError)) throw error;
      throw new DemoProblem({
        status: 404,
        title: 'No such bank',
        text: `Bankbridge does not reach a bank with BIC ${bic}. Choose a bank from the list.`,
        requestId: error.requestId,
      });
    });
    const bank: ChosenBank = { bic, name: aspsp.name ?? bic, logoUrl: aspsp.logoUrl };
    const namedPage = async (error?: { text: string; requestId?: string | undefined }) => {
      const suggestion =
        named || !context.options.sandboxUrl
          ? undefined
          : await sandboxPsu(context.options.sandboxUrl, bic, TEST_PSU);
      const useful = suggestion && suggestion.ibans.length > 0 ? suggestion : undefined;
      return sendPage(
        reply,
        namedAccountsPage({
          ...context.frame(request),
          bank,
          country,
          ibans: (named ? ibans : (useful?.ibans ?? [])).join('\n'),
          suggestion: useful,
          preferDecoupled,
          csrf: session.csrf,
          error: error?.text,
          requestId: error?.requestId,
        }),
        error ? 400 : 200,
      );
    };
    if (named && ibans.length === 0) return namedPage({ text: 'Enter at least one IBAN.' });

    await admitBankWork(context, request, reply);
    // One bank at a time: what this browser connected before is ended first.
    endConnections(context, session);
    const accounts: AccountReference[] = ibans.map((iban) => ({ iban }));
    const access = named ? { accounts, balances: accounts, transactions: accounts } : {};
    let connection: PendingSca['connection'];
    // The code changes every second; the page shows whatever the last poll brought.
    const qr: { image?: string } = {};
    try {
      connection = await bankbridge.connect({
        bic,
        psu: psuOf(request),
        access,
        redirectUri: `${context.appUrl}/callback`,
        preferDecoupled,
        animatedQr: 'image',
        onQrCode: (image) => {
          qr.image = image;
        },
      });
    } catch (error) {
      // The bank refuses the consent where the PSU picks the accounts: the app names them.
      if (error instanceof ServiceInvalidError && !named) return namedPage();
      if (error instanceof FormatError && named) {
        return namedPage({
          text: `${bank.name} refused the accounts: ${error.text}`,
          requestId: error.requestId,
        });
      }
      throw asProblem(error, bank.name);
    }
    const pending: PendingSca = {
      bank,
      connection,
      controller: new AbortController(),
      outcome: { state: 'waiting' },
      lastPolledAt: context.now().getTime(),
      qr,
    };
    session.pending = pending;
    if (connection.kind === 'redirect') return reply.redirect('/demo/redirect', 303);
    watchDecoupled(session, pending, connection);
    return reply.redirect('/demo/bankid', 303);
  });

  // Leaving for the bank. Its own page, not a redirect of the form's answer: a form may only
  // lead to this app (CSP form-action), and the bank's login is on an origin not known ahead.
  app.get('/redirect', async (request, reply) => {
    const session = request.demoSession;
    const pending = session?.pending;
    if (session?.connected && !pending) return reply.redirect('/demo/accounts', 303);
    if (pending?.connection.kind !== 'redirect') {
      return reply.redirect('/demo?notice=not-connected', 303);
    }
    return sendPage(
      reply,
      redirectPage({
        ...context.frame(request),
        bank: pending.bank,
        url: pending.connection.url,
        signing: { noun: 'consent', id: pending.connection.consentId },
      }),
    );
  });

  app.get('/bankid', async (request, reply) => {
    const session = request.demoSession;
    const pending = session?.pending;
    if (session?.connected && !pending) return reply.redirect('/demo/accounts', 303);
    if (!session || pending?.connection.kind !== 'decoupled') {
      return reply.redirect('/demo?notice=not-connected', 303);
    }
    const { outcome } = pending;
    if (outcome.state === 'failed') {
      session.pending = undefined;
      return sendProblem(context, request, reply, {
        status: 403,
        title: outcome.title ?? 'Access not given',
        text: outcome.text,
        requestId: outcome.requestId,
        detail: outcome.detail,
      });
    }
    pending.lastPolledAt = context.now().getTime();
    const connection = pending.connection;
    return sendBankIdPage(context, reply, {
      frame: context.frame(request),
      bank: pending.bank,
      connection,
      signing: { noun: 'consent', id: connection.consentId },
      latestQr: pending.qr?.image,
      csrf: session.csrf,
    });
  });

  // Asked every second by the BankID page's script, which redraws the QR code from the answer;
  // the server's poller does the asking of Bankbridge, so a page left open costs only this.
  app.get('/bankid/status', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const session = request.demoSession;
    const pending = session?.pending;
    if (session?.connected && !pending) return { state: 'valid', next: '/demo/accounts' };
    if (!session || pending?.connection.kind !== 'decoupled') {
      return reply.code(session ? 409 : 401).send({
        state: 'unknown',
        text: 'No BankID sign-in is in progress in this browser: start again.',
        next: '/demo?notice=not-connected',
      });
    }
    if (pending.outcome.state === 'failed') {
      return { state: 'failed', text: pending.outcome.text, next: '/demo/bankid' };
    }
    pending.lastPolledAt = context.now().getTime();
    return bankIdWaiting(pending.qr?.image);
  });

  app.post<{ Body: FormBody }>('/cancel', async (request, reply) => {
    const session = formSession(request, field(request.body, '_csrf'));
    if (session.pending) context.end({ pending: session.pending });
    session.pending = undefined;
    return reply.redirect('/demo?notice=cancelled', 303);
  });

  // The bank sends the PSU back here (through Bankbridge's auth server) after a redirect SCA.
  app.get('/callback', async (request, reply) => {
    const session = request.demoSession;
    const callbackUrl = new URL(request.url, context.options.publicUrl);
    // One registered callback serves both: a payment's answer carries the state of its link.
    if (session?.payment && isPaymentCallback(session.payment, callbackUrl)) {
      return paymentCallback(context, session.payment, callbackUrl, reply);
    }
    const pending = session?.pending;
    if (!session || pending?.connection.kind !== 'redirect') {
      throw new DemoProblem({
        status: 400,
        title: 'Sign-in not recognised',
        text: 'Your bank sent you back, but no sign-in was started in this browser, or it ended (sessions last an hour, and one bank is connected at a time). Start again.',
      });
    }
    try {
      const consent = await pending.connection.handleCallback(callbackUrl);
      session.pending = undefined;
      session.connected = { bank: pending.bank, consent };
      return reply.redirect('/demo/accounts', 303);
    } catch (error) {
      if (error instanceof RedirectCallbackError) {
        throw new DemoProblem({
          status: 400,
          title: 'Sign-in not recognised',
          text: `This answer from the bank is not for the sign-in in progress in this browser (${error.text}). Go back to the bank's page you came from, or start again.`,
        });
      }
      // The consent cannot be authorised any more: end it rather than leave it waiting (one
      // the PSU denied has ended already).
      session.pending = undefined;
      if (error instanceof ScaFailedError) pending.outcome = { state: 'failed', text: error.text };
      context.end({ pending });
      throw asProblem(error, pending.bank.name);
    }
  });
}

/** Ends the consent this browser is authorising or has; both cannot be used once replaced. */
function endConnections(context: DemoContext, session: DemoSession): void {
  context.end({ pending: session.pending, connected: session.connected });
  session.pending = undefined;
  session.connected = undefined;
  session.endedConsent = undefined;
}

/**
 * The SDK's poller runs on the server while the PSU uses BankID: it resolves once the consent
 * is valid, or fails when the PSU cancels or the order times out. A short outage of the bank or
 * of Bankbridge does not end the wait; the PSU leaving does (see DemoSessions.sweep).
 */
function watchDecoupled(
  session: DemoSession,
  pending: PendingSca,
  connection: DecoupledConnection,
): void {
  const { signal } = pending.controller;
  const wait = () =>
    throughOutages(() => connection.waitUntilValid({ signal, intervalMs: 1000 }), signal);
  // Not one of the request's calls: the poller outlives the request that started it.
  detached(wait).then(
    (consent) => {
      if (session.pending !== pending) return;
      session.pending = undefined;
      session.connected = { bank: pending.bank, consent };
    },
    (error: unknown) => {
      if (session.pending !== pending || signal.aborted) return;
      const problem = problemOf(error, pending.bank.name);
      pending.outcome = {
        state: 'failed',
        title: problem.title,
        text: problem.text,
        requestId: problem.requestId,
        detail: problem.detail,
      };
    },
  );
}
