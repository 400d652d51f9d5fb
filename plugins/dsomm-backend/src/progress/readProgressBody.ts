import { Readable } from 'stream';
import { PayloadTooLargeError } from '../reports/errors';

function tooLarge(maxBytes: number) {
  return new PayloadTooLargeError(
    `Team progress is larger than the limit of ${maxBytes} bytes (dsomm.progress.maxBytes)`,
  );
}

/**
 * The raw request body, refused with 413 once it passes `maxBytes` (or when its declared
 * length does, before anything is read): nothing past the limit is buffered.
 */
export async function readProgressBody(
  req: Readable & { headers: Record<string, string | string[] | undefined> },
  maxBytes: number,
): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
