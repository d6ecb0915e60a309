/**
 * Functions Zoho's Deluge help documents that `deluge run` does not implement (yet): the linter takes them as known
 * (the help pages' own code is not an error), and a run stops at them saying so (DLG4014), not that they do not exist.
 * File and XML functions (https://www.zoho.com/deluge/help/file-methods.html), and date, number, text and list
 * functions of the help (timeBetween, …). Lower case.
 */
export const DOCUMENTED_NOT_RUN: ReadonlySet<string> = new Set([
  'setcharset', 'compress', 'extract', 'converttopdf', 'toxml', 'toxmllist', 'executexpath',
  'getdate', 'gettime', 'getdatetime', 'timebetween',
]);
