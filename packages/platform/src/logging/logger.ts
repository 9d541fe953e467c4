import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * What a service call carries from the request that caused it: the request id (sent on to
 * banks, written in the status history) and a logger whose lines carry it.
 */
export interface CallContext {
  requestId: string;
  logger: Logger;
  /**
   * The PSU-* headers of the TPP's request, where its API passes them on to the bank (payment
   * initiation); absent for work no TPP asked for (the payment status poller).
   */
  psu?: RequestPsu;
}

/** PSU headers of a TPP's request, by the name Bankbridge gives them. */
export interface RequestPsu {
  ipAddress?: string;
  userAgent?: string;
  corporateId?: string;
}

const SENSITIVE_QUERY_PARAMS = new Set([
  'code',
  'client_secret',
  'access_token',
  'refresh_token',
  'id_token',
  'code_verifier',
  'token',
]);

/** A URL for the logs, with the values of secret-bearing query parameters removed. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of params.keys()) {
    if (SENSITIVE_QUERY_PARAMS.has(key.toLowerCase())) params.set(key, '[redacted]');
  }
  return `${url.slice(0, q)}?${params.toString()}`;
}

/**
 * Structured JSON logs. Every line a request causes carries its `reqId` (the X-Request-ID);
 * credentials are redacted by path, and request URLs lose secret query values.
 */
export function createLogger(
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'bankbridge' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'headers.authorization',
          'client_secret',
          'secret',
          'access_token',
          'refresh_token',
          'password',
          'body.client_secret',
          'body.access_token',
          'body.refresh_token',
          // Bankbridge's own secrets, should the configuration or a connector's options be logged.
          'clientSecret',
          'credentials.clientSecret',
          'bankCredentials.clientSecret',
          'config.bankCredentials.clientSecret',
          'secretKey',
          'config.secretKey',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method?: string; url?: string; ip?: string }) => ({
          method: req.method,
          url: req.url ? redactUrl(req.url) : undefined,
          remoteAddress: req.ip,
        }),
        err: pino.stdSerializers.err,
      },
    },
    options.destination ?? bufferedStdout(),
  );
}

/**
 * Log lines are written in 4 KiB batches instead of one system call each: at thousands of
 * requests per second the synchronous writes cost more than the requests. Batches are
 * flushed at least every second and at exit, so a line is late by a second at most.
 */
function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const timer = setInterval(() => destination.flush(), 1000);
  timer.unref();
  process.once('exit', () => destination.flushSync());
  return destination;
}
