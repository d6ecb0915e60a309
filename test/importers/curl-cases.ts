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
