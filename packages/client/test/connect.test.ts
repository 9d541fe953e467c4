// connect(): the integration guide's consent flow through the SDK, against the platform and
// the sandbox banks over real HTTP, decoupled (BankID) and redirect (the bank's login page).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, psuApprovesAtBank } from '../../platform/test/guide/psu-browser.js';
import {
  type Bankbridge,
  ConsentInvalidError,
  InvalidGrantError,
  pkceChallenge,
  RedirectCallbackError,
  ScaFailedError,
} from '../src/index.js';
import {
  ANNA,
  bankIdApp,
  type LivePlatform,
  OSKAR,
  PSU,
  recordingFetch,
  startLivePlatform,
} from './support/live-platform.js';

const REDIRECT_URI = 'https://tpp.example/callback';
const QR_PAYLOAD = /^bankid\.[0-9a-f-]{36}\.\d+\.[0-9a-f]{64}$/;

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The PSU's phone scanning the animated QR code in the sandbox's BankID simulator. */
async function scanQr(sandboxUrl: string, qr: string, psuId: string): Promise<void> {
  const response = await fetch(`${sandboxUrl}/bankid/api/qr`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ qr, action: 'approve', psuId }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

let live: LivePlatform;
let bankbridge: Bankbridge;

beforeAll(async () => {
  live = await startLivePlatform();
  bankbridge = live.sdk();
});

afterAll(async () => {
  await live?.close();
});

describe('connect() at a decoupled bank (Swedbank, BankID)', () => {
  it('yields the BankID challenge, and waitUntilValid resolves once the PSU approves', async () => {
    const connection = await bankbridge.connect({ bic: 'SWEDSESS', psu: PSU, access: {} });
    if (connection.kind !== 'decoupled') throw new Error(`got ${connection.kind}`);
    expect(connection.scaApproach).toBe('DECOUPLED');
    expect(connection.autostartToken).toMatch(/^[A-Za-z0-9-]{8,}$/);
    expect(connection.bankIdLink).toBe(`bankid:///?autostarttoken=${connection.autostartToken}`);
    expect(connection.qrImage).toMatch(/^data:image\/png;base64,/);
    expect(await connection.status()).toBe('received');

    const waiting = connection.waitUntilValid({ intervalMs: 100 });
    await bankIdApp(live.sandboxUrl, connection.autostartToken, 'approve', ANNA);
    const consent = await waiting;
    expect(consent).toEqual({
      consentId: connection.consentId,
      bic: 'SWEDSESS',
      authorisationId: connection.authorisationId,
      consentStatus: 'valid',
    });

    const { accounts } = await bankbridge.accountInformation({ ...consent, psu: PSU }).accounts();
    expect(accounts.length).toBeGreaterThan(0);
  });

  it('sends the PSU headers Swedbank requires, and the guide headers on every call', async () => {
    const { fetch, calls } = recordingFetch();
    const connection = await live.sdk({ fetch }).connect({
      bic: 'SWEDSESS',
      psu: PSU,
      access: {},
    });
    const create = calls.find((c) => c.method === 'POST' && c.url.pathname.endsWith('/consents'));
    expect(create?.headers.get('PSU-IP-Address')).toBe(PSU.ipAddress);
    expect(create?.headers.get('PSU-User-Agent')).toBe(PSU.userAgent);
    const consentCalls = calls.filter((c) => c.url.pathname.startsWith('/psd2/consent/'));
    expect(consentCalls.map((c) => c.method)).toEqual(['POST', 'POST', 'PUT']);
    for (const call of consentCalls) {
      expect(call.headers.get('X-BicFi')).toBe('SWEDSESS');
      expect(call.headers.get('X-Request-ID')).toMatch(/^[0-9a-f-]{36}$/);
    }
    await connection.cancel();
  });

  it('with animatedQr: token, hands each poll its own code, a second apart; the PSU scans one', async () => {
    const codes: string[] = [];
    const connection = await bankbridge.connect({
      bic: 'SWEDSESS',
      psu: PSU,
      access: {},
      animatedQr: 'token',
      onQrCode: (code) => codes.push(code),
    });
    if (connection.kind !== 'decoupled') throw new Error(`got ${connection.kind}`);
    expect(connection.animatedQr).toBe('token');
    expect(connection.autostartToken).toBeUndefined();
    expect(connection.qrCode).toMatch(QR_PAYLOAD);
    expect(codes).toEqual([connection.qrCode]);

    const controller = new AbortController();
    const waiting = connection.waitUntilValid({ signal: controller.signal }).catch((e) => e);
    await until(() => codes.length >= 3);
    controller.abort();
    await waiting;
    const polled = codes.slice(1);
    for (const code of polled) expect(code).toMatch(QR_PAYLOAD);
    const times = polled.map((code) => Number(code.split('.')[2]));
    expect(times[1]).toBeGreaterThan(times[0] as number);
    expect(polled[1]).not.toBe(polled[0]);

    await scanQr(live.sandboxUrl, polled.at(-1) as string, ANNA);
    const consent = await connection.waitUntilValid({ intervalMs: 100 });
    expect(consent.consentStatus).toBe('valid');
  });

  it('with animatedQr: image, keeps the autostart token and hands each poll a new picture', async () => {
    const images: string[] = [];
    const connection = await bankbridge.connect({
      bic: 'SWEDSESS',
      psu: PSU,
      access: {},
      animatedQr: 'image',
      onQrCode: (image) => images.push(image),
    });
    if (connection.kind !== 'decoupled') throw new Error(`got ${connection.kind}`);
    expect(connection.animatedQr).toBe('image');
    expect(connection.autostartToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(connection.qrImage).toMatch(/^data:image\/png;base64,/);
    expect(images).toEqual([connection.qrImage]);
    const controller = new AbortController();
    const waiting = connection.waitUntilValid({ signal: controller.signal }).catch((e) => e);
    await until(() => images.length >= 3);
    controller.abort();
    await waiting;
    expect(images[2]).toMatch(/^data:image\/png;base64,/);
    expect(images[2]).not.toBe(images[1]);
    await bankIdApp(live.sandboxUrl, connection.autostartToken, 'approve', ANNA);
    expect((await connection.waitUntilValid({ intervalMs: 100 })).consentStatus).toBe('valid');
  });

  it('rejects waitUntilValid with ScaFailedError when the PSU cancels in BankID', async () => {
    const connection = await bankbridge.connect({ bic: 'SWEDSESS', psu: PSU, access: {} });
    if (connection.kind !== 'decoupled') throw new Error(`got ${connection.kind}`);
    await bankIdApp(live.sandboxUrl, connection.autostartToken, 'deny');
    const failure = await connection.waitUntilValid({ intervalMs: 100 }).catch((e) => e);
    expect(failure).toBeInstanceOf(ScaFailedError);
    expect(failure).toMatchObject({ code: 'SCA_FAILED', consentStatus: 'rejected' });
  });

  it('rejects when the authentication fails while the consent stays received (Oskar)', async () => {
    const connection = await bankbridge.connect({ bic: 'SWEDSESS', psu: PSU, access: {} });
    if (connection.kind !== 'decoupled') throw new Error(`got ${connection.kind}`);
    await bankIdApp(live.sandboxUrl, connection.autostartToken, 'approve', OSKAR);
    const failure = await connection.waitUntilValid({ intervalMs: 100 }).catch((e) => e);
    expect(failure).toBeInstanceOf(ScaFailedError);
    expect(failure.text).toMatch(/failed/);
  });

  it('stops waiting when its signal aborts, and cancel() ends the consent', async () => {
    const connection = await bankbridge.connect({ bic: 'SWEDSESS', psu: PSU, access: {} });
    if (connection.kind !== 'decoupled') throw new Error(`got ${connection.kind}`);
    const controller = new AbortController();
    const waiting = connection.waitUntilValid({ intervalMs: 50, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('PSU left')), 150);
    await expect(waiting).rejects.toThrow('PSU left');

    await connection.cancel();
    expect(await connection.status()).toBe('terminatedByTpp');
  });

  it('asks for BankID at a bank that prefers the redirect when preferDecoupled is set (SEB)', async () => {
    const connection = await bankbridge.connect({
      bic: 'ESSESESS',
      psu: PSU,
      access: {},
      preferDecoupled: true,
    });
    expect(connection.kind).toBe('decoupled');
    await connection.cancel();
  });
});

describe('connect() at a redirect bank (SEB)', () => {
  async function redirectAtSeb(state?: string) {
    const connection = await bankbridge.connect({
      bic: 'ESSESESS',
      psu: PSU,
      access: {},
      redirectUri: REDIRECT_URI,
      ...(state ? { state } : {}),
    });
    if (connection.kind !== 'redirect') throw new Error(`got ${connection.kind}`);
    return connection;
  }

  it('builds the scaOAuth link with client, redirect URI, state and PKCE S256, and complete(code) makes the consent valid', async () => {
    const connection = await redirectAtSeb('session-42');
    expect(connection.scaApproach).toBe('REDIRECT');
    const link = new URL(connection.url);
    expect(`${link.origin}${link.pathname}`).toBe(`${live.authUrl}/connect/authorize`);
    expect(Object.fromEntries(link.searchParams)).toMatchObject({
      client_id: live.client.id,
      redirect_uri: REDIRECT_URI,
      state: 'session-42',
      response_type: 'code',
      code_challenge_method: 'S256',
      acr_values: `idp:ESSESESS consentId:${connection.consentId} consentAuthorisationId:${connection.authorisationId}`,
    });
    expect(link.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const query = await psuApprovesAtBank(new HttpBrowser(), connection.url, REDIRECT_URI, ANNA);
    expect(query.state).toBe('session-42');
    const consent = await connection.complete(query.code as string);
    expect(consent).toMatchObject({ consentId: connection.consentId, consentStatus: 'valid' });
    expect(consent.token?.accessToken).toEqual(expect.any(String));
    expect(await connection.status()).toBe('valid');

    // The token the code gave reads accounts like the client's own.
    const { accounts } = await bankbridge.accountInformation({ ...consent, psu: PSU }).accounts();
    expect(accounts.length).toBeGreaterThan(0);
  });

  it('handleCallback() checks the state, then completes', async () => {
    const connection = await redirectAtSeb();
    const query = await psuApprovesAtBank(new HttpBrowser(), connection.url, REDIRECT_URI, ANNA);
    const callback = `${REDIRECT_URI}?${new URLSearchParams(query)}`;

    const forged = callback.replace(`state=${query.state}`, 'state=someone-else');
    const refused = await connection.handleCallback(forged).catch((e) => e);
    expect(refused).toBeInstanceOf(RedirectCallbackError);
    expect(refused.code).toBe('STATE_MISMATCH');

    const consent = await connection.handleCallback(callback);
    expect(consent.consentStatus).toBe('valid');
  });

  it('binds the code to the PKCE verifier: without it the auth server refuses the code', async () => {
    const connection = await redirectAtSeb();
    const query = await psuApprovesAtBank(new HttpBrowser(), connection.url, REDIRECT_URI, ANNA);
    const refused = await bankbridge.consents
      .exchangeCode({
        consentId: connection.consentId,
        bic: connection.bic,
        authorisationId: connection.authorisationId,
        code: query.code as string,
        redirectUri: REDIRECT_URI,
      })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(InvalidGrantError);
    expect(refused).toMatchObject({ status: 400, code: 'invalid_grant' });
    expect(refused.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // The code stays usable for the TPP that holds the verifier.
    expect((await connection.complete(query.code as string)).consentStatus).toBe('valid');
  });

  it('reports a PSU who denies at the bank as ScaFailedError, the consent rejected', async () => {
    const connection = await redirectAtSeb();
    const browser = new HttpBrowser();
    const { page: login } = await browser.follow(connection.url, REDIRECT_URI);
    const session = /name="session" value="([^"]+)"/.exec(login.body)?.[1] as string;
    const action = (path: string) =>
      new URL(
        new RegExp(`action="([^"]*${path.replaceAll('/', '\\/')})"`).exec(login.body)?.[1] ?? path,
        login.url,
      ).href;
    const consentPage = await browser.open(action('/oauth2/authorize/login'), {
      form: { session, psuId: ANNA },
    });
    const decision = new URL(
      /action="([^"]*\/oauth2\/authorize\/decision)"/.exec(consentPage.body)?.[1] as string,
      consentPage.url,
    ).href;
    const denied = await browser.open(decision, { form: { session, decision: 'deny' } });
    const { page: back } = await browser.follow(denied.location as string, REDIRECT_URI);
    expect(new URL(back.url).searchParams.get('error')).toBe('access_denied');

    const failure = await connection.handleCallback(back.url).catch((e) => e);
    expect(failure).toBeInstanceOf(ScaFailedError);
    expect(failure).toMatchObject({ consentStatus: 'rejected' });
    expect(failure.text).toMatch(/access_denied/);
  });

  it('needs a redirect URI at a redirect bank, and deletes the consent it could not finish', async () => {
    const { fetch, calls } = recordingFetch();
    const failure = await live
      .sdk({ fetch })
      .connect({ bic: 'ESSESESS', psu: PSU, access: {} })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure.message).toMatch(/redirectUri/);
    const deleted = calls.find((c) => c.method === 'DELETE');
    expect(deleted?.url.pathname).toMatch(/^\/psd2\/consent\/v1\/consents\/[^/]+$/);
    const consentId = deleted?.url.pathname.split('/').at(-1) as string;
    const status = await bankbridge.consents.status({ consentId, bic: 'ESSESESS' });
    expect(status.consentStatus).toBe('terminatedByTpp');
  });

  it('reads no accounts before the PSU is back: ConsentInvalidError', async () => {
    const connection = await redirectAtSeb();
    const early = await bankbridge
      .accountInformation({ consentId: connection.consentId, bic: 'ESSESESS' })
      .accounts()
      .catch((e) => e);
    expect(early).toBeInstanceOf(ConsentInvalidError);
    expect(early).toMatchObject({ status: 401, code: 'CONSENT_INVALID' });
    await connection.cancel();
  });
});

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});
