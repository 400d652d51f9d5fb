import { createHash, Hash } from 'crypto';
import { IncomingHttpHeaders } from 'http';
import { Readable } from 'stream';
import busboy from 'busboy';
import { InputError } from '@backstage/errors';
import { PayloadTooLargeError } from './errors';

type Request = Readable & {
  headers: Record<string, string | string[] | undefined>;
};

/** A report body with its SHA-256, hashed chunk by chunk as it arrived. */
export interface ReportBody {
  bytes: Buffer;
  sha256: string;
}

function tooLarge(maxBytes: number) {
  return new PayloadTooLargeError(
    `Report is larger than the limit of ${maxBytes} bytes (dsomm.reports.maxBytes)`,
  );
}

function malformed(error: unknown) {
  return new InputError(
    `Malformed multipart body: ${(error as Error).message}`,
  );
}

/**
 * Counts every byte of the request as it arrives and calls `over` once the total passes
 * `maxBytes`; then stops reading. The request is paused, not destroyed: destroying it would
 * reset the connection before the 413 answer reaches the client. The answer is sent with
 * `Connection: close`, so the rest of the body is never buffered.
 */
function watchSize(req: Request, maxBytes: number, over: () => void) {
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      req.off('data', onData);
      req.pause();
      over();
    }
  };
  req.on('data', onData);
  return () => req.off('data', onData);
}

/** The whole raw body, failing as soon as it passes `maxBytes`. */
function collect(req: Request, maxBytes: number, hash: Hash): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      hash.update(chunk);
      size += chunk.length;
    };
    // Registered first, so that the limit is checked before a chunk is kept.
    const stopWatching = watchSize(req, maxBytes, () => {
      failed = true;
      req.off('data', onData);
      reject(tooLarge(maxBytes));
    });
    req.on('data', onData);
    req.once('end', () => {
      stopWatching();
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
    req.once('error', error => {
      stopWatching();
      reject(error);
    });
  });
}

/** The first file of a multipart/form-data body, with the whole body bounded by `maxBytes`. */
function collectFile(
  req: Request,
  maxBytes: number,
  hash: Hash,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers as IncomingHttpHeaders,
        // The total is bounded below; these stop a body made of many tiny parts.
        limits: { files: 1, fields: 20, parts: 50, fileSize: maxBytes },
      });
    } catch (error) {
      reject(malformed(error));
      return;
    }
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      reject(error);
    };
    // Registered before the pipe, so the limit is checked before busboy sees a chunk.
    const stopWatching = watchSize(req, maxBytes, () =>
      fail(tooLarge(maxBytes)),
    );
    let file: Buffer | undefined;
    parser.on('file', (_name, stream) => {
      if (file) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        hash.update(chunk);
      });
      stream.on('limit', () => fail(tooLarge(maxBytes)));
      stream.on('end', () => {
        file = Buffer.concat(chunks);
      });
    });
    parser.on('error', error => fail(malformed(error)));
    parser.on('close', () => {
      stopWatching();
      if (settled) return;
      settled = true;
      if (file) resolve(file);
      else reject(new InputError('Multipart body has no file part'));
    });
    req.pipe(parser);
  });
}

/**
 * The report in a request: the raw body, or the first file of a multipart/form-data body.
 * Either way the request as a whole may be at most `maxBytes`; a declared Content-Length over
 * it is refused before anything is read. The body is hashed as its chunks arrive, so that a
 * large one never holds the event loop for one long hash.
 */
export async function readReportBody(
  req: Request,
  maxBytes: number,
): Promise<ReportBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw tooLarge(maxBytes);
  }
  const type = String(req.headers['content-type'] ?? '');
  const hash = createHash('sha256');
  const bytes = type.toLowerCase().startsWith('multipart/form-data')
    ? await collectFile(req, maxBytes, hash)
    : await collect(req, maxBytes, hash);
  return { bytes, sha256: hash.digest('hex') };
}
