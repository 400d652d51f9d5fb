import { IncomingHttpHeaders } from 'http';
import { Readable } from 'stream';
import busboy from 'busboy';
import { InputError } from '@backstage/errors';
import { PayloadTooLargeError } from './errors';

function tooLarge(maxBytes: number) {
  return new PayloadTooLargeError(
    `Report is larger than the limit of ${maxBytes} bytes (dsomm.reports.maxBytes)`,
  );
}

/** Collects a stream into one buffer, failing as soon as it passes `maxBytes`. */
async function collect(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > maxBytes) {
      // Stop reading here: nothing past the limit is buffered.
      stream.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * The report in a request: the raw body, or the first file of a multipart/form-data body.
 * A declared Content-Length over the limit is refused before anything is read.
 */
export async function readReportBody(
  req: Readable & { headers: Record<string, string | string[] | undefined> },
  maxBytes: number,
): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw tooLarge(maxBytes);
  }
  const type = String(req.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    return collect(req, maxBytes);
  }
  return new Promise<Buffer>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers as IncomingHttpHeaders,
        limits: { files: 1, fileSize: maxBytes },
      });
    } catch (error) {
      reject(
        new InputError(`Malformed multipart body: ${(error as Error).message}`),
      );
      return;
    }
    let found = false;
    parser.on('file', (_name, file) => {
      found = true;
      const chunks: Buffer[] = [];
      file.on('data', (chunk: Buffer) => chunks.push(chunk));
      file.on('limit', () => {
        req.unpipe(parser);
        reject(tooLarge(maxBytes));
      });
      file.on('end', () => {
        if (!(file as unknown as { truncated: boolean }).truncated) {
          resolve(Buffer.concat(chunks));
        }
      });
    });
    parser.on('error', error =>
      reject(
        new InputError(`Malformed multipart body: ${(error as Error).message}`),
      ),
    );
    parser.on('close', () => {
      if (!found) reject(new InputError('Multipart body has no file part'));
    });
    req.pipe(parser);
  });
}
