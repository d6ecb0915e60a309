/**
 * What the URL parser would quietly mend in a URL's text: it drops tabs and line breaks and reads a backslash in the
 * path as `/`, so `ids=4104050000022640⇥40` became the id of another record, deleted. `deluge run` and emitted programs
 * refuse such a URL (Zoho's Java HTTP client refuses these characters in a URL too). The prelude generator copies this
 * file's declarations into programs: it imports nothing.
 */
export function urlTextProblem(text: string): string | undefined {
  const at = text.search(/[\t\r\n]/);
  if (at >= 0) {
    const what = text[at] === '\t' ? 'a tab' : 'a line break';
    return `the URL contains ${what} (character ${at + 1}), which the request would leave out: take it out where the URL is built`;
  }
  const path = text.split(/[?#]/, 1)[0]!;
  const slash = path.indexOf('\\');
  if (slash >= 0) return `the URL contains a backslash in its path (character ${slash + 1}), which the request would send as '/': write '/' or encode it as %5C`;
  return undefined;
}

/** A URL's user name and password (`https://bob:…@host/x`): the URL without them, and them; undefined for none. */
export function splitUserinfo(url: string): { readonly url: string; readonly userinfo: string } | undefined {
  const found = URL_USERINFO.exec(url);
  return found ? { url: found[1]! + url.slice(found[0].length), userinfo: found[2]! } : undefined;
}

const URL_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;
