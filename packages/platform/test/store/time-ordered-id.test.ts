// Ids for rows written often: valid version 7 UUIDs whose order is their time's.

import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../src/store/time-ordered-id.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a version 7 UUID carrying its time in milliseconds', () => {
    const at = Date.parse('2026-12-08T01:02:03.456Z');
    const id = timeOrderedId(at);
    expect(id).toMatch(V7);
    expect(Number.parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts as text in the order of its times, and is never the same twice', () => {
    const start = Date.parse('2026-12-08T00:00:00Z');
    const ids = Array.from({ length: 2000 }, (_, i) => timeOrderedId(start + i * 7919));
    expect([...ids].sort()).toEqual(ids);
    const sameMillisecond = Array.from({ length: 10_000 }, () => timeOrderedId(start));
    expect(new Set(sameMillisecond).size).toBe(10_000);
    for (const id of sameMillisecond) expect(id).toMatch(V7);
  });
});
