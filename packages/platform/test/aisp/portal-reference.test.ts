// The AISP API in the developer portal's API reference: its own OpenAPI document in the same
// Swagger UI, with this instance's URLs and a bearer scheme for a pasted token.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestPlatform,
  TEST_API_URL,
  TEST_AUTH_URL,
  type TestPlatform,
} from '../support/test-platform.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

const get = (url: string) => t.api.inject({ method: 'GET', url });

describe('the AISP API reference in the portal', () => {
  it('is a page beside the NextGenPSD2 reference, loading its document into Swagger UI', async () => {
    const page = await get('/portal/reference/aisp');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-spec="/portal/reference/aisp.json"');
    expect(page.body).toContain(`${TEST_API_URL}/aisp/v1`);
    expect(page.body).toContain(`${TEST_AUTH_URL}/oauth/authorize`);
    expect(page.body).toContain('/portal/assets/reference.js');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/portal/reference')).body).toContain('href="/portal/reference/aisp"');
    const script = await get('/portal/assets/reference.js');
    expect(script.body).toContain('dataset.spec');
  });

  it('serves the document with this instance’s URLs and a bearer scheme on every operation', async () => {
    const answer = await get('/portal/reference/aisp.json');
    expect(answer.statusCode).toBe(200);
    const document = answer.json();
    expect(document.info.title).toBe('Bankbridge AISP API');
    expect(document.servers[0].url).toBe(`${TEST_API_URL}/aisp/v1`);
    expect(document.components.securitySchemes.oauth2.flows.authorizationCode.tokenUrl).toBe(
      `${TEST_AUTH_URL}/oauth/token`,
    );
    expect(document.components.securitySchemes.bearerToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(document.paths['/accounts/{accountId}/balances'].get.security).toContainEqual({
      bearerToken: [],
    });
    // The API's own copy names no scheme that is not its own.
    const own = (await get('/aisp/v1/openapi.json')).json();
    expect(own.components.securitySchemes.bearerToken).toBeUndefined();
    expect(JSON.stringify(document)).not.toContain('bankbridge.example');
  });
});
