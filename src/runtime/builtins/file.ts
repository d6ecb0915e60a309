import { utf8Bytes, utf8Text } from '../byte-codecs.js';
import { fail } from '../errors.js';
import { blankNameProblem, fileTypeOfName, fileTypeSet, mimeTypeOf } from '../file-types.js';
import { textForm } from '../text-form.js';
import { FileValue, type Value } from '../values.js';
import type { BuiltinSpec } from './registry.js';

/**
 * The file functions (https://www.zoho.com/deluge/help/file-methods.html): a file's name, size, type and content, and
 * `toFile`, which wraps text in a file. A file is what `invokeurl` returns with `response-format: FILE` (or for a
 * download), what `zoho.encryption.base64DecodeToFile` and `toFile` make, and what `invokeurl`'s `files` sends. Each
 * is a method only, as the pages write them (`isFile`, which has both forms, is with the common functions).
 * `setCharSet` is not run yet: its page says it changes how the file is encoded when `invokeurl` sends it, which
 * `deluge run` does not model.
 */

const page = (name: string): string => `https://www.zoho.com/deluge/help/file/${name}.html`;

function fileOf(receiver: Value): FileValue {
  return receiver as FileValue;
}

export const FILE_BUILTINS: readonly BuiltinSpec[] = [
  {
    name: 'getFileName',
    area: 'file',
    receiver: 'FILE',
    form: 'method',
    params: [],
    returns: 'TEXT',
    summary: "The file's name, extension included (a download's from its Content-Disposition or its URL's last segment).",
    docs: page('get-file-name'),
    impl: (_ctx, receiver) => fileOf(receiver).name,
  },
  {
    name: 'getFileSize',
    area: 'file',
    receiver: 'FILE',
    form: 'method',
    params: [],
    returns: 'TEXT',
    summary: "The file's size in bytes, as TEXT (`\"545\"`): Zoho's page gives the result's type as TEXT (`.toNumber()` to compute with it).",
    docs: page('get-file-size'),
    impl: (_ctx, receiver) => String(fileOf(receiver).bytes.length),
  },
  {
    name: 'getFileType',
    area: 'file',
    receiver: 'FILE',
    form: 'method',
    params: [],
    returns: 'TEXT',
    summary: "The file's MIME type, lower case and without parameters (`image/png`; a download's from its Content-Type).",
    docs: page('get-file-type'),
    impl: (_ctx, receiver) => mimeTypeOf(fileOf(receiver).contentType),
  },
  {
    name: 'getFileContent',
    area: 'file',
    receiver: 'FILE',
    form: 'method',
    params: [],
    returns: 'TEXT',
    summary: "The file's content as text, read as UTF-8 (bytes that are not UTF-8 become U+FFFD: a picture gives \"junk values\", as the page says).",
    docs: page('get-file-content'),
    impl: (_ctx, receiver) => utf8Text(fileOf(receiver).bytes),
  },
  {
    name: 'setFileName',
    area: 'file',
    receiver: 'FILE',
    form: 'method',
    params: [{ name: 'name', type: 'TEXT' }],
    returns: 'VOID',
    mutates: true,
    summary: "Renames the file (what `getFileName` and `invokeurl`'s `files` then give); its type and content stay as they were.",
    docs: page('set-file-name'),
    impl: (_ctx, receiver, args) => {
      const name = args[0] === null ? '' : textForm(args[0]!);
      const problem = blankNameProblem('setFileName', name);
      if (problem !== undefined) fail('DLG4001', problem);
      fileOf(receiver).name = name;
      return null;
    },
  },
  {
    name: 'setFileType',
    area: 'file',
    receiver: 'FILE',
    form: 'method',
    params: [{ name: 'type', type: 'TEXT' }],
    returns: 'VOID',
    mutates: true,
    summary:
      'Sets the type the file is sent as: a MIME type (`application/pdf`) or an extension (`pdf`, as the page writes it). The content is not converted.',
    docs: page('set-file-type'),
    impl: (_ctx, receiver, args) => {
      const set = fileTypeSet(args[0] === null ? '' : textForm(args[0]!));
      fileOf(receiver).contentType = 'type' in set ? set.type : fail('DLG4001', set.problem);
      return null;
    },
  },
  {
    name: 'toFile',
    area: 'file',
    receiver: ['TEXT', 'LIST', 'KEY-VALUE', 'COLLECTION'],
    form: 'method',
    params: [{ name: 'fileName', type: 'TEXT' }],
    returns: 'FILE',
    summary:
      "A file holding the value's text in UTF-8 (a list or map as it prints), named as given; its type follows the name's extension (`text/csv` for `report.csv`).",
    docs: 'https://www.zoho.com/deluge/help/functions/file/to-file.html',
    impl: (_ctx, receiver, args) => {
      const name = args[0] === null ? '' : textForm(args[0]!);
      const problem = blankNameProblem('toFile', name);
      if (problem !== undefined) fail('DLG4001', problem);
      return new FileValue(name, fileTypeOfName(name), utf8Bytes(textForm(receiver)));
    },
  },
];
