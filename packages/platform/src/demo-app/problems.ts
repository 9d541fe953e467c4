// What the demo app tells its user when a call fails: the SDK's error classes turned into a
// sentence a person understands, the HTTP status of the page, and the X-Request-ID of the API
// call, which a developer looks up in the logs or the portal's request log.

import {
  AccessExceededError,
  ApiError,
  BankbridgeError,
  ConsentExpiredError,
  ConsentInvalidError,
  ConsentUnknownError,
  InternalServerError,
  NetworkError,
  OAuthError,
  PeriodInvalidError,
  ResourceUnknownError,
  ScaFailedError,
  ServiceUnavailableError,
  TimeoutError,
} from '@bankbridge/client';

export interface Problem {
  status: number;
  title: string;
  text: string;
  /** The API call's X-Request-ID, when there was one. */
  requestId?: string | undefined;
  /** What the API said, in its terms: for the developer's line, never the person's sentence. */
  detail?: string | undefined;
  /** The consent is no longer usable: the session forgets it. */
  consentEnded?: boolean;
}

/** A failure of the demo app's own making (a form, a session), not of an API call. */
export class DemoProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.text);
  }
}

/**
 * An API failure as the page to show; anything else is left as it is, for the error handler
 * to log (a bug must not pass for a bank's failure).
 */
export function asProblem(error: unknown, bankName?: string): unknown {
  return error instanceof BankbridgeError ? new DemoProblem(problemOf(error, bankName)) : error;
}

export function problemOf(error: unknown, bankName = 'The bank'): Problem {
  if (error instanceof DemoProblem) return error.problem;
  if (!(error instanceof BankbridgeError)) {
    return {
      status: 500,
      title: 'Something went wrong',
      text: 'The demo app could not answer. Try again; the server log has the details under the request id below.',
    };
  }
  const requestId = error.requestId;
  const detail = error.text ? ` (${error.code}: ${error.text})` : '';
  if (error instanceof ScaFailedError) return scaFailed(error, bankName);
  if (error instanceof ServiceUnavailableError || error instanceof InternalServerError) {
    const when =
      error instanceof ServiceUnavailableError && error.retryAt
        ? ` after ${time(error.retryAt)}`
        : ' in a minute';
    return {
      status: 502,
      title: `${bankName} is not answering`,
      text: `${bankName} could not be reached or failed to answer${detail}. This is on the bank's side: try again${when}, or choose another bank.`,
      requestId,
    };
  }
  if (error instanceof AccessExceededError) {
    return {
      status: 429,
      title: 'Daily limit reached',
      text: `${bankName} allows this app only a few reads a day with this consent, and they are used up${error.retryAt ? `; try again after ${time(error.retryAt)}` : '; try again tomorrow'}.`,
      requestId,
    };
  }
  if (
    error instanceof ConsentExpiredError ||
    error instanceof ConsentInvalidError ||
    error instanceof ConsentUnknownError
  ) {
    return {
      status: 409,
      title: 'Your access has ended',
      text: `The consent at ${bankName} can no longer be used${detail}: it expired, was revoked at the bank, or was ended. Connect the bank again.`,
      requestId,
      consentEnded: true,
    };
  }
  if (error instanceof ResourceUnknownError) {
    return {
      status: 404,
      title: 'Not found',
      text: `${bankName} does not know this account under your consent${detail}.`,
      requestId,
    };
  }
  if (error instanceof PeriodInvalidError) {
    return {
      status: 400,
      title: 'Period not available',
      text: `${bankName} does not give transactions that far back${detail}. Choose a shorter period.`,
      requestId,
    };
  }
  if (error instanceof OAuthError) {
    return {
      status: 503,
      title: 'The demo app cannot sign in to Bankbridge',
      text: `Bankbridge refused the demo client's credentials${detail}. The demo client may have been disabled in the developer portal, or its secret rotated; re-enable it, or restart Bankbridge with the secret in data/demo-client.json.`,
      requestId,
    };
  }
  if (error instanceof TimeoutError || error instanceof NetworkError) {
    return {
      status: 504,
      title: 'Bankbridge is not answering',
      text: `The demo app could not reach Bankbridge's API${detail}. Is it still running? Try again in a moment.`,
      requestId,
    };
  }
  if (error instanceof ApiError) {
    return {
      status: 502,
      title: 'Request refused',
      text: `Bankbridge refused the request${detail}.`,
      requestId,
    };
  }
  return {
    status: 502,
    title: 'Unexpected answer',
    text: `The demo app did not understand Bankbridge's answer${detail}.`,
    requestId,
  };
}

/**
 * A sign-in that ended without access. The bank refusing a consent the person approved is told
 * apart where the API says so (see bankRefused). Elsewhere a decline and a refusal look alike
 * to a TPP (`access_denied` at the redirect, a failed SCA and a `rejected` consent in BankID,
 * for both), so the sentence names both rather than blame the person for the bank's decision.
 */
function scaFailed(error: ScaFailedError, bankName: string): Problem {
  const detail = `${error.code}: ${error.text}`;
  if (bankRefused(error)) {
    return {
      status: 403,
      title: 'The bank refused access',
      text: `${bankName} refused to give this app access to your accounts, although you signed in. This is the bank's decision, not something you did: nothing was shared. Contact ${bankName} to ask why, or choose another bank.`,
      requestId: error.requestId,
      detail,
      consentEnded: true,
    };
  }
  return {
    status: 403,
    title: 'Access not given',
    text: `${bankName} did not give this app access: you declined or cancelled the sign-in, it was not finished in time, or the bank refused the consent. Nothing was shared; start again to try once more, or choose another bank.`,
    requestId: error.requestId,
    detail,
    consentEnded: true,
  };
}

/**
 * Whether the bank, not the person, ended the sign-in: the SDK says the bank let the person
 * through at its page (the code came back and was redeemed), yet the consent is not valid.
 */
export function bankRefused(error: ScaFailedError): boolean {
  return error.approvedByPsu === true;
}

/** A consent that ended while in use, as the event said, in the person's words. */
export function endedConsentText(bankName: string, status: string): string {
  const why: Record<string, string> = {
    revokedByPsu: `you withdrew the app's access at ${bankName}`,
    expired: 'it reached the end of its validity',
    rejected: `${bankName} refused it`,
    terminatedByTpp: 'the app ended it',
  };
  const reason = Object.hasOwn(why, status) ? why[status] : `${bankName} ended it`;
  return `The app can no longer read your accounts at ${bankName}: ${reason}. Connect the bank again to go on.`;
}

function time(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
