import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from '../src/logging/logger.js';
import { psd2Headers, startTestPlatform, type TestPlatform } from './support/test-platform.js';
import { basicAuth, postCredentials, requestToken } from './support/token-requests.js';

const logLines: string[] = [];
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ logLines });
});
afterAll(async () => {
  await t?.close();
});

/** Lets hooks that run after the response is sent (the access-log line) finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The lines logged while `work` runs, parsed; every one must be JSON. */
async function linesDuring(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const from = logLines.length;
  await work();
  await settle();
  return logLines.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('request ids in the logs', () => {
  it('puts the X-Request-ID on every line an API request causes', async () => {
    const token = await t.token('aspspinformation');
    const requestId = randomUUID();
    const lines = await linesDuring(() =>
      t.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: psd2Headers(token, { 'x-request-id': requestId }),
      }),
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.reqId, JSON.stringify(line)).toBe(requestId);
    const access = lines.find((l) => l.msg === 'request completed');
    expect(access).toMatchObject({
      statusCode: 200,
      req: { method: 'GET', url: '/psd2/aspspinformation/v1/countries' },
    });
  });

  it('puts the X-Request-ID on every line of a refused API request', async () => {
    const requestId = randomUUID();
    const lines = await linesDuring(() =>
      t.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: { authorization: 'Bearer not-a-token', 'x-request-id': requestId },
      }),
    );
    expect(lines.some((l) => l.statusCode === 401)).toBe(true);
    for (const line of lines) expect(line.reqId, JSON.stringify(line)).toBe(requestId);
  });

  it('puts the X-Request-ID on every line of a token request, granted or refused', async () => {
    for (const fields of [
      { ...postCredentials(t.client.id, t.client.secret), scope: 'aspspinformation' },
      { ...postCredentials(t.client.id, 'bbs_wrong'), scope: 'aspspinformation' },
      { ...postCredentials(t.client.id, t.client.secret), scope: 'nonsense' },
    ]) {
      // Refusals add a line saying why (grant.error); it must carry the id too.
      const requestId = randomUUID();
      const lines = await linesDuring(() =>
        requestToken(t.auth, { headers: { 'x-request-id': requestId }, fields }),
      );
      expect(lines.some((l) => l.msg === 'request completed')).toBe(true);
      for (const line of lines) expect(line.reqId, JSON.stringify(line)).toBe(requestId);
    }
  });

  it('logs each line as JSON with a level, a time and the server name', async () => {
    const lines = await linesDuring(() =>
      t.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: psd2Headers('x'),
      }),
    );
    for (const line of lines) {
      expect(line).toMatchObject({ service: 'bankbridge', server: 'api' });
      expect(typeof line.level).toBe('number');
      expect(Date.parse(String(line.time))).not.toBeNaN();
    }
  });
});

describe('malformed request ids', () => {
  const malformed = [
    'abc\r\nX-Injected: yes',
    '<script>alert(1)</script>',
    `${randomUUID()}\nforged log line`,
    '{"reqId":"forged"}',
  ];

  it.each(malformed)('never echoes nor logs %j on the API', async (value) => {
    const token = await t.token('aspspinformation');
    let response: Awaited<ReturnType<typeof t.api.inject>> | undefined;
    const lines = await linesDuring(async () => {
      response = await t.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: { authorization: `Bearer ${token}`, 'x-request-id': value },
      });
    });
    expect(response?.statusCode).toBe(400);
    expect(response?.json().tppMessages[0].code).toBe('FORMAT_ERROR');
    const echoed = String(response?.headers['x-request-id']);
    expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    expect(echoed).not.toBe(value);
    expect(response?.headers).not.toHaveProperty('x-injected');
    expect(response?.body).not.toContain(value.split(/[\r\n]/)[0]?.slice(0, 12) || value);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const text = JSON.stringify(line);
      expect(text).not.toContain('script');
      expect(text).not.toContain('Injected');
      expect(text).not.toContain('forged');
      // The request is still traceable: under the id it was answered with.
      expect(line.reqId).toBe(echoed);
    }
  });

  it.each(malformed)('never echoes nor logs %j on the auth server', async (value) => {
    let response: Awaited<ReturnType<typeof requestToken>> | undefined;
    const lines = await linesDuring(async () => {
      response = await requestToken(t.auth, {
        headers: { 'x-request-id': value },
        fields: { ...postCredentials(t.client.id, t.client.secret), scope: 'aspspinformation' },
      });
    });
    expect(response?.statusCode).toBe(200);
    expect(String(response?.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.length).toBeGreaterThan(0);
    expect(response?.headers).not.toHaveProperty('x-injected');
    for (const line of lines) {
      const text = JSON.stringify(line);
      expect(text).not.toContain('script');
      expect(text).not.toContain('Injected');
      expect(text).not.toContain('forged');
    }
  });
});

describe('no secret or token in the logs', () => {
  it('logs neither the client secret nor the access token of a whole exchange', async () => {
    const from = logLines.length;
    const post = await requestToken(t.auth, {
      fields: { ...postCredentials(t.client.id, t.client.secret), scope: 'aspspinformation' },
    });
    const basic = await requestToken(t.auth, {
      headers: { authorization: basicAuth(t.client.id, t.client.secret) },
      fields: { scope: 'accountinformation private' },
    });
    const tokens = [post.json().access_token, basic.json().access_token] as string[];
    for (const token of tokens) {
      await t.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/countries',
        headers: psd2Headers(token),
      });
      // A token sent to a scope it lacks is refused and logged as such.
      await t.api.inject({
        method: 'GET',
        url: '/psd2/aspspinformation/v1/aspsps',
        headers: psd2Headers(token, { authorization: `Bearer ${token}x` }),
      });
    }
    await settle();
    const written = logLines.slice(from).join('');
    expect(written).toContain('request completed');
    const secretBody = t.client.secret.replace(/^bbs_/, '');
    expect(written).not.toContain(secretBody);
    expect(written).not.toContain(basicAuth(t.client.id, t.client.secret).slice(6));
    for (const token of tokens) expect(written).not.toContain(token);
  });

  it('redacts secrets sent in a query string', async () => {
    const token = await t.token('aspspinformation');
    const lines = await linesDuring(async () => {
      await t.auth.inject({
        method: 'GET',
        url: `/connect/token?grant_type=client_credentials&client_id=${t.client.id}&client_secret=${t.client.secret}`,
      });
      await t.api.inject({
        method: 'GET',
        url: `/psd2/aspspinformation/v1/countries?access_token=${token}`,
        headers: psd2Headers(token),
      });
    });
    const written = JSON.stringify(lines);
    expect(written).toContain('client_secret=%5Bredacted%5D');
    expect(written).toContain('access_token=%5Bredacted%5D');
    expect(written).not.toContain(t.client.secret.replace(/^bbs_/, ''));
    expect(written).not.toContain(token);
  });

  it('redacts credential fields a caller passes to the logger', () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => lines.push(line) } });
    logger.info(
      {
        client_secret: 'bbs_one',
        access_token: 'tok_two',
        refresh_token: 'tok_three',
        body: { client_secret: 'bbs_four' },
        req: { headers: { authorization: 'Bearer tok_five' } },
        headers: { authorization: 'Basic six' },
      },
      'with credentials',
    );
    expect(lines).toHaveLength(1);
    for (const value of ['bbs_one', 'tok_two', 'tok_three', 'bbs_four', 'tok_five', 'six']) {
      expect(lines[0]).not.toContain(value);
    }
    expect(lines[0]).toContain('[redacted]');
  });
});

describe('redactUrl', () => {
  it('leaves a URL without a query alone', () => {
    expect(redactUrl('/psd2/aspspinformation/v1/countries')).toBe(
      '/psd2/aspspinformation/v1/countries',
    );
  });

  it('keeps harmless parameters', () => {
    expect(redactUrl('/psd2/aspspinformation/v1/aspsps?isoCountryCodes=SE,FI')).toBe(
      '/psd2/aspspinformation/v1/aspsps?isoCountryCodes=SE%2CFI',
    );
  });

  it.each([
    'code',
    'client_secret',
    'access_token',
    'refresh_token',
    'id_token',
    'code_verifier',
    'token',
  ])('redacts %s, whatever its case', (name) => {
    for (const key of [name, name.toUpperCase()]) {
      const redacted = redactUrl(`/cb?state=s1&${key}=SECRET-VALUE`);
      expect(redacted).not.toContain('SECRET-VALUE');
      expect(redacted).toContain('state=s1');
      expect(redacted).toContain(`${key}=%5Bredacted%5D`);
    }
  });

  it('redacts every occurrence of a repeated parameter', () => {
    const redacted = redactUrl('/cb?code=one&code=two');
    expect(redacted).not.toContain('one');
    expect(redacted).not.toContain('two');
  });

  it('redacts percent-encoded secrets and keeps the path', () => {
    const redacted = redactUrl('/connect/authorize?client_secret=a%2Fb%3D&scope=x');
    expect(redacted.startsWith('/connect/authorize?')).toBe(true);
    expect(redacted).not.toContain('a%2Fb');
    expect(redacted).toContain('scope=x');
  });
});
