/**
 * The one registry of diagnostic codes. Codes are stable: tests, docs and users' suppressions refer to them.
 * Ranges: DLG0xxx command line and configuration, DLG1xxx lexing, DLG2xxx parsing, DLG3xxx resolving, DLG4xxx runtime, DLG5xxx lint, DLG6xxx emit.
 */
export type Severity = 'error' | 'warning';

import { CORRECTNESS_CODES } from './lint-codes/correctness.js';
import { DELETE_RECORDS_CODES } from './lint-codes/delete-records.js';
import { HTTP_CODES } from './lint-codes/http.js';

export interface CodeInfo {
  /** kebab-case name, used as `ruleId` for non-lint diagnostics' docs. */
  readonly name: string;
  readonly severity: Severity;
  /** One line: what the code means. */
  readonly summary: string;
}

export const CODES = {
  // Command line
  DLG0001: { name: 'unreadable-file', severity: 'error', summary: 'An input file that does not exist or cannot be read.' },
  DLG0002: { name: 'usage', severity: 'error', summary: 'An unknown command or flag, or a flag with a bad value.' },
  DLG0003: { name: 'unwritable-file', severity: 'error', summary: 'An output file or folder that cannot be written.' },
  DLG0004: { name: 'bad-config', severity: 'error', summary: 'A configuration or data file (`deluge.config.json`, a `--stub` file, the sandbox\'s `--data`) that is not valid JSON or has a wrong setting.' },
  DLG0005: { name: 'unknown-connection', severity: 'error', summary: 'A script names a connection that `deluge.connections.json` does not define.' },
  DLG0006: { name: 'bad-connections', severity: 'error', summary: 'A connections file that is not valid, or a connection missing a setting (an unset `${ENV}` variable, no client id).' },
  DLG0007: { name: 'authorization-failed', severity: 'error', summary: 'A connection could not get a token (invalid client, revoked refresh token, throttled token endpoint).' },
  // Lexing
  DLG1001: { name: 'unexpected-character', severity: 'error', summary: 'A character that cannot start any Deluge token.' },
  DLG1002: { name: 'unterminated-string', severity: 'error', summary: 'A text literal that is never closed.' },
  DLG1003: { name: 'unterminated-comment', severity: 'error', summary: 'A /* block comment */ that is never closed.' },
  DLG1004: { name: 'smart-quotes', severity: 'error', summary: 'Typographic quotes (“ ” ‘ ’) used where straight quotes are needed.' },
  // Parsing
  DLG2001: { name: 'missing-semicolon', severity: 'error', summary: 'A statement is not ended with `;`.' },
  DLG2002: { name: 'unexpected-token', severity: 'error', summary: 'A token the grammar does not allow here.' },
  DLG2003: { name: 'unclosed-bracket', severity: 'error', summary: 'A `(`, `[` or `{` that is never closed.' },
  DLG2004: { name: 'unmatched-bracket', severity: 'error', summary: 'A closing bracket with no matching opening one, or of another kind than the bracket it closes.' },
  DLG2005: { name: 'no-while-loop', severity: 'error', summary: 'Deluge has no `while` loop.' },
  DLG2006: { name: 'no-c-style-for', severity: 'error', summary: 'Deluge has no C-style `for (…; …; …)` loop.' },
  DLG2007: { name: 'single-equals-comparison', severity: 'warning', summary: 'A single `=` comparing inside a condition: Zoho accepts it, `==` says it clearly.' },
  DLG2008: { name: 'task-parameter-comma', severity: 'error', summary: 'Parameters of a task block (`invokeurl [...]`) separated by commas.' },
  DLG2009: { name: 'no-ternary-operator', severity: 'error', summary: 'Deluge has no `?:` operator.' },
  DLG2010: { name: 'invalid-assignment-target', severity: 'error', summary: 'The left side of `=` is not a variable or a field.' },
  DLG2011: { name: 'mixed-collection-literal', severity: 'error', summary: 'A `{…}` literal mixing `key: value` entries and plain elements.' },
  DLG2012: { name: 'no-increment-operator', severity: 'error', summary: 'Deluge has no `++` or `--` operator.' },
  DLG2014: { name: 'nesting-too-deep', severity: 'error', summary: 'Brackets or expressions nested too deeply to parse (hundreds of levels), or a chain of operators nested more than 1,200 deep or of more than 500 calls or prefix operators.' },
  DLG2013: { name: 'missing-condition-parentheses', severity: 'error', summary: 'An `if` condition not wrapped in parentheses.' },
  DLG2015: { name: 'unused-comparison', severity: 'warning', summary: 'A comparison written as a statement (`total == 0;`): its result is not used; `=` assigns.' },
  DLG2016: { name: 'curl-command', severity: 'error', summary: 'A curl command (the other sample of Zoho\'s API pages) where a Deluge script is expected: `deluge import` converts it.' },
  DLG2017: { name: 'ds-page-header', severity: 'error', summary: 'The header of a page in a .ds file (`htmlpage Name(params)` … `content`) before the page\'s script: the page editor holds only what follows it.' },
  DLG2018: { name: 'loop-control-outside-loop', severity: 'error', summary: '`break` or `continue` outside every `for each` loop of its function or script.' },
  DLG2019: { name: 'script-too-long', severity: 'error', summary: 'A text longer than deluge parses (2,000,000 characters): far past any script, and parsing it would take gigabytes of memory.' },
  // Runtime (deluge run): catchable by try/catch unless marked as a limit or an unsupported feature
  DLG4001: { name: 'type-mismatch', severity: 'error', summary: 'An operator or function applied to a value of the wrong type.' },
  DLG4002: { name: 'division-by-zero', severity: 'error', summary: 'Division or remainder by zero.' },
  DLG4003: { name: 'index-out-of-range', severity: 'error', summary: 'A list or text index below zero or past the end.' },
  DLG4004: { name: 'invalid-conversion', severity: 'error', summary: 'A value that cannot be converted (`"12a".toNumber()`, `"".toDecimal()`).' },
  DLG4005: { name: 'null-value', severity: 'error', summary: 'A function applied to a null value (`Value is empty and … cannot be applied`).' },
  DLG4006: { name: 'unknown-function', severity: 'error', summary: 'A function or method that does not exist for the value it is called on.' },
  DLG4007: { name: 'wrong-arguments', severity: 'error', summary: 'A function called with the wrong number or types of arguments.' },
  DLG4008: { name: 'undefined-variable', severity: 'error', summary: 'A variable read before any value was assigned to it.' },
  DLG4009: { name: 'thrown', severity: 'error', summary: 'An error raised by the script with `throw` and not caught.' },
  DLG4010: { name: 'statement-limit', severity: 'error', summary: 'The script executed more statements than allowed (`--max-statements`, default 200,000).' },
  DLG4011: { name: 'call-depth-limit', severity: 'error', summary: 'Function calls nested deeper than 75 (unbounded recursion).' },
  DLG4012: { name: 'time-limit', severity: 'error', summary: 'The script ran longer than allowed (`--timeout`).' },
  DLG4013: { name: 'unsupported-statement', severity: 'error', summary: 'A statement of another Zoho product (Creator forms, pages) that `deluge run` cannot perform.' },
  DLG4014: { name: 'unsupported-task', severity: 'error', summary: 'An integration task with no local implementation and no stub (`zoho.books.*`, `zoho.cliq.*`, …), or a documented function deluge run does not implement yet (`executeXPath`, `setCharSet`, toWords in French, …).' },
  DLG4015: { name: 'invalid-date', severity: 'error', summary: 'Text that is not a valid date-time, or a date-time pattern that cannot be used.' },
  DLG4016: { name: 'invalid-json', severity: 'error', summary: 'Text that is not valid JSON where JSON is required (`toMap`, `getJSON`, `toJSONList`).' },
  DLG4017: { name: 'number-overflow', severity: 'error', summary: 'A NUMBER result outside the 64-bit range.' },
  DLG4018: { name: 'invalid-argument', severity: 'error', summary: 'An argument of the right type but an unusable value (a negative length, an end before the start), or a task block without a key it needs (`invokeurl` without `url`, `sendmail` without `from` or `to`).' },
  DLG4019: { name: 'unknown-user-function', severity: 'error', summary: 'A call to a function (`standalone.f`) defined neither in the script nor in `--functions`.' },
  DLG4020: { name: 'collection-kind', severity: 'error', summary: 'A collection used both as a list and as a map.' },
  DLG4021: { name: 'invalid-pattern', severity: 'error', summary: 'A regular expression that cannot be compiled.' },
  DLG4024: { name: 'request-failed', severity: 'error', summary: 'A request got no response: the host could not be reached, the connection broke, or it timed out (40 s).' },
  DLG4025: { name: 'delete-not-confirmed', severity: 'error', summary: 'A DELETE to a real host without consent (`--yes`, or a confirmation on a terminal): stopped before sending it.' },
  DLG4026: { name: 'interrupted', severity: 'error', summary: 'The run was interrupted (Ctrl-C, SIGTERM, or stdout closed by its reader): the request in flight finished (answered or failed), and the script stopped there (or at the next request, not sent); after a second Ctrl-C, without waiting for it.' },
  DLG4027: { name: 'value-too-large', severity: 'error', summary: 'A text or a list grown past what a run may hold (50,000,000 characters, 10,000,000 elements).' },
  DLG4022: { name: 'not-iterable', severity: 'error', summary: '`for each` over a value that is not a list, a text or a collection.' },
  // Emit, shared and curl (deluge emit): DLG60xx
  DLG6001: { name: 'response-placeholder', severity: 'warning', summary: 'A request uses a value of an earlier response, which only a live run has: written as a named placeholder variable.' },
  DLG6002: { name: 'needs-live-response', severity: 'warning', summary: 'The script cannot go on with a placeholder response (a runtime error after one was read): the requests after that line are not converted.' },
  DLG6003: { name: 'task-not-converted', severity: 'warning', summary: 'A task with no request form (`zoho.books.*`, `sendmail`, `sendsms`, …): not converted; its result is a placeholder.' },
  DLG6004: { name: 'creator-statement', severity: 'warning', summary: 'A Creator statement (`insert into`, `Form[…]`, `alert`, …) cannot run outside Creator: the requests after it are not converted.' },
  DLG6005: { name: 'script-stopped', severity: 'warning', summary: 'The script stopped with a runtime error while its requests were recorded: the requests after it are not converted.' },
  DLG6006: { name: 'file-without-path', severity: 'warning', summary: 'A file made by the script or received in a response is uploaded: the command reads it from a placeholder path.' },
  DLG6007: { name: 'untypable-character', severity: 'warning', summary: 'A character the chosen shell cannot pass in an argument (a NUL byte anywhere; a carriage return in cmd): left out.' },
  DLG6008: { name: 'inexpressible-field', severity: 'warning', summary: 'A multipart field name curl cannot express (it contains `=`): written as is, curl will split it.' },
  DLG6009: { name: 'no-requests', severity: 'warning', summary: 'The script made no request while it was recorded: there is nothing to convert.' },
  DLG6010: { name: 'credential-not-copied', severity: 'warning', summary: 'A credential written in the script (an `Authorization`, `X-Api-Key`, `Cookie` header value; a `zapikey=`, `client_secret`, `password`, `token`, `key` or `secret` field of the URL or the body, the `code` of a grant) is read from a variable instead of being copied into the output.' },
  DLG6011: { name: 'response-read', severity: 'warning', summary: 'The script reads values of a response, which only a live run has: where it decides on them it follows placeholders, so later requests may differ from a live run\'s.' },
  DLG6012: { name: 'command-too-long', severity: 'warning', summary: 'A command longer than Windows takes on a command line (32,767 characters; a large body): emit it for bash to send it.' },
  DLG6013: { name: 'argument-not-given', severity: 'warning', summary: 'A parameter of the script was given no argument (`--arg name=…`): the requests were converted with null for it, as deluge run runs it.' },
  DLG6014: { name: 'url-userinfo-not-sent', severity: 'warning', summary: 'A URL with a user name and password (`https://bob:…@host/`): deluge run sends neither (no Authorization is made of them), so the command leaves them out, where curl would send them as Basic credentials.' },
  // Emit, TypeScript: DLG605x–DLG609x
  DLG6050: { name: 'ts-creator-not-converted', severity: 'warning', summary: 'A Creator statement or expression (`insert into`, `Form[…]`, `alert`, field actions, page templates) has no TypeScript form: a `// NOTE` comment marks it and the program stops there with an error.' },
  DLG6051: { name: 'ts-builtin-not-converted', severity: 'warning', summary: 'A builtin function the TypeScript helpers do not implement (or one Deluge does not know): a `// NOTE` comment marks it and the program stops there with an error.' },
  DLG6052: { name: 'ts-task-not-converted', severity: 'warning', summary: 'An integration task or request function without a local implementation (`zoho.books.*`, `sendsms`, `putUrl`, …): a `// NOTE` comment marks it and the program stops there with an error.' },
  DLG6053: { name: 'ts-sendmail-not-sent', severity: 'warning', summary: '`sendmail` is not sent: the program describes the mail on stderr, as `deluge run` does.' },
  DLG6054: { name: 'ts-unknown-function', severity: 'warning', summary: 'A call of a function (`standalone.f`) defined neither in the script nor in `--functions`: the program stops there with an error.' },
  DLG6055: { name: 'ts-wrong-arguments', severity: 'warning', summary: 'A call with a number of arguments Deluge or the TypeScript helper does not take: the program stops there with an error, as Deluge would.' },
  DLG6056: { name: 'ts-number-too-large', severity: 'warning', summary: 'A NUMBER literal outside the 64-bit range: the program stops there with an error, as Deluge does.' },
  DLG6057: { name: 'ts-unknown-task-parameter', severity: 'warning', summary: 'An `invokeurl` parameter Deluge does not know: the program stops there with an error, as `deluge run` does.' },
  DLG6059: { name: 'ts-credential-not-copied', severity: 'warning', summary: 'A credential written in the script (an `Authorization`, `X-Api-Key`, `Cookie` header value, a token; a `client_secret`, `token`, `key` or `secret` field, the `code` of a grant) is not copied into the TypeScript program: it reads it from an environment variable (`DELUGE_SECRET_X_API_KEY`) listed in its header.' },
  DLG6058: { name: 'ts-functions-file-invalid', severity: 'error', summary: 'A `--functions` file has syntax errors: nothing is emitted.' },
  // Import (curl → Deluge): DLG61xx
  DLG6101: { name: 'not-curl', severity: 'warning', summary: 'A command that is not curl (or one its output is piped to) was skipped.' },
  DLG6102: { name: 'no-curl-command', severity: 'error', summary: 'The text holds no curl command to import.' },
  DLG6103: { name: 'unterminated-quote', severity: 'error', summary: 'A quote in the curl command that is never closed.' },
  DLG6104: { name: 'missing-url', severity: 'error', summary: 'A curl command without a URL, or with an empty one or one without a host.' },
  DLG6105: { name: 'unknown-option', severity: 'warning', summary: 'An option curl does not have; it was ignored.' },
  DLG6106: { name: 'unsupported-option', severity: 'warning', summary: 'A curl option that `invokeurl` cannot express (`-k`, `-o`, `--max-time`, `--proxy`, …); it was ignored.' },
  DLG6107: { name: 'missing-option-argument', severity: 'error', summary: 'A curl option that needs an argument at the end of the command.' },
  DLG6108: { name: 'smart-quotes', severity: 'warning', summary: 'Typographic quotes (“ ” ‘ ’) in a curl command, read as straight quotes.' },
  DLG6109: { name: 'shell-variable', severity: 'warning', summary: 'A shell variable (`$TOKEN`, `%TOKEN%`, `$env:TOKEN`) whose value is unknown: kept as the text `${TOKEN}` (a curl `{{name}}` of `--expand-url` and the like, as `{{name}}`).' },
  DLG6110: { name: 'command-substitution', severity: 'warning', summary: 'A command substitution (`$(…)`, backticks) that cannot be run while importing: kept as text.' },
  DLG6111: { name: 'unescaped-newline', severity: 'warning', summary: "Lines of a curl command not joined with `\\` (as Zoho's docs print them): read as one command." },
  DLG6112: { name: 'credentials-in-script', severity: 'warning', summary: 'Credentials of the curl command (`-u`, a Bearer, Basic or other `Authorization` header, `--oauth2-bearer`, an API-key header) became a connection, kept out of the script: the message says which connection type to define; cookies, a second credential and credential fields of a URL or a body become placeholders.' },
  DLG6113: { name: 'unsupported-method', severity: 'warning', summary: 'A method `invokeurl` cannot send (HEAD, OPTIONS, a custom one): the script sends GET.' },
  DLG6114: { name: 'lowercase-method', severity: 'warning', summary: '`-X post`: curl sends the method as written, the script sends it in capitals.' },
  DLG6115: { name: 'file-not-read', severity: 'warning', summary: 'A file curl would read (`-d @file`, `-F f=@file`, `-T`): its content is a placeholder in the script.' },
  DLG6116: { name: 'repeated-header', severity: 'warning', summary: "A header given twice: the script's header map holds one value per name, so the values are joined with `, `." },
  DLG6117: { name: 'header-ignored', severity: 'warning', summary: "A header the script cannot send (`-H 'Name:'` or `-A ''` removing a header, `-H @file`), or one the HTTP client sets itself or refuses (`Content-Length`, `Transfer-Encoding`, `Connection`, `Keep-Alive`, `Upgrade`, `Expect`): left out." },
  DLG6118: { name: 'data-with-get', severity: 'warning', summary: 'A body with `-X GET`: the script sends it as curl does, but many servers ignore it.' },
  DLG6119: { name: 'url-glob', severity: 'warning', summary: '`{…}` or `[…]` in a URL, which curl expands into several requests without `-g`: the script requests the URL as written.' },
  DLG6120: { name: 'url-without-scheme', severity: 'warning', summary: 'A URL without `http://` or `https://`: `http://` was added, as curl does.' },
  DLG6121: { name: 'unsupported-scheme', severity: 'error', summary: 'A URL that is not http or https (`ftp://`, `file://`): `invokeurl` cannot request it.' },
  DLG6122: { name: 'multipart-detail-lost', severity: 'warning', summary: "A multipart detail the script cannot keep (a field's `;type=`, a file's content type or name)." },
  DLG6123: { name: 'shell-redirect', severity: 'warning', summary: 'A redirection or a pipe (`> out.json`, `| jq`) that the script has no use for: ignored.' },
  DLG6124: { name: 'powershell-curl-alias', severity: 'warning', summary: '`curl` in Windows PowerShell 5.1 is Invoke-WebRequest: the command was read as `curl.exe`.' },
  DLG6125: { name: 'powershell-native-quotes', severity: 'warning', summary: 'Double quotes inside a PowerShell argument, which PowerShell before 7.3 passes to curl.exe differently.' },
  DLG6126: { name: 'option-equals', severity: 'warning', summary: '`--option=value`, which curl rejects: read as `--option value`.' },
  DLG6127: { name: 'unicode-space', severity: 'warning', summary: 'A non-breaking or other Unicode space (from a web page) read as an ordinary space.' },
  DLG6128: { name: 'conflicting-bodies', severity: 'warning', summary: 'Options curl refuses together (`-F` with `-d`/`--json`, `-T` with either, `-I` with a body, `-G` with `-F`): the form (`-F`) or the data was kept, `-T` left out.' },
  DLG6129: { name: 'binary-body', severity: 'warning', summary: 'A file with bytes that are not text, which a Deluge text cannot hold: its content is a placeholder.' },
  DLG6130: { name: 'header-without-option', severity: 'warning', summary: "A `Name: value` header where curl expects a URL (its `-H` lost in the copy): read as a header, not requested as a URL." },
  DLG6131: { name: 'url-split', severity: 'warning', summary: "`https:// host/…` with a space after `://` (a typo on the page): read as one URL." },
  DLG6132: { name: 'url-refused', severity: 'warning', summary: 'A URL with a space or a control character, which curl refuses ("URL using bad/illegal format"): the script requests it as written.' },
  DLG6133: { name: 'upload-content-type', severity: 'warning', summary: '`-T` without a `Content-Type` header: curl sends none, the script sends `application/octet-stream` (`invokeurl` sends a type with every text body).' },
  DLG6134: { name: 'header-name-blank', severity: 'warning', summary: "A header name with blanks around it (`-H 'X-Thing : v'`): curl sends the line as written, which HTTP forbids; the script sends the name without them." },
  DLG6135: { name: 'ambiguous-option', severity: 'error', summary: 'The start of several curl options (`--dat`): curl refuses the command ("is ambiguous").' },
  DLG6136: { name: 'header-not-ascii', severity: 'warning', summary: "A header value with characters beyond ASCII: curl sends their UTF-8 bytes, the script's request one byte each (Latin-1), and refuses characters beyond Latin-1." },
  DLG6137: { name: 'stray-byte', severity: 'warning', summary: "A `$'…'` byte escape (`\\xe9`) that is not part of UTF-8 text: curl sends the byte, the script the character of that code, as UTF-8." },
  DLG6138: { name: 'header-value-unquoted', severity: 'warning', summary: "`-H Name: value` with the quotes left out: curl would send an empty header and request the value's words as URLs; read as one header." },
  DLG6139: { name: 'multipart-text-body', severity: 'warning', summary: 'A multipart Content-Type with a body that is no multipart form: `invokeurl` sends a multipart request only from a map of fields, so the script sends the text under `text/plain`.' },
  // Lint (one code per rule; DLG50xx correctness, DLG52xx HTTP and security, DLG54xx Delete Records, deprecated, style)
  DLG5000: { name: 'unused-suppression', severity: 'warning', summary: 'A `deluge-disable` comment that suppresses nothing.' },
  ...CORRECTNESS_CODES,
  ...HTTP_CODES,
  ...DELETE_RECORDS_CODES,
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;

export function codeInfo(code: string): CodeInfo | undefined {
  return (CODES as Record<string, CodeInfo>)[code];
}
