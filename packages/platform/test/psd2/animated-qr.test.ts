/**
 * BankID's animated QR code end to end, over HTTP: Bankbridge and the sandbox banks listening,
 * the TPP choosing `mbid_animated_qr_token` or `_image` and reading a fresh code on every poll,
 * the sandbox's BankID simulator scanning it as the app does. Every /psd2 answer is checked
 * against the contract. The platform and the sandbox share a clock that runs in real time and
 * can be pushed ahead, so a code can be made stale without waiting half a minute.
 */
import { randomUUID } from 'node:crypto';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectContract, fromFetch } from '../support/contract.js';
import { type ListeningPlatform, startListeningPlatform } from '../support/listening-platform.js';

const jsQR = jsQRModule.default;
const ANNA = '198301014882';
const PUBLIC_HOST = 'api.bankbridge.test';
const QR_PAYLOAD = /^bankid\.[0-9a-f-]{36}\.(\d+)\.[0-9a-f]{64}$/;

let ahead = 0;
const clock = () => new Date(Date.now() + ahead);
let tpp: ListeningPlatform;
let token: string;

beforeAll(async () => {
  // A public host name: the contract's `url` format refuses loopback addresses in Location.
  tpp = await startListeningPlatform({ sandbox: { now: clock }, now: clock }, PUBLIC_HOST);
  token = await tpp.token('accountinformation private');
});
afterAll(async () => tpp?.close());

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, checked against the contract.
type Json = any;

async function psd2(method: string, path: string, body?: unknown): Promise<Json> {
  const url = `${tpp.apiUrl.replace(PUBLIC_HOST, '127.0.0.1')}${path}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    'x-bicfi': 'SWEDSESS',
    'x-request-id': randomUUID(),
    'psu-ip-address': '192.0.2.10',
    'psu-user-agent': 'Mozilla/5.0 (X11; Linux x86_64)',
  };
  const response = await fetch(url, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  expectContract(fromFetch(method, url, response, text, headers));
  expect(response.ok, text).toBe(true);
  return JSON.parse(text);
}

/** A consent at Swedbank (BankID) with its SCA started by the method chosen. */
async function started(methodId: string) {
  const validUntil = new Date(clock().getTime() + 30 * 864e5).toISOString().slice(0, 10);
  const consent = await psd2('POST', '/psd2/consent/v1/consents', {
    access: {},
    combinedServiceIndicator: false,
    frequencyPerDay: 1,
    recurringIndicator: false,
    validUntil,
  });
  const base = `/psd2/consent/v1/consents/${consent.consentId}`;
  const authorisation = await psd2('POST', `${base}/authorisations`);
  const ids = authorisation.scaMethods.map((m: Json) => m.authenticationMethodId);
  expect(ids.slice(0, 3)).toEqual(['mbid', 'mbid_animated_qr_image', 'mbid_animated_qr_token']);
  const path = `${base}/authorisations/${authorisation.authorisationId}`;
  const selected = await psd2('PUT', path, { authenticationMethodId: methodId });
  return { base, path, selected };
}

/** The sandbox's BankID app scanning a code. */
function scan(qr: string, action = 'approve') {
  return fetch(`${tpp.sandboxUrl}/bankid/api/qr`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ qr, action, psuId: ANNA }),
  });
}

async function consentStatus(base: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { consentStatus } = await psd2('GET', `${base}/status`);
    if (consentStatus !== 'received') return consentStatus;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 'received';
}

function timeOf(payload: string): number {
  return Number(QR_PAYLOAD.exec(payload)?.[1]);
}

function readQr(dataUrl: string): string {
  const image = PNG.sync.read(
    Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'),
  );
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? '';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BankID animated QR codes', () => {
  it('mbid_animated_qr_token: a new valid code on every poll a second apart; the app approves with one', async () => {
    const { base, path, selected } = await started('mbid_animated_qr_token');
    expect(selected.scaStatus).toBe('started');
    expect(selected.chosenScaMethod.authenticationMethodId).toBe('mbid_animated_qr_token');
    expect(selected.challengeData.data).toHaveLength(1);
    expect(selected.challengeData.data[0]).toMatch(QR_PAYLOAD);
    expect(selected.challengeData.image).toBeUndefined();

    const first = await psd2('GET', path);
    await sleep(1100);
    const second = await psd2('GET', path);
    for (const poll of [first, second]) {
      expect(Object.keys(poll).sort()).toEqual(['challengeData', 'scaStatus']);
      expect(poll.scaStatus).toBe('started');
      expect(poll.challengeData.data[0]).toMatch(QR_PAYLOAD);
    }
    const [a, b] = [first.challengeData.data[0], second.challengeData.data[0]];
    expect(b).not.toBe(a);
    expect(timeOf(b)).toBeGreaterThan(timeOf(a));
    // Both name the same order.
    expect(a.split('.')[1]).toBe(b.split('.')[1]);

    // Either is a code the app takes; the first is still within its window.
    const approved = await scan(a);
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'complete', psuId: ANNA });
    expect(await consentStatus(base)).toBe('valid');
    expect(await psd2('GET', path)).toEqual({ scaStatus: 'finalised' });
  });

  it('a code older than the window is refused by the app; the code of now is taken', async () => {
    const { base, path } = await started('mbid_animated_qr_token');
    const old = (await psd2('GET', path)).challengeData.data[0];
    ahead += 40_000;
    const refused = await scan(old);
    expect(refused.status).toBe(400);
    const why = await refused.json();
    expect(why.errorCode).toBe('invalidParameters');
    expect(why.details).toMatch(/s old; BankID accepts codes at most 30 s old/);
    expect(await consentStatus(base)).toBe('received');

    const now = (await psd2('GET', path)).challengeData.data[0];
    expect(timeOf(now)).toBeGreaterThanOrEqual(timeOf(old) + 40);
    expect((await scan(now)).status).toBe(200);
    expect(await consentStatus(base)).toBe('valid');
  });

  it('mbid_animated_qr_image: the picture of the code of this second, on the PUT and every poll', async () => {
    const { base, path, selected } = await started('mbid_animated_qr_image');
    // The autostart token stays for the "open BankID on this device" button.
    expect(selected.challengeData.data[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(readQr(selected.challengeData.image)).toMatch(QR_PAYLOAD);
    const first = await psd2('GET', path);
    await sleep(1100);
    const second = await psd2('GET', path);
    expect(Object.keys(second.challengeData)).toEqual(['image']);
    const [a, b] = [readQr(first.challengeData.image), readQr(second.challengeData.image)];
    expect(a).toMatch(QR_PAYLOAD);
    expect(b).toMatch(QR_PAYLOAD);
    expect(b).not.toBe(a);
    expect((await scan(b)).status).toBe(200);
    expect(await consentStatus(base)).toBe('valid');
  });

  it('mbid is as before: the autostart token and its link as a QR code, and polls without a code', async () => {
    const { base, path, selected } = await started('mbid');
    const autoStartToken = selected.challengeData.data[0];
    expect(autoStartToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(readQr(selected.challengeData.image)).toBe(
      `bankid:///?autostarttoken=${autoStartToken}`,
    );
    expect(await psd2('GET', path)).toEqual({ scaStatus: 'started' });
    const approved = await fetch(`${tpp.sandboxUrl}/bankid/api/orders/${autoStartToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'approve', psuId: ANNA }),
    });
    expect(approved.status).toBe(200);
    expect(await consentStatus(base)).toBe('valid');
  });
});
