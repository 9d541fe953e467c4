// The API reference page: Swagger UI served from the swagger-ui-dist package, on the contract
// as Bankbridge serves it (errata applied) with this instance's URLs filled in.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestPlatform,
  TEST_API_URL,
  TEST_AUTH_URL,
  type TestPlatform,
} from '../support/test-platform.js';

let tpp: TestPlatform;
beforeAll(async () => {
  tpp = await startTestPlatform();
});
afterAll(() => tpp?.close());

const get = (url: string) => tpp.api.inject({ method: 'GET', url });

describe('the API reference', () => {
  it('serves a page that loads Swagger UI from this host only, with the URLs to use', async () => {
    const page = await get('/portal/reference');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    for (const asset of ['swagger-ui.css', 'swagger-ui-bundle.js', 'reference.js']) {
      expect(page.body).toContain(`/portal/assets/${asset}`);
    }
    expect(page.body).not.toMatch(/src="https?:/);
    expect(page.body).toContain(`${TEST_API_URL}/psd2`);
    expect(page.body).toContain(`${TEST_AUTH_URL}/connect/token`);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
  });

  it('serves the errata-applied contract with this instance as server and token endpoint', async () => {
    const answer = await get('/portal/reference/openapi.json');
    expect(answer.statusCode).toBe(200);
    const document = answer.json();
    expect(document.info.title).toBe('NextGenPSD2 XS2A Framework');
    expect(document.servers).toEqual([
      { url: `${TEST_API_URL}/psd2`, description: 'This Bankbridge (sandbox banks)' },
    ]);
    const oauth = document.components.securitySchemes.oAuth2;
    expect(oauth.flows.clientCredentials.tokenUrl).toBe(`${TEST_AUTH_URL}/connect/token`);
    expect(JSON.stringify(document)).not.toContain('api.sandbox.openbankingplatform.com/psd2');
    // Erratum aspsp-information-lists-are-wrapped: lists are objects, as Bankbridge answers.
    expect(document.components.schemas.countryList.type).toBe('object');
    expect(document.components.schemas.countryList.properties.countries.type).toBe('array');
    // A pasted token works on every operation that takes the OAuth2 one.
    expect(document.components.securitySchemes.bearerToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const countries = document.paths['/aspspinformation/v1/countries'].get;
    expect(countries.security).toContainEqual({ bearerToken: [] });
  });

  it('serves Swagger UI and the portal files with their types, and nothing else of the package', async () => {
    for (const [file, type] of [
      ['swagger-ui-bundle.js', 'application/javascript'],
      ['swagger-ui.css', 'text/css'],
      ['portal.css', 'text/css'],
      ['reference.js', 'application/javascript'],
    ]) {
      const answer = await get(`/portal/assets/${file}`);
      expect(answer.statusCode, file).toBe(200);
      expect(answer.headers['content-type']).toContain(type);
      expect(answer.body.length).toBeGreaterThan(100);
    }
    for (const file of [
      'package.json',
      'index.html',
      '..%2F..%2Fpackage.json',
      'swagger-ui.js.map',
    ]) {
      expect((await get(`/portal/assets/${file}`)).statusCode, file).toBe(404);
    }
  });

  it('is readable without signing in, and shows who is signed in otherwise', async () => {
    const page = await get('/portal/reference');
    expect(page.body).toContain('href="/portal/sign-in"');
    expect(page.body).not.toContain('Sign out');
  });
});
