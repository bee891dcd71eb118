import iconv from 'iconv-lite';
import type { ImportMapping } from './imports.mapping';

/**
 * Bytes → text. Exports come as UTF-8 (with or without BOM) or Windows-1252; with `auto` a file
 * that is not valid UTF-8 is read as Windows-1252 (every byte is a character there, so it never
 * fails — which is why valid UTF-8 is tried first). The encoding used is reported.
 */
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export class ImportFileError extends Error {
  constructor(
    readonly reason: 'encoding' | 'binary' | 'empty' | 'header' | 'malformed',
    message: string,
    readonly detail: { line?: number; expected?: string[]; found?: string[]; missing?: string[] } = {},
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeFile(bytes: Uint8Array, setting: ImportMapping['encoding']): { text: string; encoding: DetectedEncoding } {
  if (bytes.length === 0) throw new ImportFileError('empty', 'The file is empty.');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  if (bytes.subarray(0, 8192).includes(0)) throw new ImportFileError('binary', 'This is not a text (CSV) file: it contains NUL bytes.');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (setting === 'windows-1252') return { text: iconv.decode(Buffer.from(body), 'windows-1252'), encoding: 'windows-1252' };
  try {
    return { text: strictUtf8.decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    if (setting === 'utf-8') {
      const line = lineOfFirstInvalidUtf8(body);
      throw new ImportFileError('encoding', `The file is not valid UTF-8 (first invalid byte on line ${line}); the mapping requires UTF-8.`, { line });
    }
    return { text: iconv.decode(Buffer.from(body), 'windows-1252'), encoding: 'windows-1252' };
  }
}

function lineOfFirstInvalidUtf8(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      try {
        strictUtf8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
