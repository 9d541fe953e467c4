import SwaggerParser from '@apidevtools/swagger-parser';
import Fastify from 'fastify';
import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { applyErrata, ERRATA, loadContract, readPublishedContract } from '../src/contract/index.js';
import { SchemaValidators } from '../src/contract/schema-validators.js';
import {
  checkContract,
  expectContract,
  fromFetch,
  fromInject,
  type ObservedResponse,
} from './support/contract.js';

const REQUEST_ID = '6ff9e7ee-2ac2-42d3-a188-c7314d434b9c';
const JSON_TYPE = 'application/json; charset=utf-8';

/** A response as the API would send it: JSON, X-Request-ID echoed. */
function answer(
  method: string,
  url: string,
  statusCode: number,
  body?: unknown,
  headers: ObservedResponse['headers'] = {},
): ObservedResponse {
  return {
    method,
    url,
    statusCode,
    headers: {
      'x-request-id': REQUEST_ID,
      ...(body === undefined ? {} : { 'content-type': JSON_TYPE }),
      ...headers,
    },
    body: body === undefined ? '' : JSON.stringify(body),
    requestId: REQUEST_ID,
  };
}

// The ASPSP information examples of the getting-started guide (seed 004), verbatim.
const seed = {
  countries: {
    countries: [
      { isoCountryCode: 'SE', name: 'Sweden' },
      { isoCountryCode: 'FI', name: 'Finland' },
      { isoCountryCode: 'DE', name: 'Germany' },
      { isoCountryCode: 'DK', name: 'Denmark' },
    ],
  },
  country: { isoCountryCode: 'SE', name: 'Sweden' },
  cities: {
    cities: [
      { cityId: '37efa883-c8ad-4ff7-927b-b11b02beb923', name: 'Stockholm', isoCountryCode: 'SE' },
      { cityId: 'ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c', name: 'Helsinki', isoCountryCode: 'FI' },
      { cityId: 'bb97dd78-835c-9922-e700-a8b5b3f5cbba', name: 'Frankfurt', isoCountryCode: 'DE' },
      { cityId: '8f64d9db-7f38-e13e-cbf8-809e6bc6175c', name: 'Copenhagen', isoCountryCode: 'DK' },
    ],
  },
  city: { cityId: '37efa883-c8ad-4ff7-927b-b11b02beb923', name: 'Stockholm', isoCountryCode: 'SE' },
  aspsps: {
    aspsps: [
      {
        bicFi: 'ESSESESS',
        name: 'Skandinaviska Enskilda Banken AB ',
        logoUrl: 'https://openbankingplatform.blob.core.windows.net/image/ESSESESS.png',
      },
      {
        bicFi: 'NDEASESS',
        name: 'Nordea Bank AB',
        logoUrl: 'https://openbankingplatform.blob.core.windows.net/image/NDEASESS.png',
      },
    ],
  },
  aspsp: {
    city: 'Stockholm',
    country: 'Sweden',
    postalCode: '106 40',
    streetAddress: 'Kungsträdgårdsgatan 8',
    companyNumber: '502032-9081',
    phone: '+46-771 365 365',
    websiteUrl: 'https://seb.se/',
    globalPaymentProducts: ['sepa-credit-transfers', 'domestic'],
    paymentProducts: ['swedish-domestic-private-credit-transfers', 'sepa-credit-transfers'],
    supportedAuthorizationMethods: [
      {
        name: 'OAuth2',
        uri: 'https://auth.dev.openbankingplatform.com/.well-known/openid-configuration',
      },
    ],
    bicFi: 'ESSESESS',
    name: 'Skandinaviska Enskilda Banken AB ',
    logoUrl: 'https://opeopenbanking.blob.core.windows.net/images/ESSESESS.jpg',
  },
};

const ASPSPINFO = '/psd2/aspspinformation/v1';
const CONSENT_ID = 'c0d1a4e2-5c1b-4a8e-9f0e-3b7c2a9d8e11';

const consentCreated = {
  consentStatus: 'received',
  consentId: CONSENT_ID,
  _links: {
    scaRedirect: { href: `https://auth.example.test/connect/authorize?consentId=${CONSENT_ID}` },
    self: { href: `/psd2/consent/v1/consents/${CONSENT_ID}` },
    status: { href: `/psd2/consent/v1/consents/${CONSENT_ID}/status` },
  },
};

const balances = {
  account: { iban: 'SE3550000000054910000003' },
  balances: [
    { balanceType: 'interimAvailable', balanceAmount: { currency: 'SEK', amount: '1056.50' } },
  ],
};

const tppMessage = (code: string, text = 'see the documentation') => ({
  tppMessages: [{ category: 'ERROR', code, text }],
});

describe('the contract helper accepts conforming responses', () => {
  it.each([
    ['countries', `${ASPSPINFO}/countries`, seed.countries],
    ['countries filtered by query', `${ASPSPINFO}/countries?isoCountryCodes=SE,FI`, seed.countries],
    ['one country', `${ASPSPINFO}/countries/SE`, seed.country],
    ['cities', `${ASPSPINFO}/cities`, seed.cities],
    ['one city', `${ASPSPINFO}/cities/${seed.city.cityId}`, seed.city],
    ['aspsps', `${ASPSPINFO}/aspsps?isoCountryCodes=SE&cityIds=${seed.city.cityId}`, seed.aspsps],
    ['one aspsp', `${ASPSPINFO}/aspsps/ESSESESS`, seed.aspsp],
  ])('the seed example for %s', (_name, url, body) => {
    expect(checkContract(answer('GET', url, 200, body))).toEqual([]);
    expectContract(answer('GET', url, 200, body));
  });

  it('ASPSP information errors wrapped in tppMessages', () => {
    const cases = [
      answer('GET', `${ASPSPINFO}/aspsps/NOTABANK`, 404, tppMessage('RESOURCE_UNKNOWN')),
      answer('GET', `${ASPSPINFO}/countries/S1`, 400, tppMessage('FORMAT_ERROR')),
      answer('GET', `${ASPSPINFO}/cities`, 401, tppMessage('TOKEN_INVALID')),
    ];
    for (const response of cases) expect(checkContract(response)).toEqual([]);
  });

  it('a consent creation answered 201 as the contract shows', () => {
    const response = answer('POST', '/psd2/consent/v1/consents', 201, consentCreated, {
      // `format: url`: the contract wants an absolute URL here.
      location: `https://api.example.test/psd2/consent/v1/consents/${CONSENT_ID}`,
      'aspsp-sca-approach': 'REDIRECT',
    });
    expect(checkContract(response)).toEqual([]);
  });

  it('a consent deletion answered 204 without a body', () => {
    expect(checkContract(answer('DELETE', `/psd2/consent/v1/consents/${CONSENT_ID}`, 204))).toEqual(
      [],
    );
  });

  it('balances with decimal-string amounts, and AIS errors', () => {
    const account = '/psd2/accountinformation/v1/accounts/3d9a81b3';
    expect(checkContract(answer('GET', `${account}/balances`, 200, balances))).toEqual([]);
    expect(checkContract(answer('GET', account, 404, tppMessage('RESOURCE_UNKNOWN')))).toEqual([]);
  });

  it('a wrong method answered 405 as the path operations declare', () => {
    const response = answer('DELETE', `${ASPSPINFO}/countries`, 405, tppMessage('SERVICE_INVALID'));
    expect(checkContract(response)).toEqual([]);
  });

  it('PSU-data updates matching several overlapping oneOf alternatives', () => {
    const url = `/psd2/consent/v1/consents/${CONSENT_ID}/authorisations/a1`;
    expect(checkContract(answer('PUT', url, 200, { scaStatus: 'finalised' }))).toEqual([]);
  });
});

describe('the contract helper rejects', () => {
  it('the country list as a bare array', () => {
    const problems = checkContract(
      answer('GET', `${ASPSPINFO}/countries`, 200, seed.countries.countries),
    );
    expect(problems).toEqual([expect.stringMatching(/^body must be object/)]);
  });

  it('a balance amount sent as a number', () => {
    const wrong = structuredClone(balances);
    (wrong.balances[0]?.balanceAmount as { amount: unknown }).amount = 1056.5;
    const problems = checkContract(
      answer('GET', '/psd2/accountinformation/v1/accounts/a1/balances', 200, wrong),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^body\/balances\/0\/balanceAmount\/amount must be string/),
    ]);
  });

  it('a missing required field', () => {
    const { consentId: _omitted, ...withoutId } = consentCreated;
    const problems = checkContract(answer('POST', '/psd2/consent/v1/consents', 201, withoutId));
    expect(problems).toEqual([expect.stringContaining("must have required property 'consentId'")]);
  });

  it('an undeclared status', () => {
    const problems = checkContract(answer('GET', `${ASPSPINFO}/countries`, 201, seed.countries));
    expect(problems).toEqual([
      expect.stringMatching(
        /^status 201 is not declared for getCountriesList \(declared: 200, 400/,
      ),
    ]);
  });

  it('a missing X-Request-ID', () => {
    const response = answer('GET', `${ASPSPINFO}/countries`, 200, seed.countries);
    delete response.headers['x-request-id'];
    expect(checkContract(response)).toEqual([
      'header X-Request-ID is missing (the contract requires it)',
    ]);
  });

  it('an X-Request-ID that is not a UUID, or not the one the request sent', () => {
    const notUuid = answer('GET', `${ASPSPINFO}/countries`, 200, seed.countries, {
      'x-request-id': 'req-1',
    });
    expect(checkContract(notUuid)).toContainEqual(
      expect.stringMatching(/^header X-Request-ID must match format "uuid"/),
    );
    const otherId = answer('GET', `${ASPSPINFO}/countries`, 200, seed.countries, {
      'x-request-id': '99391c7e-ad88-49ec-a2ad-99ddcb1f7721',
    });
    expect(checkContract(otherId)).toEqual([
      `header X-Request-ID is 99391c7e-ad88-49ec-a2ad-99ddcb1f7721, not the request's ${REQUEST_ID}`,
    ]);
  });

  it('a malformed request id echoed back, but not a fresh UUID in its place', () => {
    const url = `${ASPSPINFO}/countries`;
    const echoed = answer('GET', url, 400, tppMessage('FORMAT_ERROR'), {
      'x-request-id': 'not-a-uuid',
    });
    echoed.requestId = 'not-a-uuid';
    expect(checkContract(echoed)).toEqual([
      expect.stringMatching(/^header X-Request-ID must match format "uuid"/),
    ]);
    const fresh = answer('GET', url, 400, tppMessage('FORMAT_ERROR'));
    fresh.requestId = 'not-a-uuid';
    expect(checkContract(fresh)).toEqual([]);
  });

  it('an unknown path, a path outside /psd2 and an undeclared method', () => {
    expect(checkContract(answer('GET', `${ASPSPINFO}/banks`, 200, {}))).toEqual([
      'no path in the contract matches GET /psd2/aspspinformation/v1/banks',
    ]);
    expect(checkContract(answer('GET', '/aspspinformation/v1/countries', 200, {}))).toEqual([
      "GET /aspspinformation/v1/countries is outside the contract's base path /psd2",
    ]);
    expect(checkContract(answer('POST', `${ASPSPINFO}/countries`, 200, {}))).toEqual([
      'the contract has no POST on /aspspinformation/v1/countries (declared: GET), so 200 is not a contract answer',
    ]);
  });

  it('a body where none is declared, none where one is, and an undeclared content type', () => {
    const consent = `/psd2/consent/v1/consents/${CONSENT_ID}`;
    expect(checkContract(answer('DELETE', consent, 204, {}))).toEqual([
      'the contract declares no body here, but one of 2 characters came',
    ]);
    expect(checkContract(answer('GET', `${consent}/status`, 200))).toEqual([
      'the contract declares a body here (application/json), but none came',
    ]);
    const html = answer(
      'GET',
      `${consent}/status`,
      200,
      { consentStatus: 'valid' },
      {
        'content-type': 'text/html',
      },
    );
    expect(checkContract(html)).toEqual([
      'Content-Type text/html is not declared here (declared: application/json)',
    ]);
  });

  it('an error body that is not the wrapped tppMessages form', () => {
    const bare = answer('GET', `${ASPSPINFO}/aspsps/NOTABANK`, 404, [
      { category: 'ERROR', code: 'RESOURCE_UNKNOWN' },
    ]);
    expect(checkContract(bare)).toEqual([expect.stringMatching(/^body must be object/)]);
  });

  it('with a readable message from expectContract', () => {
    const response = answer('GET', `${ASPSPINFO}/countries?isoCountryCodes=SE`, 200, [], {
      'x-request-id': undefined,
    });
    expect(() => expectContract(response)).toThrowError(
      [
        'GET /psd2/aspspinformation/v1/countries?isoCountryCodes=SE answered 200, which the NextGenPSD2 contract does not allow:',
        '  - header X-Request-ID is missing (the contract requires it)',
        '  - body must be object',
      ].join('\n'),
    );
  });
});

describe('the errata', () => {
  const contract = loadContract();

  it('are each still needed by the vendored contract', () => {
    const changes = Object.fromEntries(contract.errata.map(({ id, changes }) => [id, changes]));
    expect(Object.keys(changes)).toEqual(ERRATA.map(({ id }) => id));
    for (const { id } of ERRATA) {
      // The contract has no nullable today; the translation is there for when it does.
      if (id !== 'nullable-allows-null') expect(changes[id], id).toBeGreaterThan(0);
    }
  });

  it('leave a valid OpenAPI 3.0 document for the type generator and the validator', async () => {
    for (const purpose of ['types', 'validation'] as const) {
      const { document } = applyErrata(readPublishedContract(), purpose);
      await expect(
        SwaggerParser.validate(document as unknown as OpenAPIV3.Document),
      ).resolves.toBeDefined();
    }
  });

  it('make the country-by-code operation answer a country object', () => {
    const lookup = contract.operations.find('GET', `${ASPSPINFO}/countries/SE`);
    if (lookup.kind !== 'found') throw new Error(`not found: ${lookup.kind}`);
    expect(lookup.operation.operationId).toBe('getCountryDetails');
    expect(lookup.pathParams).toEqual({ isoCountryCode: 'SE' });
    expect(lookup.operation.responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/country',
    });
  });

  it('give a city its isoCountryCode, checked like a country code', () => {
    const url = `${ASPSPINFO}/cities/${seed.city.cityId}`;
    const problems = checkContract(
      answer('GET', url, 200, { ...seed.city, isoCountryCode: 'SWE' }),
    );
    expect(problems).toEqual([expect.stringMatching(/^body\/isoCountryCode must match pattern/)]);
  });

  it('wrap account details in account and transaction details in transactionsDetails', () => {
    const account = { resourceId: 'a1', iban: 'SE3550000000054910000003', currency: 'SEK' };
    const transaction = { transactionAmount: { currency: 'SEK', amount: '-12.50' } };
    const accountUrl = '/psd2/accountinformation/v1/accounts/a1';
    expect(checkContract(answer('GET', accountUrl, 200, { account }))).toEqual([]);
    expect(checkContract(answer('GET', accountUrl, 200, account))).toEqual([
      "body must have required property 'account'",
    ]);
    const detailsUrl = `${accountUrl}/transactions/t1`;
    expect(
      checkContract(answer('GET', detailsUrl, 200, { transactionsDetails: transaction })),
    ).toEqual([]);
    expect(checkContract(answer('GET', detailsUrl, 200, transaction))).toEqual([
      "body must have required property 'transactionsDetails'",
    ]);
  });

  it('read challengeData as the integration guide does: data an array, image a PNG data URL', () => {
    const id = 'challenge-data-as-the-guide-reads-it';
    const withoutIt = structuredClone(readPublishedContract());
    for (const erratum of ERRATA) if (erratum.id !== id) erratum.apply(withoutIt);
    const original = new SchemaValidators(withoutIt);
    const corrected = new SchemaValidators(
      applyErrata(readPublishedContract(), 'validation').document,
    );
    const schema = { $ref: '#/components/schemas/challengeData' };
    const challengeData = {
      data: ['7c40b5c9-fa74-49cf-b98c-bfe651f9a7c6'],
      image: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==',
    };

    expect(original.check(schema, challengeData, 'challengeData')).toEqual([
      'challengeData/image must match format "byte"',
      'challengeData/data must be string',
    ]);
    expect(corrected.check(schema, challengeData, 'challengeData')).toEqual([]);
    // What the contract itself declares is what the correction refuses.
    expect(
      corrected.check(schema, { data: 'token', image: 'iVBORw0KGgo=' }, 'challengeData'),
    ).toEqual([
      expect.stringMatching(/^challengeData\/image must match pattern/),
      'challengeData/data must be array',
    ]);
    expect(
      corrected.check(schema, { image: 'data:image/jpeg;base64,/9j/4AAQ' }, 'challengeData'),
    ).toEqual([expect.stringMatching(/^challengeData\/image must match pattern/)]);

    // A whole answer: startConsentAuthorisation's 201 has one body schema. (PUT's 200 is an
    // overlapping oneOf, validated as anyOf, whose alternatives without challengeData let
    // any challengeData through.)
    const url = '/psd2/consent/v1/consents/c1/authorisations';
    const body = {
      scaStatus: 'started',
      authorisationId: 'a1',
      psuMessage: 'Open the BankID app and scan the QR code.',
      challengeData,
      _links: { scaStatus: { href: `${url}/a1` } },
    };
    const headers = { 'aspsp-sca-approach': 'DECOUPLED' };
    expect(checkContract(answer('POST', url, 201, body, headers))).toEqual([]);
    const asDeclared = { ...body, challengeData: { ...challengeData, data: 'token' } };
    expect(checkContract(answer('POST', url, 201, asDeclared, headers))).toEqual([
      'body/challengeData/data must be array',
    ]);
  });

  it('anchor patterns, so an amount with a decimal comma fails', () => {
    const wrong = structuredClone(balances);
    (wrong.balances[0] as { balanceAmount: { amount: string } }).balanceAmount.amount = '1056,50';
    const problems = checkContract(
      answer('GET', '/psd2/accountinformation/v1/accounts/a1/balances', 200, wrong),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^body\/balances\/0\/balanceAmount\/amount must match pattern/),
    ]);
  });
});

describe('adapters', () => {
  it('fromInject reads the request from a fastify inject() response', async () => {
    const app = Fastify();
    app.get('/psd2/aspspinformation/v1/countries', async (request, reply) => {
      reply.header('x-request-id', request.headers['x-request-id']);
      return seed.countries;
    });
    const response = await app.inject({
      method: 'GET',
      url: '/psd2/aspspinformation/v1/countries?isoCountryCodes=SE',
      headers: { 'x-request-id': REQUEST_ID },
    });
    await app.close();
    expect(fromInject(response)).toMatchObject({
      method: 'GET',
      url: '/psd2/aspspinformation/v1/countries?isoCountryCodes=SE',
      statusCode: 200,
      requestId: REQUEST_ID,
    });
    expectContract(response);
  });

  it('fromFetch takes an absolute URL and a fetch Response', () => {
    const body = JSON.stringify(seed.aspsps);
    const response = new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'application/json', 'X-Request-ID': REQUEST_ID },
    });
    const observed = fromFetch(
      'GET',
      'http://127.0.0.1:8080/psd2/aspspinformation/v1/aspsps?isoCountryCodes=SE',
      response,
      body,
      { 'X-Request-ID': REQUEST_ID },
    );
    expect(checkContract(observed)).toEqual([]);
  });
});
