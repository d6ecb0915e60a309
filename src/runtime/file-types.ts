/**
 * A file's type (a MIME type) from its name or from what `setFileType` is given. Zoho's pages show both forms:
 * `getFileType()` returns `image/png` for a downloaded picture, `setFileType("pdf")` takes an extension
 * (https://www.zoho.com/deluge/help/file/get-file-type.html, …/set-file-type.html). Shared with emitted programs:
 * imports nothing.
 */

/** The type of a file whose name or given type says nothing known. */
export const UNKNOWN_FILE_TYPE = 'application/octet-stream';

/** The extensions of the files scripts make and send (exports, attachments, documents), with their MIME types. */
const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  ics: 'text/calendar',
  vcf: 'text/vcard',
  pdf: 'application/pdf',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The type a file name's extension stands for (`report.csv`: `text/csv`); {@link UNKNOWN_FILE_TYPE} without a known one. */
export function fileTypeOfName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? UNKNOWN_FILE_TYPE : (TYPES_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? UNKNOWN_FILE_TYPE);
}

/**
 * The type `setFileType` sets: a MIME type as given (`application/pdf`), an extension as its MIME type (`pdf`, `.pdf`);
 * for an extension not in the table, the error's message (a made-up type is not sent).
 */
export function fileTypeSet(given: string): { readonly type: string } | { readonly problem: string } {
  const type = given.trim().toLowerCase();
  if (/^[\w.+-]+\/[\w.+-]+$/.test(type)) return { type };
  const known = TYPES_BY_EXTENSION[type.replace(/^\./, '')];
  return known !== undefined
    ? { type: known }
    : { problem: `setFileType: "${given}" is not a file type deluge run knows (give a MIME type such as "application/pdf", or an extension such as "pdf" or "csv")` };
}

/** The error's message for a blank name given to `toFile` or `setFileName`; undefined for a name that can be used. */
export function blankNameProblem(fn: 'toFile' | 'setFileName', name: string): string | undefined {
  return name.trim() === '' ? `${fn}: the ${fn === 'toFile' ? 'file name' : 'name'} is empty` : undefined;
}

/** What `getFileType` returns: the MIME type alone, lower case (`text/csv;charset=UTF-8` → `text/csv`). */
export function mimeTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase() || UNKNOWN_FILE_TYPE;
}
