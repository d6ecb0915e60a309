/**
 * A `multipart/form-data` body as bytes, for `deluge run` and emitted TypeScript programs alike (the prelude generator
 * copies this file's declarations into programs: it imports nothing).
 *
 * It is written here rather than left to a FormData: undici (and so Node's fetch) serialises a FormData the way the
 * HTML spec submits a form, turning every line break of a field's value into CRLF, so `line1\nline2` arrived as
 * `line1\r\nline2`. A script's value is sent as written, as curl sends it (`--form-string`, `-F 'f=<file'`); the
 * layout is curl's and undici's: a `--boundary` line, `Content-Disposition: form-data; name="…"` (and `filename="…"`
 * with a `Content-Type` for a file), a blank line, the content, CRLF; `--boundary--` CRLF at the end.
 */

/** A part as the request IR and emitted programs hold it: a text field, or a file sent as its bytes. */
export type FormPart =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly file: { readonly name: string; readonly contentType: string; readonly bytes: Uint8Array } };

/** 24 dashes (curl's) and 24 random hex digits: 96 bits, so no content the script sends can be expected to hold it. */
export function newBoundary(): string {
  const random = crypto.getRandomValues(new Uint8Array(12));
  return `${'-'.repeat(24)}${Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** The body of `parts` under `boundary`: texts as UTF-8, files' bytes untouched, nothing normalised. */
export function multipartBody(parts: readonly FormPart[], boundary: string): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapedParameter(part.name)}"`;
    if ('file' in part) {
      // A file without a name is sent without `filename`, as a FormData sends a nameless Blob.
      if (part.file.name !== '') head += `; filename="${escapedParameter(part.file.name)}"`;
      head += `\r\nContent-Type: ${partContentType(part.file.contentType)}`;
      chunks.push(encoder.encode(`${head}\r\n\r\n`), part.file.bytes, encoder.encode('\r\n'));
    } else {
      chunks.push(encoder.encode(`${head}\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * A part's name or file name inside its quotes: `"`, CR and LF percent-encoded, as curl (and undici) write them
 * (the HTML spec's rule); anything else as it is.
 */
function escapedParameter(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A file's content type as given (curl sends `;type=` as written); `application/octet-stream` for none, or for one
 * with characters a header line cannot hold, as a Blob of that type gets no type.
 */
export function partContentType(contentType: string): string {
  return contentType !== '' && /^[\x20-\x7e]+$/.test(contentType) ? contentType : 'application/octet-stream';
}
