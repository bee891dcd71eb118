/**
 * The small proof of work the public meldpunt asks instead of a third-party CAPTCHA: find a hex
 * nonce so that SHA-256(token + ":" + nonce) starts with `difficulty` zero bits (the server's
 * signals.public.ts checks it). WebCrypto digests run off the main thread; the solver awaits
 * them in batches and yields between batches, so the page stays responsive.
 */

export type Digest = (data: Uint8Array) => Promise<ArrayBuffer>;

export interface Challenge {
  token: string;
  difficulty: number;
  expiresAt: string;
}

export interface SolvedChallenge {
  token: string;
  nonce: string;
  expiresAt: string;
}

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

const webDigest: Digest = (data) => crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface SolveOptions {
  digest?: Digest;
  /** Digests in flight at once; the page yields to input and rendering between batches. */
  batchSize?: number;
  signal?: AbortSignal;
}

/** The first nonce (0, 1, 2, … in hex) that does the work. */
export async function solveChallenge(token: string, difficulty: number, options: SolveOptions = {}): Promise<string> {
  const { digest = webDigest, batchSize = 512, signal } = options;
  const encoder = new TextEncoder();
  for (let start = 0; ; start += batchSize) {
    signal?.throwIfAborted();
    const nonces = Array.from({ length: batchSize }, (_, i) => (start + i).toString(16));
    const digests = await Promise.all(nonces.map((nonce) => digest(encoder.encode(`${token}:${nonce}`))));
    const index = digests.findIndex((bytes) => leadingZeroBits(new Uint8Array(bytes)) >= difficulty);
    if (index >= 0) return nonces[index]!;
    await nextTask();
  }
}

/** A solution is used up a minute before the server would call it expired. */
const MARGIN_MS = 60_000;

/**
 * One solved challenge at a time for a report: `prepare()` starts the work early (when the
 * reporter starts typing), `take()` waits for it or starts it. A solution stays until `used()`:
 * a report the server refused for its content did not use it and may send it again.
 */
export class ChallengeSolver {
  private pending: Promise<SolvedChallenge> | undefined;

  constructor(
    private readonly fetchChallenge: () => Promise<Challenge>,
    private readonly options: SolveOptions & { now?: () => number } = {},
  ) {}

  prepare(): void {
    if (this.pending) return;
    const started = this.solve();
    this.pending = started;
    // A failed early start is forgotten; take() tries again and reports its own failure.
    started.catch(() => {
      if (this.pending === started) this.pending = undefined;
    });
  }

  async take(): Promise<SolvedChallenge> {
    if (this.pending) {
      try {
        const solved = await this.pending;
        if (Date.parse(solved.expiresAt) - MARGIN_MS > this.now()) return solved;
      } catch {
        // Start again below.
      }
    }
    this.pending = this.solve();
    return this.pending;
  }

  /** The server accepted (or rejected) this solution: the next report needs a new one. */
  used(): void {
    this.pending = undefined;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async solve(): Promise<SolvedChallenge> {
    const challenge = await this.fetchChallenge();
    const nonce = await solveChallenge(challenge.token, challenge.difficulty, this.options);
    return { token: challenge.token, nonce, expiresAt: challenge.expiresAt };
  }
}
