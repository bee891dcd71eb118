import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- a test (never bundled) holds the page to the server's own rules
import { solveChallenge as serverSolve } from '@server/modules/signals/signals.public';
import { type Challenge, ChallengeSolver, leadingZeroBits, solveChallenge } from './proof-of-work';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

describe('leadingZeroBits', () => {
  it('counts zero bits from the start, across whole zero bytes', () => {
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x00, 0x1f]))).toBe(19);
    expect(leadingZeroBits(Uint8Array.from([0x00, 0x00]))).toBe(16);
  });
});

describe('solveChallenge (WebCrypto)', () => {
  it('finds the same nonce as the server’s solver, and its hash has the leading zero bits', async () => {
    const token = '1767225600000.12.abcdefghijklmnop.signature';
    const nonce = await solveChallenge(token, 12);
    expect(nonce).toBe(serverSolve(token, 12));
    expect(leadingZeroBits(sha256(`${token}:${nonce}`))).toBeGreaterThanOrEqual(12);
  });

  it('gives the same answer whatever the batch size, and nonce 0 when no work is asked', async () => {
    const token = 'token-for-batches';
    const expected = serverSolve(token, 8);
    expect(await solveChallenge(token, 8, { batchSize: 1 })).toBe(expected);
    expect(await solveChallenge(token, 8, { batchSize: 700 })).toBe(expected);
    expect(await solveChallenge(token, 0)).toBe('0');
  });

  it('stops when the reporter leaves the page', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(solveChallenge('token', 30, { signal: controller.signal })).rejects.toThrow();
  });
});

describe('ChallengeSolver', () => {
  const challenges = (expiresAt = '2030-01-01T00:00:00.000Z') => {
    let issued = 0;
    const fetchChallenge = async (): Promise<Challenge> => {
      issued += 1;
      return { token: `token-${issued}`, difficulty: 4, expiresAt };
    };
    return { fetchChallenge, issued: () => issued };
  };

  it('solves once when prepared early and hands out that solution until it is used', async () => {
    const source = challenges();
    const solver = new ChallengeSolver(source.fetchChallenge);
    solver.prepare();
    solver.prepare();
    const first = await solver.take();
    // A report the server refused for its content did not spend the challenge.
    expect(await solver.take()).toEqual(first);
    expect(source.issued()).toBe(1);
    solver.used();
    const second = await solver.take();
    expect(second.token).toBe('token-2');
    expect(leadingZeroBits(sha256(`${second.token}:${second.nonce}`))).toBeGreaterThanOrEqual(4);
  });

  it('asks a new challenge when the solution is about to expire', async () => {
    const source = challenges('2026-03-01T12:00:30.000Z');
    const solver = new ChallengeSolver(source.fetchChallenge, { now: () => Date.parse('2026-03-01T12:00:00.000Z') });
    await solver.take();
    await solver.take();
    expect(source.issued()).toBe(2);
  });

  it('starts again after an early start failed (e.g. offline while typing)', async () => {
    let calls = 0;
    const solver = new ChallengeSolver(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return { token: 'token-after', difficulty: 2, expiresAt: '2030-01-01T00:00:00.000Z' };
    });
    solver.prepare();
    await expect(solver.take()).resolves.toMatchObject({ token: 'token-after' });
    expect(calls).toBe(2);
  });
});
