import type {
  JsonObject,
  OpenApiDocument,
  ResponseObject,
  SchemaObject,
} from './openapi-document.js';

/**
 * The one place where Bankbridge departs from the published NextGenPSD2 1.3.3 contract.
 *
 * The vendored YAML stays unmodified (it is someone else's licensed work, and a diff against
 * upstream must stay trivial); every correction is made here, on a copy, at load time. Each
 * erratum says what the contract says, what Bankbridge does instead and why, and returns how many
 * places it changed so a test notices when an upstream fix makes one obsolete.
 *
 * `types` errata change the API's shape: the generated TypeScript types and the validator both
 * see them. `validation` errata only translate OpenAPI 3.0 wording the contract relies on into
 * what a JSON Schema validator (Ajv) enforces as intended.
 */

export type ErratumScope = 'types' | 'validation';

export interface Erratum {
  id: string;
  /** What the published contract says. */
  fault: string;
  /** What Bankbridge does instead. */
  correction: string;
  scope: ErratumScope;
  /** Corrects `document` in place; returns the number of places changed. */
  apply(document: OpenApiDocument): number;
}

const ASPSP_INFORMATION_LISTS = {
  countryList: 'countries',
  cityList: 'cities',
  aspspList: 'aspsps',
} as const;

export const ERRATA: readonly Erratum[] = [
  {
    id: 'aspsp-information-lists-are-wrapped',
    fault: 'countryList, cityList and aspspList are declared as bare JSON arrays.',
    correction:
      'They are objects wrapping the array: {"countries": [...]}, {"cities": [...]}, {"aspsps": [...]}.',
    scope: 'types',
    // The contract's own examples, the Open Payments documentation and every client use the
    // wrapped form; a bare array would break all of them.
    apply(document) {
      const schemas = document.components.schemas;
      for (const [name, property] of Object.entries(ASPSP_INFORMATION_LISTS)) {
        const { description, ...array } = schemaNamed(document, name);
        expectFault(array.type === 'array', `${name} is no longer a bare array`);
        schemas[name] = {
          ...(description === undefined ? {} : { description }),
          type: 'object',
          required: [property],
          properties: { [property]: array },
        };
      }
      return Object.keys(ASPSP_INFORMATION_LISTS).length;
    },
  },
  {
    id: 'city-carries-iso-country-code',
    fault: 'city has cityId, name and a countryId UUID, but no country code.',
    correction: 'A city also carries isoCountryCode, shaped like the one of country.',
    scope: 'types',
    // The documentation and the contract's own city examples identify the country by its ISO
    // code; countryId refers to a country id no other operation accepts.
    apply(document) {
      const city = propertiesOf(schemaNamed(document, 'city'));
      expectFault(!('isoCountryCode' in city), 'city already declares isoCountryCode');
      const countryCode = propertiesOf(schemaNamed(document, 'country')).isoCountryCode;
      expectFault(countryCode !== undefined, 'country no longer declares isoCountryCode');
      city.isoCountryCode = structuredClone(countryCode);
      return 1;
    },
  },
  {
    id: 'aspsp-information-errors-are-wrapped',
    fault:
      'The ASPSP information error responses (*_ASPSP) declare their bodies as bare arrays of messages (tppMessages400 ...).',
    correction:
      'Their bodies are {"tppMessages": [...]} like every other error of the API; the message items keep their declared codes.',
    scope: 'types',
    // The contract's own examples for these responses are wrapped, and one error shape across
    // the whole API is what TPPs parse.
    apply(document) {
      let changed = 0;
      for (const [name, response] of Object.entries(document.components.responses)) {
        if (!name.endsWith('_ASPSP')) continue;
        const media = response.content?.['application/json'];
        const ref = (media?.schema as { $ref?: string } | undefined)?.$ref;
        if (!media || !ref?.startsWith('#/components/schemas/tppMessages')) continue;
        media.schema = {
          type: 'object',
          required: ['tppMessages'],
          properties: { tppMessages: { $ref: ref } },
        };
        changed++;
      }
      expectFault(changed > 0, 'no *_ASPSP response declares a bare tppMessages array any more');
      return changed;
    },
  },
  {
    id: 'country-details-returns-a-country',
    fault: 'GET /aspspinformation/v1/countries/{isoCountryCode} answers 200 with OK_200_City.',
    correction: 'It answers 200 with OK_200_Country (a country object).',
    scope: 'types',
    // A copy-paste slip in the contract: the documentation and OK_200_Country itself (which no
    // operation refers to otherwise) show a country.
    apply(document) {
      const operation = document.paths['/aspspinformation/v1/countries/{isoCountryCode}']?.get;
      const ok = operation?.responses['200'] as { $ref?: string } | undefined;
      expectFault(
        ok?.$ref === '#/components/responses/OK_200_City',
        'the country details operation no longer refers to OK_200_City',
      );
      expectFault(
        'OK_200_Country' in document.components.responses,
        'OK_200_Country is gone from the contract',
      );
      (operation as { responses: Record<string, unknown> }).responses['200'] = {
        $ref: '#/components/responses/OK_200_Country',
      };
      return 1;
    },
  },
  {
    id: 'challenge-data-as-the-guide-reads-it',
    fault:
      'challengeData.data is a single string, and challengeData.image is bare base64 (format: byte).',
    correction:
      'challengeData.data is an array of strings (the BankID autostart token first), and challengeData.image is a PNG data URL (data:image/png;base64,...).',
    scope: 'types',
    // The integration guide reads the autostart token as challengeData.data[0], which is the
    // array Berlin Group adopted in 1.3.6; a plain string would hand the guide's clients its
    // first character. The image is a data URL so a TPP can put it in an <img> as it comes.
    apply(document) {
      const challenge = propertiesOf(schemaNamed(document, 'challengeData'));
      const data = challenge.data as SchemaObject | undefined;
      const image = challenge.image as SchemaObject | undefined;
      expectFault(data?.type === 'string', 'challengeData.data is no longer a string');
      expectFault(image?.format === 'byte', 'challengeData.image is no longer format: byte');
      challenge.data = {
        type: 'array',
        items: { type: 'string' },
        description:
          'String challenge data; for a decoupled BankID authorisation the first item is the autostart token.',
      };
      challenge.image = {
        type: 'string',
        pattern: '^data:image/png;base64,[A-Za-z0-9+/]+={0,2}$',
        description:
          'PNG (max. 512 kilobyte) to be displayed to the PSU, e.g. the QR code of a decoupled BankID authorisation, as a data URL.',
      };
      return 2;
    },
  },
  {
    id: 'sca-status-carries-challenge-data',
    fault:
      'scaStatusResponse (GET .../authorisations/{authorisationId}) has scaStatus only: a decoupled SCA whose challenge changes while the PSU acts cannot hand over the current one.',
    correction:
      'scaStatusResponse may carry challengeData: while a decoupled SCA with an animated BankID QR code (mbid_animated_qr_image, mbid_animated_qr_token) is started, the code of the current second, as image or as data[0].',
    scope: 'types',
    // BankID's QR code changes every second and the integration guide vendor's clients read it
    // from each poll of the authorisation; the schema allows additional properties, so this
    // only makes the property explicit, validated, and present in the generated types.
    apply(document) {
      const properties = propertiesOf(schemaNamed(document, 'scaStatusResponse'));
      expectFault(!('challengeData' in properties), 'scaStatusResponse declares challengeData now');
      properties.challengeData = { $ref: '#/components/schemas/challengeData' };
      return 1;
    },
  },
  {
    id: 'server-errors-carry-tpp-messages',
    fault:
      'The 500 and 503 responses declare no body ("there are no valid message codes ... in case of HTTP code 503").',
    correction:
      'They carry {"tppMessages": [...]} with INTERNAL_SERVER_ERROR (500) or SERVICE_UNAVAILABLE (503) and a text naming what failed, e.g. which bank.',
    scope: 'types',
    // Every other error of the API is tppMessages, and a TPP whose user waits needs to know
    // whether the bank or Bankbridge failed and what the request id was; an empty 503 says
    // neither. Berlin Group allows additional codes in messages; these two are its own names.
    apply(document) {
      let changed = 0;
      for (const [name, response] of Object.entries(document.components.responses)) {
        const code = name.startsWith('INTERNAL_SERVER_ERROR_500_')
          ? 'INTERNAL_SERVER_ERROR'
          : name.startsWith('SERVICE_UNAVAILABLE_503_')
            ? 'SERVICE_UNAVAILABLE'
            : undefined;
        if (!code || response.content) continue;
        response.content = tppMessagesContent(code);
        changed++;
      }
      expectFault(changed > 0, 'every 500/503 response declares a body now');
      return changed;
    },
  },
  {
    id: 'client-errors-carry-tpp-messages',
    fault:
      'The 406 and 429 responses of payment initiation, and the 415 responses of every service, declare no body ("no valid message codes").',
    correction:
      'They carry {"tppMessages": [...]} as every other error: REQUESTED_FORMATS_INVALID (406), FORMAT_ERROR (415, a body that is not JSON) and ACCESS_EXCEEDED (429, with Retry-After), as the account information API declares them.',
    scope: 'types',
    // A TPP reads every error the same way; an empty 429 or 415 would be the one answer whose
    // cause it has to guess. The codes are those the contract gives 406 and 429 elsewhere, and
    // FORMAT_ERROR for a body of another type, as for one that is not valid JSON.
    apply(document) {
      const codes: Array<[string, string]> = [
        ['NOT_ACCEPTABLE_406_', 'REQUESTED_FORMATS_INVALID'],
        ['UNSUPPORTED_MEDIA_TYPE_415_', 'FORMAT_ERROR'],
        ['TOO_MANY_REQUESTS_429_', 'ACCESS_EXCEEDED'],
      ];
      let changed = 0;
      for (const [name, response] of Object.entries(document.components.responses)) {
        const code = codes.find(([prefix]) => name.startsWith(prefix))?.[1];
        if (!code || response.content) continue;
        response.content = tppMessagesContent(code);
        changed++;
      }
      expectFault(
        document.components.responses.UNSUPPORTED_MEDIA_TYPE_415_PIS?.content !== undefined,
        'the 415 of payment initiation declares a body now',
      );
      return changed;
    },
  },
  {
    id: 'aspsps-report-health',
    fault:
      'aspsp and aspspListItem describe a bank but cannot say whether its API can be used now.',
    correction:
      'Both carry health: {"status": "available" | "unavailable" | "recovering", "since"?, "retryAt"?}, what Bankbridge currently sees of the bank (its per-bank circuit breaker).',
    scope: 'types',
    // A TPP listing banks for its user can grey out one that is down instead of sending the
    // user into a consent that fails. An added property breaks no client: neither schema
    // forbids additional properties. Declared here, it is validated and in the generated types.
    apply(document) {
      const schemas = document.components.schemas;
      expectFault(!('aspspHealth' in schemas), 'the contract declares aspspHealth now');
      schemas.aspspHealth = {
        description:
          "The bank's health as Bankbridge sees it: available (calls go to the bank), unavailable (its last calls failed; Bankbridge answers 503 at once until retryAt) or recovering (the next call tries the bank again).",
        type: 'object',
        required: ['status'],
        properties: {
          status: { type: 'string', enum: ['available', 'unavailable', 'recovering'] },
          since: {
            type: 'string',
            format: 'date-time',
            description: 'When the bank stopped answering; absent while available.',
          },
          retryAt: {
            type: 'string',
            format: 'date-time',
            description: 'While unavailable: when Bankbridge calls the bank again.',
          },
        },
      };
      for (const name of ['aspsp', 'aspspListItem']) {
        const properties = propertiesOf(schemaNamed(document, name));
        expectFault(!('health' in properties), `${name} declares health now`);
        properties.health = { $ref: '#/components/schemas/aspspHealth' };
      }
      return 3;
    },
  },
  {
    id: 'account-and-transaction-details-are-wrapped',
    fault:
      'GET /accounts/{account-id} answers a bare accountDetails object, and GET .../transactions/{transactionId} a bare transactionDetails object.',
    correction:
      'They are wrapped as Berlin Group defines them: {"account": {...}} and {"transactionsDetails": {...}}.',
    scope: 'types',
    // The contract's own examples for both responses are wrapped, as is every Berlin Group bank
    // API (the sandbox banks included) and the clients written for them; a bare object would
    // break those clients.
    apply(document) {
      const wrappers = {
        OK_200_AccountDetails: 'account',
        OK_200_TransactionDetails: 'transactionsDetails',
      };
      for (const [name, property] of Object.entries(wrappers)) {
        const media = document.components.responses[name]?.content?.['application/json'];
        const schema = media?.schema as { $ref?: string } | undefined;
        expectFault(
          media !== undefined && typeof schema?.$ref === 'string',
          `${name} no longer answers a bare schema`,
        );
        media.schema = { type: 'object', required: [property], properties: { [property]: schema } };
      }
      return Object.keys(wrappers).length;
    },
  },
  {
    id: 'certificate-codes-on-every-401',
    fault:
      "The 401 message codes of the services (MessageCode401_AIS, _PIS, _PIIS, _SBS) lack ROLE_INVALID, and the ASPSP information API's 401 (tppMessages401) allows only TOKEN_UNKNOWN, TOKEN_INVALID and TOKEN_EXPIRED, although its own example answers CERTIFICATE_INVALID.",
    correction:
      "Every 401 may also carry ROLE_INVALID; the ASPSP information API's 401 may carry the certificate codes (CERTIFICATE_INVALID, _EXPIRED, _BLOCKED, _REVOKE, _MISSING) and ROLE_INVALID as the services' do.",
    scope: 'types',
    // Berlin Group's Implementation Guidelines define ROLE_INVALID (401: the TPP's certificate
    // lacks the PSD2 role for the service), and in production mode every call, ASPSP
    // information included, is refused with these codes when the TPP certificate is missing,
    // expired, untrusted or of the wrong role (src/certificates/).
    apply(document) {
      let changed = 0;
      for (const name of [
        'MessageCode401_AIS',
        'MessageCode401_PIS',
        'MessageCode401_PIIS',
        'MessageCode401_SBS',
      ]) {
        const codes = schemaNamed(document, name).enum as string[] | undefined;
        expectFault(Array.isArray(codes), `${name} is no longer an enum`);
        expectFault(!codes.includes('ROLE_INVALID'), `${name} has ROLE_INVALID now`);
        codes.push('ROLE_INVALID');
        changed++;
      }
      const items = schemaNamed(document, 'tppMessages401').items as
        | { anyOf?: unknown[] }
        | undefined;
      expectFault(Array.isArray(items?.anyOf), 'tppMessages401 items are no longer an anyOf');
      expectFault(items.anyOf.length === 3, 'tppMessages401 allows other codes than TOKEN_* now');
      items.anyOf.push({
        type: 'object',
        required: ['category', 'code'],
        properties: {
          category: { $ref: '#/components/schemas/tppMessageCategory' },
          code: {
            type: 'string',
            enum: [
              'CERTIFICATE_INVALID',
              'CERTIFICATE_EXPIRED',
              'CERTIFICATE_BLOCKED',
              'CERTIFICATE_REVOKE',
              'CERTIFICATE_MISSING',
              'ROLE_INVALID',
            ],
          },
          path: { type: 'string' },
          text: { $ref: '#/components/schemas/tppMessageText' },
        },
      });
      return changed + 1;
    },
  },
  {
    id: 'giro-payment-is-echoed-as-posted',
    fault:
      'paymentInitiationSwedishGiroWithStatusResponse (GET of a swedish-giro payment) requires creditorAccount and has no creditorGiro, ocrRef nor invoiceRef: a giro payment, which has no creditor account, cannot be answered.',
    correction:
      'It is the giro initiation body (paymentInitiationSwedishGiro_json: creditorGiro and one of ocrRef/invoiceRef) with transactionStatus, as every other payment is answered as posted.',
    scope: 'types',
    // PAYMENTS.md erratum P4: GET answers what the TPP posted; a giro payee is a bankgiro or
    // plusgiro number, never an account, and the OCR or invoice reference is the whole message.
    apply(document) {
      const name = 'paymentInitiationSwedishGiroWithStatusResponse';
      const response = schemaNamed(document, name);
      expectFault(
        (response.required as string[] | undefined)?.includes('creditorAccount') === true &&
          !('creditorGiro' in propertiesOf(response)),
        `${name} no longer requires creditorAccount instead of creditorGiro`,
      );
      const { description: _request, ...body } = structuredClone(
        schemaNamed(document, 'paymentInitiationSwedishGiro_json'),
      );
      document.components.schemas[name] = {
        ...(response.description === undefined ? {} : { description: response.description }),
        ...body,
        properties: {
          ...propertiesOf(body),
          transactionStatus: { $ref: '#/components/schemas/transactionStatus' },
        },
      };
      return 1;
    },
  },
  {
    id: 'cancellation-list-is-wrapped',
    fault:
      'cancellationList (GET .../cancellation-authorisations) is declared as a bare array of cancellation ids.',
    correction: 'It is an object wrapping the array: {"cancellationIds": [...]}.',
    scope: 'types',
    // PAYMENTS.md erratum P11: the contract's own example is wrapped, as its list of a
    // payment's authorisations ({"authorisationIds": [...]}) is; Berlin Group 1.3.11 wraps it
    // too (as `authorisations`).
    apply(document) {
      const { description, ...array } = schemaNamed(document, 'cancellationList');
      expectFault(array.type === 'array', 'cancellationList is no longer a bare array');
      document.components.schemas.cancellationList = {
        ...(description === undefined ? {} : { description }),
        type: 'object',
        required: ['cancellationIds'],
        properties: { cancellationIds: array },
      };
      return 1;
    },
  },
  {
    id: 'exclusive-minimum-is-a-boolean',
    fault:
      'frequencyPerDay uses the OpenAPI 3.0 boolean form `exclusiveMinimum: false`, which JSON Schema validators reject as a schema error.',
    correction:
      'Boolean exclusiveMinimum/exclusiveMaximum become their JSON Schema numeric form (false: dropped, the bound stays inclusive).',
    scope: 'validation',
    apply(document) {
      return forEachSchemaNode(document, (node) => {
        let changed = 0;
        for (const [exclusive, bound] of [
          ['exclusiveMinimum', 'minimum'],
          ['exclusiveMaximum', 'maximum'],
        ] as const) {
          if (typeof node[exclusive] !== 'boolean') continue;
          if (node[exclusive] === true && typeof node[bound] === 'number') {
            node[exclusive] = node[bound];
            delete node[bound];
          } else {
            delete node[exclusive];
          }
          changed++;
        }
        return changed;
      });
    },
  },
  {
    id: 'patterns-are-anchored',
    fault:
      'Most patterns (iban, bicfi, currencyCode, countryCode, amountValue, ...) are unanchored, so "12,50" passes amountValue because "12" matches somewhere.',
    correction: 'Every pattern must match the whole value: it is validated as ^(?:pattern)$.',
    scope: 'validation',
    // The patterns come from ISO 20022 XSD facets, which always match the whole value; a
    // substring match would let malformed amounts, IBANs and codes through.
    apply(document) {
      return forEachSchemaNode(document, (node) => {
        const pattern = node.pattern;
        if (typeof pattern !== 'string' || (pattern.startsWith('^') && pattern.endsWith('$'))) {
          return 0;
        }
        node.pattern = `^(?:${pattern})$`;
        return 1;
      });
    },
  },
  {
    id: 'overlapping-one-ofs-match-any',
    fault:
      'The oneOf alternatives overlap: payment bodies share most fields and have no discriminator, and the PSU-data bodies list an empty schema {} as one alternative, so every valid body matches two of them and fails oneOf.',
    correction:
      'oneOf is validated as anyOf: a body is valid when it matches at least one alternative. The generated types keep the union.',
    scope: 'validation',
    apply(document) {
      return forEachSchemaNode(document, (node) => {
        if (!Array.isArray(node.oneOf)) return 0;
        node.anyOf = node.oneOf;
        delete node.oneOf;
        return 1;
      });
    },
  },
  {
    id: 'nullable-allows-null',
    fault:
      'OpenAPI 3.0 says `nullable: true` where JSON Schema says `type: [..., "null"]` (the contract has none today).',
    correction: 'nullable: true adds "null" to the type; nullable: false is dropped.',
    scope: 'validation',
    // Kept so a later contract version or a Bankbridge extension using nullable is enforced as
    // meant instead of being silently ignored by Ajv.
    apply(document) {
      return forEachSchemaNode(document, (node) => {
        if (!('nullable' in node)) return 0;
        if (node.nullable === true && typeof node.type === 'string') {
          node.type = [node.type, 'null'];
          if (Array.isArray(node.enum)) node.enum = [...node.enum, null];
        }
        delete node.nullable;
        return 1;
      });
    },
  },
];

export interface AppliedErratum {
  id: string;
  changes: number;
}

/**
 * Returns a corrected copy of the published contract. `types` gets the shape errata only (what
 * openapi-typescript needs); `validation` gets all of them.
 */
export function applyErrata(
  published: OpenApiDocument,
  purpose: ErratumScope,
): { document: OpenApiDocument; applied: AppliedErratum[] } {
  const document = structuredClone(published);
  const applied = ERRATA.filter(
    (erratum) => purpose === 'validation' || erratum.scope === 'types',
  ).map((erratum) => ({ id: erratum.id, changes: erratum.apply(document) }));
  return { document, applied };
}

/** A `tppMessages` body whose one code is `code`, for responses the contract left without one. */
function tppMessagesContent(code: string): ResponseObject['content'] {
  return {
    'application/json': {
      schema: {
        type: 'object',
        required: ['tppMessages'],
        properties: {
          tppMessages: {
            type: 'array',
            items: {
              type: 'object',
              required: ['category', 'code'],
              properties: {
                category: { $ref: '#/components/schemas/tppMessageCategory' },
                code: { type: 'string', enum: [code] },
                path: { type: 'string' },
                text: { $ref: '#/components/schemas/tppMessageText' },
              },
            },
          },
        },
      },
    },
  };
}

/** A fault that is no longer there means the contract changed and the erratum needs review. */
function expectFault(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`contract erratum no longer applies: ${message}`);
}

function schemaNamed(document: OpenApiDocument, name: string): SchemaObject {
  const schema = document.components.schemas[name];
  expectFault(schema !== undefined, `components.schemas.${name} is gone`);
  return schema;
}

function propertiesOf(schema: SchemaObject): Record<string, unknown> {
  const properties = schema.properties;
  expectFault(typeof properties === 'object' && properties !== null, 'schema has no properties');
  return properties as Record<string, unknown>;
}

/**
 * Visits every object in the document that can be a schema (examples are data, not schemas, and
 * are skipped) and sums what `visit` reports.
 */
function forEachSchemaNode(
  document: OpenApiDocument | ResponseObject,
  visit: (node: JsonObject) => number,
): number {
  let changed = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as JsonObject;
    changed += visit(node);
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'example' && key !== 'examples') walk(child);
    }
  };
  walk(document);
  return changed;
}
