/**
 * BankID's animated QR code: what the PSU's phone scans changes every second, so a photo of the
 * screen taken elsewhere is worthless seconds later. The code is
 * `bankid.<qrStartToken>.<time>.<qrAuthCode>`, `time` being the whole seconds since the order
 * started (as the relying party saw its answer) and `qrAuthCode` the lowercase hex
 * HMAC-SHA256 of `String(time)` keyed with the order's `qrStartSecret`. Pure: the time is
 * passed in, so every poll answers the code of its own second.
 */
import { createHmac } from 'node:crypto';

/** What the bank handed over when the order started, and when that was. */
export interface QrStart {
  qrStartToken: string;
  qrStartSecret: string;
  startedAt: Date;
}

/** The whole seconds from the order's start to `now`; a clock behind the start counts 0. */
export function qrTime(startedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000));
}

export function qrAuthCode(qrStartSecret: string, time: number): string {
  return createHmac('sha256', qrStartSecret).update(String(time)).digest('hex');
}

/** The code to show at `now`. */
export function animatedQrPayload(start: QrStart, now: Date): string {
  const time = qrTime(start.startedAt, now);
  return `bankid.${start.qrStartToken}.${time}.${qrAuthCode(start.qrStartSecret, time)}`;
}
