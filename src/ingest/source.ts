/**
 * The bytes of an input file on their way to DuckDB. UTF-8 files are read by DuckDB directly (in
 * parallel). Other encodings (Windows-1252, UTF-16) are decoded in Node and fed to DuckDB through
 * a named pipe in a private directory: decoded text never lands in a file on disk. The sha256 of
 * the original bytes is computed on the way, for ingest_log.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, openSync, closeSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { decoderFor } from '../encoding.js';
import type { DetectedFile } from './detect.js';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Runs `read(path)` with a path DuckDB can read as UTF-8: the file itself, or a pipe fed with its
 * decoded text while `read` runs.
 */
export async function withUtf8Source<T>(detected: DetectedFile, read: (path: string) => Promise<T>): Promise<T> {
  if (detected.encoding === 'utf-8') return read(detected.file);
  const dir = mkdtempSync(join(tmpdir(), 'mev-'));
  const fifo = join(dir, 'input.csv');
  try {
    const made = spawnSync('mkfifo', ['-m', '600', fifo]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr?.toString() ?? ''}`);
    const decoder = decoderFor(detected.encoding);
    const decode = new Transform({
      transform(chunk: Buffer, _enc, done) {
        done(null, Buffer.from(decoder.decode(chunk, { stream: true }).replace(/^\uFEFF/, ''), 'utf8'));
      },
      flush(done) {
        done(null, Buffer.from(decoder.decode(), 'utf8'));
      },
    });
    const feeding = pipeline(createReadStream(detected.file), decode, createWriteStream(fifo));
    const reading = read(fifo);
    try {
      const result = await reading;
      await feeding.catch(() => undefined);
      return result;
    } catch (error) {
      // DuckDB failed before or while reading: open the reading end ourselves so the writer is
      // not left waiting for a reader, then let it fail.
      try {
        closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
      } catch {
        /* the writer has already gone */
      }
      await feeding.catch(() => undefined);
      throw error;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
