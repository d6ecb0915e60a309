import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordRequests } from '../../src/emitters/record.js';
import type { HttpRequest } from '../../src/http/request.js';
import { parseCurl } from '../../src/importers/curl.js';

/**
 * Held-out checks: Zoho's docs pages show many requests twice, as a Deluge sample and as a curl sample. Each page
 * in docs-pages/ holds both, copied as the page's copy gives them (`Copied`, `[\`, `\` at line ends). The Deluge
 * sample's request, recorded by the curl emitter's recorder, must be the curl sample's request as the importer
 * reads it: method, host, path, query (as pairs), headers other than Authorization, content type and body (JSON
 * parsed), and the Authorization scheme (a connection stands for `Zoho-oauthtoken`). Where a page's samples
 * disagree (a docs bug), the page says so in `expect-difference:` lines and exactly that difference is asserted.
 */
const pagesDir = new URL('./docs-pages/', import.meta.url);

const ASPECTS = ['method', 'host', 'path', 'query', 'headers', 'content-type', 'body', 'auth-scheme'] as const;
type Aspect = (typeof ASPECTS)[number];
type View = Record<Aspect, unknown>;

interface DocsPair {
  readonly name: string;
  readonly pageUrl: string;
  readonly curl: string;
  readonly deluge: string;
  /** Files the curl sample reads (`-d @input.json`), as the page shows them (its "Sample Input"). */
  readonly files: ReadonlyMap<string, string>;
  readonly differences: ReadonlyMap<Aspect, { readonly curl: unknown; readonly deluge: unknown }>;
}

function readPair(name: string): DocsPair {
  const md = readFileSync(new URL(name, pagesDir), 'utf8');
  const block = (lang: string): string => {
    const found = [...md.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)\\n```$', 'gm'))];
    if (found.length !== 1) throw new Error(`${name}: expected one \`\`\`${lang} block, found ${found.length}`);
    return found[0]![1]!;
  };
  const files = new Map<string, string>();
  for (const m of md.matchAll(/^file: (\S+)\n\n```json\n([\s\S]*?)\n```$/gm)) files.set(m[1]!, m[2]!);
  const differences = new Map<Aspect, { curl: unknown; deluge: unknown }>();
  for (const m of md.matchAll(/^expect-difference: (\S+) curl=(.*) deluge=(.*)$/gm)) {
    const aspect = m[1] as Aspect;
    if (!ASPECTS.includes(aspect)) throw new Error(`${name}: unknown aspect '${aspect}' (one of ${ASPECTS.join(', ')})`);
    differences.set(aspect, { curl: JSON.parse(m[2]!), deluge: JSON.parse(m[3]!) });
  }
  return { name, pageUrl: /^page: (\S+)$/m.exec(md)?.[1] ?? '', curl: block('curl'), deluge: block('deluge'), files, differences };
}

/** The media type a request declares: its Content-Type header, else what its body kind sends. */
function contentType(request: HttpRequest): string | null {
  const header = request.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1];
  if (header !== undefined) return header.toLowerCase();
  switch (request.body?.kind) {
    case undefined:
      return null;
    case 'form':
      return 'application/x-www-form-urlencoded';
    case 'multipart':
      return 'multipart/form-data';
    case 'raw':
      return request.body.contentType?.toLowerCase() ?? null;
  }
}

function bodyView(request: HttpRequest): unknown {
  const body = request.body;
  if (!body) return null;
  if (body.kind === 'form') return body.fields.map(([k, v]) => [k, v]);
  if (body.kind === 'multipart') {
    return body.parts.map((p) => (p.kind === 'field' ? { name: p.name, value: p.value } : { name: p.name, file: p.file.name, bytes: p.file.bytes.length }));
  }
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    return body.text;
  }
}

function authScheme(request: HttpRequest): string | null {
  const authorization = request.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1];
  if (authorization !== undefined) return authorization.trim().split(/\s+/)[0] ?? '';
  // A connection is how Deluge authorizes: Zoho's connections send `Authorization: Zoho-oauthtoken …`.
  return request.connection !== undefined ? 'Zoho-oauthtoken' : null;
}

function view(request: HttpRequest): View {
  const url = new URL(request.url);
  return {
    method: request.method,
    host: url.host,
    path: url.pathname,
    query: [...url.searchParams],
    headers: request.headers
      .filter(([n]) => !['authorization', 'content-type'].includes(n.toLowerCase()))
      .map(([n, v]) => [n.toLowerCase(), v])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
    'content-type': contentType(request),
    body: bodyView(request),
    'auth-scheme': authScheme(request),
  };
}

const names = readdirSync(pagesDir)
  .filter((n) => n.endsWith('.md') && n !== 'README.md')
  .sort();

describe('docs pages: the Deluge sample and the curl sample make the same request', () => {
  it('holds at least ten pairs, each with its page address', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) expect(readPair(name).pageUrl, name).toMatch(/^https:\/\/www\.zoho\.com\/crm\/developer\/docs\/api\/v\d\/[\w-]+\.html$/);
  });

  it.each(names)('%s', async (name) => {
    const pair = readPair(name);
    const recorded = await recordRequests(pair.deluge, { docs: 'auto' });
    expect(recorded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(recorded.value.requests).toHaveLength(1);
    // curl's `-d @input.json` reads a file: the page shows it as its "Sample Input".
    const encoder = new TextEncoder();
    const imported = parseCurl(pair.curl, { readFile: (path) => (pair.files.has(path) ? encoder.encode(pair.files.get(path)) : undefined) });
    expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(imported.value).toHaveLength(1);

    const fromDeluge = view(recorded.value.requests[0]!);
    const fromCurl = view(imported.value[0]!);
    for (const aspect of ASPECTS) {
      const expected = pair.differences.get(aspect);
      if (expected) {
        expect({ curl: fromCurl[aspect], deluge: fromDeluge[aspect] }, `${aspect} (expected difference)`).toEqual(expected);
        expect(fromCurl[aspect], `${aspect} differs as the page's samples do`).not.toEqual(fromDeluge[aspect]);
      } else {
        expect(fromCurl[aspect], aspect).toEqual(fromDeluge[aspect]);
      }
    }
  });

  it('agrees exactly on the Delete Records page (the issue names it)', () => {
    expect(readPair('delete-records.md').differences.size).toBe(0);
  });
});
