import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join, parse } from 'node:path';
import type { Db } from '@server/core/db/database';
import { type MailboxSettings, receiveMessage } from './mailbox.service';

/**
 * The drop folder: `.eml` files put in MAILBOX_DROP_DIR become mailbox messages and are moved to
 * `processed/` (recorded as a signal, or already known) or `failed/` (kept with a parse error).
 * A file is claimed by renaming it into `.processing/` — atomic on one file system — so several
 * app servers sharing the folder never take the same file. A file must be untouched for a
 * moment before it is taken, so a copy still being written is not read half.
 */
const CLAIM_DIR = '.processing';
const STALE_CLAIM_MS = 10 * 60_000;
const HEAD_BYTES = 64 * 1024;

export interface DropResult {
  processed: number;
  failed: number;
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function freeName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return join(dir, name);
  const { name: base, ext } = parse(name);
  return join(dir, `${base}-${Date.now()}-${randomUUID().slice(0, 8)}${ext}`);
}

export async function processDropDir(db: Db, settings: MailboxSettings, dir: string, options: { minAgeMs?: number } = {}): Promise<DropResult> {
  const minAgeMs = options.minAgeMs ?? 2000;
  const claims = join(dir, CLAIM_DIR);
  await Promise.all(['processed', 'failed', CLAIM_DIR].map((sub) => mkdir(join(dir, sub), { recursive: true })));

  // Claims left behind by a server that stopped mid-file go back into the folder.
  for (const entry of await readdir(claims)) {
    const path = join(claims, entry);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_CLAIM_MS) await rename(path, freeName(dir, entry.replace(/^[0-9a-f-]{36}__/, ''))).catch(() => undefined);
  }

  const result: DropResult = { processed: 0, failed: 0 };
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || !/\.eml$/i.test(entry.name)) continue;
    const source = join(dir, entry.name);
    const info = await stat(source).catch(() => undefined);
    if (!info || Date.now() - info.mtimeMs < minAgeMs) continue;
    const claimed = join(claims, `${randomUUID()}__${entry.name}`);
    try {
      await rename(source, claimed);
    } catch {
      continue; // another server took it
    }
    let received;
    try {
      const tooLarge = info.size > settings.limits.maxMessageBytes;
      const raw = tooLarge ? await readHead(claimed) : await readFile(claimed);
      received = await receiveMessage(db, settings, raw, { source: 'drop', ...(tooLarge ? { fullSize: info.size } : {}) });
    } catch (error) {
      // Not stored (the database): the file goes back and is tried again at the next round.
      await rename(claimed, source).catch(() => undefined);
      throw error;
    }
    const ok = received.status === 'recorded';
    await rename(claimed, freeName(join(dir, ok ? 'processed' : 'failed'), entry.name));
    if (ok) result.processed += 1;
    else result.failed += 1;
  }
  return result;
}
