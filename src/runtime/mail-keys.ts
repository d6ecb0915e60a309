/**
 * The keys a `sendmail` cannot go without, for `deluge run`, emitted TypeScript programs and the linter alike (the
 * prelude generator copies this file's declarations into programs: it imports nothing). Zoho's pages make `from` and
 * `to` mandatory: "subject and message are optional parameters" (zoho.com/developer/help/scripting/send-mail-statement.html),
 * and Creator's (zoho.com/creator/help/script/fetch-and-email.html) marks cc, bcc and reply to optional, not from or
 * to. Zoho's editor does not save a sendmail without either.
 */

/** What each mandatory key holds, as messages name it. */
export const SENDMAIL_REQUIRED_KEYS: Readonly<Record<string, string>> = {
  from: 'the sender, such as zoho.adminuserid',
  to: 'the address the mail goes to',
};

/** Why a sendmail whose keys (lower case) `has` tells cannot be sent, or undefined when it has from and to. */
export function missingMailKeys(has: (key: string) => boolean): string | undefined {
  const missing = Object.keys(SENDMAIL_REQUIRED_KEYS).filter((key) => !has(key));
  if (missing.length === 0) return undefined;
  return `sendmail: no ${mailKeysNamed(missing)}; Zoho does not save a sendmail without 'from' and 'to'`;
}

/** `'from' (the sender, …) and no 'to' (…)`: the missing keys, each with what it holds. */
export function mailKeysNamed(missing: readonly string[]): string {
  return missing.map((key) => `'${key}' (${SENDMAIL_REQUIRED_KEYS[key]})`).join(' and no ');
}
