/**
 * How the consent page answers what goes wrong: a page for the user, never a stack trace nor
 * an error sent to the app from here. A step that fails while the user can still choose again
 * keeps them on the bank's page with a message (`refusalOnPage`); the others end on a page of
 * their own.
 */
import type { Context } from '../../auth/provider-common.js';
import type { CallContext } from '../../logging/logger.js';
import { Problem } from '../../problems.js';
import type { AspspEntry } from '../../registry/types.js';
import { type ConsentPage, sendHtml } from './page.js';
import { problemPage } from './views.js';

/** A step's failure as the user reads it, and the page's status. */
export interface PageRefusal {
  status: number;
  message: string;
}

/**
 * A refusal of the consent service as the user reads it: what the bank did not accept (400),
 * a bank that could not be reached just now (503, they may try again or choose another bank),
 * or our own failure (500).
 */
export function refusalOnPage(call: CallContext, error: unknown, bank: AspspEntry): PageRefusal {
  const refusal =
    error instanceof Problem
      ? { status: error.statusCode, text: `${bank.name} did not accept this: ${error.text}` }
      : undefined;
  if (!refusal) {
    call.logger.error({ err: error }, 'consent page step failed');
    return { status: 500, message: 'Something went wrong on our side. Try again in a moment.' };
  }
  if (refusal.status >= 500) {
    call.logger.warn({ err: error }, 'the bank could not be reached from the consent page');
    return {
      status: 503,
      message: `${bank.name} could not be reached just now. Try again in a moment, or choose another bank.`,
    };
  }
  call.logger.info({ refusal: (error as Error).message }, 'consent request refused');
  return { status: 400, message: refusal.text };
}

/** No interaction of this browser with this id: expired, finished, or another browser's. */
export function sendExpired(page: ConsentPage, ctx: Context): void {
  sendHtml(
    page,
    ctx,
    400,
    problemPage(
      undefined,
      'This page has expired',
      'This connection has expired, was already completed, or was started in another browser. Go back to the app and start again.',
    ),
  );
}

/** Forms post to this origin only. */
export function sendForeignForm(page: ConsentPage, ctx: Context): void {
  sendHtml(
    page,
    ctx,
    403,
    problemPage(undefined, 'Request refused', 'This form was sent from another site.'),
  );
}

/** The user's mistake (or a script's), not Bankbridge's: no 500, no error in the log. */
export function sendFormTooLarge(page: ConsentPage, ctx: Context): void {
  sendHtml(
    page,
    ctx,
    413,
    problemPage(undefined, 'Request refused', 'This form is too large to be sent here.'),
  );
}

/** A bank callback whose `state` Bankbridge did not seal: nothing to go back to. */
export function sendUnmatchedBankAnswer(page: ConsentPage, ctx: Context): void {
  sendHtml(
    page,
    ctx,
    400,
    problemPage(
      undefined,
      'We could not match your bank’s answer',
      'The bank sent you back without a valid reference to this connection. Go back to the app and start again.',
    ),
  );
}

/** Anything a step did not expect: logged, and the user sent back to the app to retry later. */
export function sendFailure(page: ConsentPage, ctx: Context, call: CallContext, error: unknown) {
  call.logger.error({ err: error }, 'consent page failed');
  sendHtml(
    page,
    ctx,
    500,
    problemPage(
      undefined,
      'Something went wrong',
      'Something went wrong on our side. Go back to the app and try again later.',
    ),
  );
}
