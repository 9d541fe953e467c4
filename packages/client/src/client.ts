import { AccountInformationApi, type AccountInformationScope } from './account-information.js';
import { ApiCaller } from './api-caller.js';
import { AspspInformationApi } from './aspsp-information.js';
import {
  type AnimatedQrConnection,
  type Connection,
  type ConnectOptions,
  connect,
  type RedirectConnection,
} from './connect.js';
import { ConsentApi } from './consents.js';
import { EventFeedApi } from './event-feed.js';
import {
  type AnimatedQrPayment,
  type Payment,
  type PayOptions,
  pay,
  type RedirectPayment,
} from './pay.js';
import { PaymentApi } from './payments.js';
import { TokenManager } from './tokens.js';
import { type CallSettings, transportFor, trimSlash } from './transport.js';

export interface BankbridgeOptions extends CallSettings {
  /** The API host, e.g. `http://localhost:8080` (`npm start`). */
  apiUrl: string;
  /** The auth host, e.g. `http://localhost:8081`; tokens come from `<authUrl>/connect/token`. */
  authUrl: string;
  clientId: string;
  /** Keep it on a server: a client secret in a web page is a secret no more. */
  clientSecret: string;
  /** The context every token is asked for in; default `private`. */
  context?: 'private' | 'corporate';
  /** Fetch a new token this long before the current one expires; default 60 s. */
  renewTokensBeforeSeconds?: number;
}

/**
 * A client of Bankbridge's NextGenPSD2 API for one TPP application. Every method returns the
 * API's answer typed from the contract, with `$response` (request id, status, headers) on
 * it; every failure is a BankbridgeError subclass carrying the request id.
 */
export class Bankbridge {
  readonly aspspInformation: AspspInformationApi;
  readonly consents: ConsentApi;
  readonly payments: PaymentApi;
  /** The event feed, for a TPP that cannot receive webhooks. */
  readonly events: EventFeedApi;
  private readonly api: ApiCaller;
  private readonly now: () => number;

  constructor(private readonly options: BankbridgeOptions) {
    for (const name of ['apiUrl', 'authUrl', 'clientId', 'clientSecret'] as const) {
      if (!options[name]) throw new TypeError(`Bankbridge: ${name} is required`);
    }
    this.now = options.now ?? Date.now;
    const transport = transportFor(options);
    const tokens = new TokenManager(
      transport,
      `${trimSlash(options.authUrl)}/connect/token`,
      { clientId: options.clientId, clientSecret: options.clientSecret },
      { now: this.now, renewBeforeSeconds: options.renewTokensBeforeSeconds ?? 60 },
    );
    this.api = new ApiCaller(
      transport,
      tokens,
      trimSlash(options.apiUrl),
      options.context ?? 'private',
    );
    this.aspspInformation = new AspspInformationApi(this.api);
    this.consents = new ConsentApi(this.api);
    this.payments = new PaymentApi(this.api);
    this.events = new EventFeedApi(this.api);
  }

  /** Accounts, balances and transactions under one consent (its id and bank). */
  accountInformation(scope: AccountInformationScope): AccountInformationApi {
    return new AccountInformationApi(this.api, {
      consentId: scope.consentId,
      bic: scope.bic,
      psu: scope.psu,
    });
  }

  /**
   * Creates a consent, starts its authorisation and chooses the SCA method: resolves with a
   * redirect to send the PSU to (`kind: 'redirect'`) or a BankID challenge to show
   * (`kind: 'decoupled'`). If a step fails the consent is deleted again.
   */
  connect(
    options: ConnectOptions & { animatedQr: 'token' },
  ): Promise<RedirectConnection | AnimatedQrConnection>;
  connect(options: ConnectOptions & { animatedQr?: 'image' }): Promise<Connection>;
  connect(options: ConnectOptions): Promise<Connection | AnimatedQrConnection>;
  connect(options: ConnectOptions): Promise<Connection | AnimatedQrConnection> {
    return connect(this.consents, this.options.clientId, options, new Date(this.now()));
  }

  /**
   * Creates a payment, starts its authorisation and chooses the SCA method: resolves with a
   * redirect to send the PSU to or a BankID challenge to show, each with the step left, and
   * `waitUntilFinal()` for the status until the payment is executed. If a step before the
   * PSU's SCA fails, the payment is cancelled again.
   */
  pay(options: PayOptions & { animatedQr: 'token' }): Promise<RedirectPayment | AnimatedQrPayment>;
  pay(options: PayOptions & { animatedQr?: 'image' }): Promise<Payment>;
  pay(options: PayOptions): Promise<Payment | AnimatedQrPayment>;
  pay(options: PayOptions): Promise<Payment | AnimatedQrPayment> {
    return pay(this.payments, this.options.clientId, options);
  }
}
