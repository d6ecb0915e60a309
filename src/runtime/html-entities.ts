/**
 * HTML 4 and XML character references, for `htmlEncode`/`htmlDecode` and `xmlEncode`/`xmlDecode`. Zoho's pages say
 * the HTML pair "supports until the HTML 4 version" and show `<br />` becoming `&lt;br /&gt;` with an apostrophe
 * kept as it is, while `xmlEncode` writes it `&apos;` (https://www.zoho.com/deluge/help/string/html-encode.html,
 * …/xml-encode.html): what Apache Commons' escapeHtml4 and escapeXml do in Java. So the HTML encoder
 * writes the 252 named references of HTML 4.01 (the W3C's HTMLlat1, HTMLsymbol and HTMLspecial sets) and leaves every
 * other character as it is; the XML one writes the five XML escapes. The decoders read the names their encoder writes
 * (the HTML one not `&apos;`, which HTML 4 does not have) and numeric references (`&#39;`, `&#x27;`); anything else
 * stays as written. Shared with emitted programs: imports nothing.
 */

/** The names of U+00A0 to U+00FF, in order (HTMLlat1). */
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** The other names of HTML 4 (HTMLsymbol and HTMLspecial), by code point. */
const OTHER_NAMES =
  '34 quot 38 amp 60 lt 62 gt 338 OElig 339 oelig 352 Scaron 353 scaron 376 Yuml 402 fnof 710 circ 732 tilde ' +
  '913 Alpha 914 Beta 915 Gamma 916 Delta 917 Epsilon 918 Zeta 919 Eta 920 Theta 921 Iota 922 Kappa 923 Lambda 924 Mu 925 Nu 926 Xi 927 Omicron 928 Pi 929 Rho ' +
  '931 Sigma 932 Tau 933 Upsilon 934 Phi 935 Chi 936 Psi 937 Omega ' +
  '945 alpha 946 beta 947 gamma 948 delta 949 epsilon 950 zeta 951 eta 952 theta 953 iota 954 kappa 955 lambda 956 mu 957 nu 958 xi 959 omicron 960 pi 961 rho ' +
  '962 sigmaf 963 sigma 964 tau 965 upsilon 966 phi 967 chi 968 psi 969 omega 977 thetasym 978 upsih 982 piv ' +
  '8194 ensp 8195 emsp 8201 thinsp 8204 zwnj 8205 zwj 8206 lrm 8207 rlm 8211 ndash 8212 mdash 8216 lsquo 8217 rsquo 8218 sbquo 8220 ldquo 8221 rdquo 8222 bdquo ' +
  '8224 dagger 8225 Dagger 8226 bull 8230 hellip 8240 permil 8242 prime 8243 Prime 8249 lsaquo 8250 rsaquo 8254 oline 8260 frasl 8364 euro ' +
  '8465 image 8472 weierp 8476 real 8482 trade 8501 alefsym 8592 larr 8593 uarr 8594 rarr 8595 darr 8596 harr 8629 crarr 8656 lArr 8657 uArr 8658 rArr 8659 dArr 8660 hArr ' +
  '8704 forall 8706 part 8707 exist 8709 empty 8711 nabla 8712 isin 8713 notin 8715 ni 8719 prod 8721 sum 8722 minus 8727 lowast 8730 radic 8733 prop 8734 infin 8736 ang ' +
  '8743 and 8744 or 8745 cap 8746 cup 8747 int 8756 there4 8764 sim 8773 cong 8776 asymp 8800 ne 8801 equiv 8804 le 8805 ge 8834 sub 8835 sup 8836 nsub 8838 sube 8839 supe ' +
  '8853 oplus 8855 otimes 8869 perp 8901 sdot 8968 lceil 8969 rceil 8970 lfloor 8971 rfloor 9001 lang 9002 rang 9674 loz 9824 spades 9827 clubs 9829 hearts 9830 diams';

let htmlTables: { readonly byChar: ReadonlyMap<string, string>; readonly byName: ReadonlyMap<string, string> } | undefined;

/** The HTML 4 names both ways, made when first needed. */
function html4(): { readonly byChar: ReadonlyMap<string, string>; readonly byName: ReadonlyMap<string, string> } {
  if (htmlTables === undefined) {
    const byChar = new Map<string, string>();
    LATIN1_NAMES.split(' ').forEach((name, i) => byChar.set(String.fromCharCode(0xa0 + i), name));
    const other = OTHER_NAMES.split(' ');
    for (let i = 0; i < other.length; i += 2) byChar.set(String.fromCharCode(Number(other[i])), other[i + 1]!);
    htmlTables = { byChar, byName: new Map([...byChar].map(([char, name]) => [name, char])) };
  }
  return htmlTables;
}

const XML_BY_CHAR: ReadonlyMap<string, string> = new Map([
  ['"', 'quot'],
  ['&', 'amp'],
  ["'", 'apos'],
  ['<', 'lt'],
  ['>', 'gt'],
]);
const XML_BY_NAME: ReadonlyMap<string, string> = new Map([...XML_BY_CHAR].map(([char, name]) => [name, char]));

/** The characters the HTML encoder replaces: the four of markup and everything from U+00A0 on that has a name. */
const HTML_ESCAPED = /["&<>\u00a0-\uffff]/g;
const XML_ESCAPED = /["&'<>]/g;
/** A named or numeric character reference. */
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]*));/g;

/** `htmlEncode`: the HTML 4 named references (`<` → `&lt;`, `é` → `&eacute;`, `€` → `&euro;`); `'` stays. */
export function htmlEncoded(text: string): string {
  const { byChar } = html4();
  return text.replace(HTML_ESCAPED, (char) => {
    const name = byChar.get(char);
    return name === undefined ? char : `&${name};`;
  });
}

/** `htmlDecode`: HTML 4 names and numeric references read; an unknown name (`&apos;` too) stays as written. */
export function htmlDecoded(text: string): string {
  return decoded(text, html4().byName);
}

/** `xmlEncode`: `& < > " '` as `&amp; &lt; &gt; &quot; &apos;`; every other character stays. */
export function xmlEncoded(text: string): string {
  return text.replace(XML_ESCAPED, (char) => `&${XML_BY_CHAR.get(char)!};`);
}

/** `xmlDecode`: the five XML names and numeric references read; anything else stays as written. */
export function xmlDecoded(text: string): string {
  return decoded(text, XML_BY_NAME);
}

function decoded(text: string, byName: ReadonlyMap<string, string>): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return byName.get(name) ?? whole;
    const code = Number.parseInt(decimal ?? hex!, decimal !== undefined ? 10 : 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
