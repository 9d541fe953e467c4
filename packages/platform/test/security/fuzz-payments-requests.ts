/**
 * The requests of the payment fuzzer (fuzz-payments.test.ts): the twelve operations, the
 * payments they are tried on, the valid request for each, and the mutations around it: noise
 * that may or may not make it invalid, and breakers that make it invalid for sure.
 */
import { randomUUID } from 'node:crypto';
import { isPsuIpAddress, notAnIpAddress, type Rng, UUID } from './fuzz-support.js';
import { PIS } from './payment-helpers.js';

// ---------------------------------------------------------------------------------------------
// The twelve operations, and the payments they are tried on.

export interface Operation {
  id: string;
  method: string;
  /** Under `/{service}/{product}`. */
  suffix: string;
  body?: 'payment' | 'method';
}

export const OPERATIONS: readonly Operation[] = [
  { id: 'initiatePayment', method: 'POST', suffix: '', body: 'payment' },
  { id: 'getPaymentInformation', method: 'GET', suffix: '/{paymentId}' },
  { id: 'cancelPayment', method: 'DELETE', suffix: '/{paymentId}' },
  { id: 'getPaymentInitiationStatus', method: 'GET', suffix: '/{paymentId}/status' },
  { id: 'startPaymentAuthorisation', method: 'POST', suffix: '/{paymentId}/authorisations' },
  { id: 'getPaymentInitiationAuthorisation', method: 'GET', suffix: '/{paymentId}/authorisations' },
  {
    id: 'getPaymentInitiationScaStatus',
    method: 'GET',
    suffix: '/{paymentId}/authorisations/{authorisationId}',
  },
  {
    id: 'updatePaymentPsuData',
    method: 'PUT',
    suffix: '/{paymentId}/authorisations/{authorisationId}',
    body: 'method',
  },
  {
    id: 'startPaymentInitiationCancellationAuthorisation',
    method: 'POST',
    suffix: '/{paymentId}/cancellation-authorisations',
  },
  {
    id: 'getPaymentInitiationCancellationAuthorisationInformation',
    method: 'GET',
    suffix: '/{paymentId}/cancellation-authorisations',
  },
  {
    id: 'getPaymentCancellationScaStatus',
    method: 'GET',
    suffix: '/{paymentId}/cancellation-authorisations/{cancellationId}',
  },
  {
    id: 'updatePaymentCancellationPsuData',
    method: 'PUT',
    suffix: '/{paymentId}/cancellation-authorisations/{cancellationId}',
    body: 'method',
  },
];

/** The methods the contract has on each path: every other one is wrong. */
const PATH_METHODS: Record<string, string[]> = {};
for (const op of OPERATIONS)
  PATH_METHODS[op.suffix] = [...(PATH_METHODS[op.suffix] ?? []), op.method];

/** The tokens a request may carry: the TPP's own, and others it must not get anywhere with. */
export interface Tokens {
  own: string;
  otherTpp: string;
  ais: string;
  aspsp: string;
}

export interface Target {
  name: string;
  bic: string;
  service: string;
  product: string;
  kind: 'global' | 'bank';
  /** A body that would create a payment like this one. */
  body: Record<string, unknown>;
  paymentId: string;
  authorisationId: string;
  cancellationId: string;
  /** The SCA method a PUT would choose. */
  method: string;
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// The request, its noise and its breakers.

export interface Request {
  method: string;
  headers: Record<string, string | string[]>;
  query: Record<string, string>;
  params: Record<string, string>;
  body?: string;
}

export function baseline(operation: Operation, target: Target, tokens: Tokens): Request {
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${tokens.own}`,
    'x-request-id': randomUUID(),
    'x-bicfi': target.bic,
    'psu-ip-address': '192.0.2.10',
    'psu-user-agent': 'Mozilla/5.0 (fuzz)',
  };
  let body: string | undefined;
  if (operation.body === 'payment') body = JSON.stringify(target.body);
  if (operation.body === 'method') body = JSON.stringify({ authenticationMethodId: target.method });
  if (body !== undefined) headers['content-type'] = 'application/json';
  return {
    method: operation.method,
    headers,
    query: {},
    params: {
      service: target.service,
      product: target.product,
      paymentId: target.paymentId,
      authorisationId: target.authorisationId,
      cancellationId: target.cancellationId,
    },
    ...(body === undefined ? {} : { body }),
  };
}

export type Mutation = (request: Request, rng: Rng) => string;

function objectBody(r: Request): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(r.body ?? '');
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Values no amount rule accepts. */
const BAD_AMOUNTS: unknown[] = [
  null,
  [],
  '10.00',
  { currency: 'SEK' },
  { amount: '10.00' },
  { currency: 'SEK', amount: '-1' },
  { currency: 'SEK', amount: '0' },
  { currency: 'SEK', amount: '1.001' },
  { currency: 'SEK', amount: '1e3' },
  { currency: 'SEK', amount: 12.5 },
  { currency: 'SEK', amount: '123456789012345' },
  { currency: 'sek', amount: '1.00' },
  { currency: 'XXX', amount: '1.00' },
  { currency: 'SEK', amount: '1.00', fee: '0' },
];

/** Values no account reference rule accepts. */
const BAD_ACCOUNTS: unknown[] = [
  null,
  'SE3550000000054910000003',
  [],
  {},
  { iban: 'xxSE12AB!!' },
  { iban: 'SE3550000000054910000004' },
  { iban: 5 },
  { iban: 'SE3550000000054910000003', currncy: 'SEK' },
  { msisdn: '+46701234567', iban: 'SE3550000000054910000003', bban: '1234' },
];

/** Mutations of a payment body that make it invalid for the target's product for sure. */
function paymentBodyBreakers(
  target: Target,
): Array<(body: Record<string, unknown>, rng: Rng) => string> {
  const list: Array<(body: Record<string, unknown>, rng: Rng) => string> = [];
  // A bulk's first item, while an earlier mutation left one; the body itself otherwise.
  const item = (body: Record<string, unknown>): Record<string, unknown> => {
    const [first] = Array.isArray(body.payments) ? body.payments : [];
    return target.service === 'bulk-payments' && typeof first === 'object' && first !== null
      ? (first as Record<string, unknown>)
      : body;
  };
  list.push((body, rng) => {
    item(body).instructedAmount = rng.pick(BAD_AMOUNTS);
    return `instructedAmount ${JSON.stringify(item(body).instructedAmount)}`;
  });
  // A bank product's account is the bank's to judge beyond its shape (the structural rules of
  // payments/rules/bank-product-body.ts): only what those refuse is sure to be refused.
  const accounts = target.kind === 'bank' ? BAD_ACCOUNTS.slice(0, 7) : BAD_ACCOUNTS;
  list.push((body, rng) => {
    const field = rng.pick(['debtorAccount', 'creditorAccount']);
    const at = field === 'creditorAccount' ? item(body) : body;
    at[field] = rng.pick(accounts);
    return `${field} ${JSON.stringify(at[field])}`;
  });
  if (target.kind === 'bank') return list;
  list.push((body, rng) => {
    const field = rng.pick(['instructedAmount', 'creditorAccount', 'creditorName']);
    delete item(body)[field];
    return `${field} removed`;
  });
  list.push((body, rng) => {
    item(body).creditorName = rng.pick([null, '', ' ', 'A'.repeat(71), 5, 'a\u0007b', []]);
    return `creditorName ${JSON.stringify(item(body).creditorName)}`;
  });
  list.push((body, rng) => {
    const name = rng.pick([
      'requestedExecutonDate',
      'amount',
      'transactionStatus',
      '__proto__',
      'x',
    ]);
    // An own property even for __proto__, as JSON.parse makes it (an assignment would not).
    Object.defineProperty(item(body), name, {
      value: rng.jsonValue(),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return `unknown field ${name}`;
  });
  list.push((body, rng) => {
    item(body).endToEndIdentification = rng.pick(['A'.repeat(36), 'ü-ö', '', 5]);
    return 'endToEndIdentification';
  });
  if (target.service === 'payments') {
    list.push((body, rng) => {
      body.requestedExecutionDate = rng.pick([
        inDays(-2),
        inDays(500),
        'tomorrow',
        '2026-02-30',
        20_260_101,
      ]);
      return `requestedExecutionDate ${body.requestedExecutionDate}`;
    });
  }
  if (target.service === 'periodic-payments') {
    list.push((body, rng) => {
      const change = rng.pick<Record<string, unknown>>([
        { frequency: 'monthly' },
        { frequency: null },
        { startDate: inDays(-1) },
        { endDate: inDays(1) },
        { dayOfExecution: '01' },
        { dayOfExecution: 5 },
        { dayOfExecution: '32' },
        { executionRule: 'latest' },
      ]);
      Object.assign(body, change);
      return `periodic ${JSON.stringify(change)}`;
    });
  }
  if (target.service === 'bulk-payments') {
    list.push((body, rng) => {
      body.payments = rng.pick<unknown>([[], null, {}, 'x', [null], Array(101).fill(item(body))]);
      return 'payments';
    });
    list.push((body, rng) => {
      body.batchBookingPreferred = rng.pick(['true', 1, null]);
      return 'batchBookingPreferred';
    });
  }
  return list;
}

const PSU_FORMATS: Record<string, (value: string) => boolean> = {
  'psu-ip-address': isPsuIpAddress,
  'psu-ip-port': (v) => /^[0-9]{1,5}$/.test(v) && +v >= 1 && +v <= 65535,
  'psu-geo-location': (v) => /^GEO:-?[0-9]{1,2}\.[0-9]{6};-?[0-9]{1,3}\.[0-9]{6}$/.test(v),
  'psu-device-id': (v) => UUID.test(v),
  'psu-http-method': (v) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(v),
};

export function breakers(operation: Operation, target: Target, tokens: Tokens): Mutation[] {
  const creates = operation.id === 'initiatePayment';
  const list: Mutation[] = [
    (r, rng) => {
      if (rng.chance(0.3)) {
        delete r.headers['x-request-id'];
        return 'X-Request-ID removed';
      }
      let value = rng.text();
      while (UUID.test(value)) value = rng.text();
      r.headers['x-request-id'] = value;
      return 'X-Request-ID malformed';
    },
    (r, rng) => {
      r.headers.accept = rng.pick([
        'text/html',
        'application/xml',
        'text/plain',
        'application/json;q=0',
      ]);
      return 'Accept not JSON';
    },
    (r, rng) => {
      const choices = ['none', 'garbage', 'ais', 'aspsp', ...(creates ? [] : ['otherTpp'])];
      const choice = rng.pick(choices);
      if (choice === 'none') delete r.headers.authorization;
      else if (choice === 'garbage') r.headers.authorization = `Bearer ${rng.nonBlank()}`;
      else r.headers.authorization = `Bearer ${tokens[choice as keyof typeof tokens]}`;
      return `token ${choice}`;
    },
    (r, rng) => {
      const wrong = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].filter(
        (m) => !PATH_METHODS[operation.suffix]?.includes(m),
      );
      r.method = rng.pick(wrong);
      return `method ${r.method}`;
    },
    (r, rng) => {
      const names = ['service', 'product', ...(creates ? [] : ['paymentId'])];
      if (operation.suffix.includes('{authorisationId}')) names.push('authorisationId');
      if (operation.suffix.includes('{cancellationId}')) names.push('cancellationId');
      const name = rng.pick(names);
      let value = rng.text();
      while (value.trim() === '' || value === r.params[name]) value = rng.text();
      r.params[name] = value;
      return `path ${name} garbage`;
    },
    (r, rng) => {
      let value = rng.nonBlank();
      while (value.trim().toUpperCase() === target.bic) value = rng.nonBlank();
      r.headers['x-bicfi'] = value;
      return 'X-BicFi garbage';
    },
    (r, rng) => {
      const name = rng.pick(Object.keys(PSU_FORMATS));
      let value = name === 'psu-ip-address' ? notAnIpAddress(rng) : rng.nonBlank();
      while (value.trim() === '' || PSU_FORMATS[name]?.(value.trim())) value = rng.nonBlank();
      r.headers[name] = value;
      return `${name} malformed`;
    },
  ];
  if (operation.method === 'POST' || operation.method === 'PUT') {
    list.push((r, rng) => {
      r.headers['content-type'] = rng.pick([
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
      ]);
      r.body ??= '{}';
      return `Content-Type ${r.headers['content-type']}`;
    });
    list.push((r, rng) => {
      r.headers['content-type'] = 'application/json';
      r.body = rng.pick([
        '{',
        '{"instructedAmount":',
        "{'a':1}",
        '{"a":1,}',
        '[[[[',
        'NaN',
        '{"a":1}{"b":2}',
        `${r.body ?? '{}'}x`,
      ]);
      return 'body not JSON';
    });
  }
  if (operation.body) {
    list.push((r, rng) => {
      r.body = JSON.stringify(rng.pick([null, [], 'payment', 42, true, [objectBody(r) ?? {}]]));
      return 'body of another type';
    });
  }
  if (operation.body === 'method') {
    list.push((r, rng) => {
      const body = objectBody(r) ?? {};
      if (rng.chance(0.3)) delete body.authenticationMethodId;
      else
        body.authenticationMethodId = rng.pick([
          null,
          1,
          true,
          [],
          {},
          ['mbid'],
          'MBID',
          rng.nonBlank(),
        ]);
      r.body = JSON.stringify(body);
      return `authenticationMethodId ${JSON.stringify(body.authenticationMethodId)}`;
    });
  }
  if (creates) {
    for (const change of paymentBodyBreakers(target)) {
      list.push((r, rng) => {
        const body = objectBody(r);
        if (!body) return 'payment field (the body is broken already)';
        const what = change(body, rng);
        r.body = JSON.stringify(body);
        return what;
      });
    }
    list.push((r) => {
      delete r.headers['psu-ip-address'];
      return 'PSU-IP-Address removed';
    });
    list.push((r, rng) => {
      r.headers['psu-corporate-id'] = rng.nonBlank();
      return 'PSU-Corporate-ID with a private token';
    });
    list.push((r, rng) => {
      const name = rng.pick(['tpp-redirect-preferred', 'tpp-rejection-nofunds-preferred']);
      let value = rng.nonBlank();
      while (['true', 'false'].includes(value.trim().toLowerCase())) value = rng.nonBlank();
      r.headers[name] = value;
      return `${name} garbage`;
    });
  }
  return list;
}

/** Mutations that may or may not make a request invalid, applied before the breakers. */
export function noise(operation: Operation, target: Target): Mutation[] {
  const list: Mutation[] = [
    (r, rng) => {
      const name = `x-fuzz-${rng.int(100)}`;
      r.headers[name] = rng.text();
      return `unknown header ${name}`;
    },
    (r, rng) => {
      const name = rng.pick(['foo', 'access_token', '__proto__', 'paymentId', rng.text()]);
      r.query[name || 'empty'] = rng.text();
      return 'unknown query parameter';
    },
    (r, rng) => {
      const name = rng.pick(Object.keys(r.headers).filter((h) => h !== 'x-request-id'));
      if (name) r.headers[name] = [r.headers[name] as string, rng.text()];
      return `header ${name} twice`;
    },
    (r, rng) => {
      const name = rng.pick([
        'psu-id',
        'psu-id-type',
        'psu-corporate-id-type',
        'psu-accept',
        'psu-accept-language',
        'digest',
        'signature',
        'tpp-signature-certificate',
        'tpp-explicit-authorisation-preferred',
        'tpp-notification-content-preferred',
        'x-affiliatedaspsp-id',
      ]);
      r.headers[name] = rng.text();
      return `header ${name}`;
    },
  ];
  if (operation.body === 'payment' && target.kind === 'bank') {
    list.push((r, rng) => {
      const body = objectBody(r);
      if (!body) return 'extra field (the body is broken already)';
      body[rng.pick(['transactionStatus', 'paymentId', '_links', 'extra'])] = rng.jsonValue();
      r.body = JSON.stringify(body);
      return 'extra field of a bank product';
    });
  }
  return list;
}

export function urlOf(operation: Operation, r: Request, rng: Rng): string {
  const path = `/{service}/{product}${operation.suffix}`.replace(
    /\{([^}]+)\}/g,
    (_, name: string) => {
      const value = r.params[name] ?? 'x';
      return rng.chance(0.15) ? value.replace(/[/?#\s%]/g, '') || 'x' : encodeURIComponent(value);
    },
  );
  const query = new URLSearchParams(r.query).toString();
  return `${PIS}${path}${query ? `?${query}` : ''}`;
}
