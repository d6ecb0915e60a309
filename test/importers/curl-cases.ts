import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** One importer input: `curl/<name>.sh` without its `#` header lines, and the codes its header expects. */
export interface CurlInput {
  readonly name: string;
  /** The command(s) as pasted (the header lines removed, so cmd and PowerShell inputs stay as those shells see them). */
  readonly command: string;
  /** `# expect: DLG6111 DLG6115` (in order of position), `# expect: none` for none. */
  readonly expect: readonly string[];
}

const dir = new URL('./curl/', import.meta.url);
const filesDir = new URL('./curl/files/', import.meta.url);

export function curlInputs(): CurlInput[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.sh'))
    .sort()
    .map((file) => {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const lines = text.split('\n');
      let header = 0;
      while (header < lines.length && lines[header]!.startsWith('#')) header++;
      const expectLine = lines.slice(0, header).find((l) => l.startsWith('# expect:'));
      if (!expectLine) throw new Error(`${file}: the first line must be '# expect: …' (codes, or none)`);
      const codes = expectLine.slice('# expect:'.length).trim().split(/\s+/);
      return { name: file.replace(/\.sh$/, ''), command: lines.slice(header).join('\n'), expect: codes[0] === 'none' ? [] : codes };
    });
}

/** The files the inputs read (`-d @newlead.json`, `-F file=@pixel.png`): `curl/files/`, as curl run there would. */
export function readInputFile(path: string): Uint8Array | undefined {
  const url = new URL(path, filesDir);
  return existsSync(url) ? new Uint8Array(readFileSync(url)) : undefined;
}

export const INPUT_FILES_DIR = filesDir;

/** Values shorter than this are not looked for (a cookie `theme=dark` would match words of the script). */
const MIN_LENGTH = 6;

const SECRET_HEADER = /(?:^|[\s'"^`])([\w-]*(?:api-?key|apikey|token|secret|auth|cookie)[\w-]*)\s*:\s*([^'"^`\r\n]+)/gi;
const SCHEME = /\b(?:Zoho-oauthtoken|Bearer|Basic|Token)\s+([^\s'"^`\\]+)/gi;
const FIELD = /\b(?:client_secret|refresh_token|access_token|api_?key|apikey|zapikey|authtoken|password|code)=([^&\s'"^]+)/gi;
const JSON_FIELD = /"(?:password|client_secret|api_?key|token)"\s*:\s*"([^"]+)"/gi;

/**
 * The credentials written in a command, found with patterns of their own (not the importer's): the token after
 * `Zoho-oauthtoken`/`Bearer`/another scheme, the Base64 of `Basic` and the password in it, `-u`'s `user:password` and
 * password, a password in the URL, `--oauth2-bearer`'s token, API-key header values, cookie values, credential fields
 * (`client_secret=`, `api_key=`, `"password": …`).
 */
export function credentialsIn(command: string): string[] {
  const found: string[] = [];
  const add = (value: string | undefined): void => {
    const v = value?.trim();
    if (v && v.length >= MIN_LENGTH && !v.includes('$') && !found.includes(v)) found.push(v);
  };
  for (const m of command.matchAll(SCHEME)) {
    add(m[1]);
    if (/^Basic/i.test(m[0])) {
      const pair = Buffer.from(m[1]!, 'base64').toString('utf8');
      add(pair);
      add(pair.slice(pair.indexOf(':') + 1));
    }
  }
  for (const m of command.matchAll(SECRET_HEADER)) {
    const value = m[2]!.trim();
    if (/^cookie$/i.test(m[1]!)) for (const cookie of value.split(';')) add(cookie.split('=')[1]);
    else add(value.replace(/^(?:Zoho-oauthtoken|Bearer|Basic|Token)\s+/i, ''));
  }
  for (const m of command.matchAll(/(?:^|\s)(?:-u\s*|--user[\s=]+)(['"]?)([^\s'"]+)\1/g)) {
    add(m[2]);
    add(m[2]!.slice(m[2]!.indexOf(':') + 1));
  }
  for (const m of command.matchAll(/(?:^|\s)(?:-b|--cookie)\s+(['"]?)([^'"]+)\1/g)) for (const cookie of m[2]!.split(';')) add(cookie.split('=')[1]);
  for (const m of command.matchAll(/--oauth2-bearer[\s=]+(['"]?)([^\s'"]+)\1/g)) add(m[2]);
  // In a URL, with its scheme or (curl adds http://) without.
  for (const m of command.matchAll(/(?:\/\/|(?<=^|[\s'"]))([^/?#@\s'":]+):([^/?#@\s'"]+)@/g)) {
    add(`${m[1]}:${m[2]}`);
    add(m[2]);
  }
  for (const m of command.matchAll(FIELD)) add(m[1]);
  for (const m of command.matchAll(JSON_FIELD)) add(m[1]);
  return found;
}
