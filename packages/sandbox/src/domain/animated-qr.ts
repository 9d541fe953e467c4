// BankID's animated QR code as the app reads it: `bankid.<qrStartToken>.<time>.<qrAuthCode>`,
// where `time` is whole seconds since the order was created and `qrAuthCode` the lowercase hex
// HMAC-SHA256 of that time under the order's qrStartSecret. A photo of the screen goes stale
// within seconds, so a code that is old (or claims a time the order has not reached) is
// refused, as the real app refuses it.

import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far behind the order's own time a scanned code may be. */
export const QR_WINDOW_SECONDS = 30;

export interface AnimatedQrCode {
  qrStartToken: string;
  time: number;
  qrAuthCode: string;
}

const PAYLOAD = /^bankid\.([^.\s]+)\.(0|[1-9][0-9]{0,8})\.([0-9a-f]{64})$/;

/** Reads a scanned payload; undefined when it is no animated BankID code at all. */
export function parseAnimatedQr(payload: string): AnimatedQrCode | undefined {
  const match = PAYLOAD.exec(payload.trim());
  if (!match) return undefined;
  return {
    qrStartToken: match[1] as string,
    time: Number(match[2]),
    qrAuthCode: match[3] as string,
  };
}

export function qrAuthCode(qrStartSecret: string, time: number): string {
  return createHmac('sha256', qrStartSecret).update(String(time)).digest('hex');
}

/**
 * Why the app refuses the code for an order created at `createdAt` and holding `qrStartSecret`,
 * or undefined when it accepts it.
 */
export function refuseAnimatedQr(
  code: AnimatedQrCode,
  order: { qrStartSecret: string; createdAt: Date },
  now: Date,
): string | undefined {
  const expected = Buffer.from(qrAuthCode(order.qrStartSecret, code.time), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(code.qrAuthCode, 'hex'))) {
    return 'This QR code was not made for this BankID order: its code does not match the order';
  }
  const orderTime = Math.floor((now.getTime() - order.createdAt.getTime()) / 1000);
  if (code.time > orderTime) {
    return `This QR code claims ${code.time} s into the order, which is only ${orderTime} s old: check the clock that draws it`;
  }
  if (orderTime - code.time > QR_WINDOW_SECONDS) {
    return `This QR code is ${orderTime - code.time} s old; BankID accepts codes at most ${QR_WINDOW_SECONDS} s old: scan the code on the screen now`;
  }
  return undefined;
}
