/**
 * The bytes of an input file on their way to DuckDB. UTF-8 files are read by DuckDB directly (in
 * parallel). Other encodings (Windows-1252, UTF-16) are decoded in Node and fed to DuckDB through
 * a named pipe in a private directory: decoded text never lands in a file on disk. The sha256 of
 * the original bytes is computed on the way, for ingest_log.
 *
 * A file whose line ends are mixed (CRLF and LF: two exports put together) stops DuckDB's CSV
 * reader (strict mode); such a file is read again through the pipe with every line end made LF
 * (`normaliseNewlines`), and only then (review: robustness corpus, test/robustness/corpus.test.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, openSync, closeSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable, type Writable } from 'node:stream';
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
export async function withUtf8Source<T>(
  detected: DetectedFile,
  read: (path: string) => Promise<T>,
  options: { normaliseNewlines?: boolean } = {},
): Promise<T> {
  if (detected.encoding === 'utf-8' && !options.normaliseNewlines) return read(detected.file);
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
    // UTF-8 bytes pass unchanged (invalid lines must still reach DuckDB as they are, to be rejected).
    const steps: (Readable | Transform | Writable)[] = [createReadStream(detected.file)];
    if (detected.encoding !== 'utf-8') steps.push(decode);
    if (options.normaliseNewlines) steps.push(lineFeeds());
    steps.push(createWriteStream(fifo));
    const feeding = pipeline(steps);
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

/** CRLF and lone CR become LF (byte level: the same in UTF-8 and in the decoded text). */
function lineFeeds(): Transform {
  let pendingCR = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const out = Buffer.allocUnsafe(chunk.length + 1);
      let n = 0;
      let i = 0;
      if (pendingCR) {
        out[n++] = 0x0a;
        if (chunk[0] === 0x0a) i = 1;
        pendingCR = false;
      }
      for (; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b !== 0x0d) out[n++] = b;
        else if (i + 1 === chunk.length) pendingCR = true; // a CRLF may be split across chunks
        else {
          out[n++] = 0x0a;
          if (chunk[i + 1] === 0x0a) i++;
        }
      }
      done(null, out.subarray(0, n));
    },
    flush(done) {
      done(null, pendingCR ? Buffer.from([0x0a]) : Buffer.alloc(0));
    },
  });
}
