/**
 * A TPP's webhook receiver on a real loopback port: it records every request (headers and raw
 * body, in arrival order) and answers as told, one answer per request, then 200.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: the event JSON, read field by field
  json: any;
}

/** 200, another status, or a hang past the sender's deadline (`delayMs`, then 200). */
export type Answer = number | { delayMs: number };

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Answers for the next requests, in order. */
  answers: Answer[];
  /** A status to answer for an event (by its JSON) instead of the queued answers, if any. */
  refuse: ((json: { resource: { id: string } }) => number | undefined) | undefined;
  /** Stops listening (connections refused) until `start` again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    port,
    received: [],
    answers: [],
    refuse: undefined,
    stop: async () => {},
    start: async () => {},
  };
  let server: http.Server | undefined;
  const listen = async () => {
    const current = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        const answer = receiver.refuse?.(JSON.parse(body)) ?? receiver.answers.shift() ?? 200;
        const reply = (status: number) => {
          if (status === 200)
            receiver.received.push({ headers: request.headers, body, json: JSON.parse(body) });
          response.writeHead(status).end();
        };
        if (typeof answer === 'number') reply(answer);
        else setTimeout(() => reply(200), answer.delayMs).unref();
      });
    });
    server = current;
    await new Promise<void>((resolve) => current.listen(receiver.port, '127.0.0.1', resolve));
    receiver.port = (current.address() as AddressInfo).port;
    receiver.url = `http://127.0.0.1:${receiver.port}`;
  };
  receiver.start = listen;
  receiver.stop = async () => {
    const current = server;
    if (!current) return;
    current.closeAllConnections();
    await new Promise((resolve) => current.close(resolve));
    server = undefined;
  };
  await listen();
  return receiver;
}
