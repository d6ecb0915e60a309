/**
 * Charset names as a script gives them (`response-decoding`, a served `charset=`), read as TextDecoder labels. Shared
 * with emitted TypeScript programs (scripts/gen-ts-prelude.ts): it imports nothing.
 */

const charsetLabels = new Map<string, string | null>();

/**
 * The label TextDecoder takes for a charset name, or undefined when it has none. Zoho runs on Java, so Java's names
 * are taken too: `ISO8859_1`, `Cp1252`, `UTF_8`, `SJIS` become `iso-8859-1`, `windows-1252`, `utf-8`, `shift_jis`.
 */
export function charsetLabel(name: string): string | undefined {
  let label = charsetLabels.get(name);
  if (label === undefined) {
    label = null;
    const aliases = javaAliases(name);
    // A name Java reads otherwise than TextDecoder (UTF-16, Cp874) is read as Java reads it, or not at all.
    const candidates = JAVA_READS_OTHERWISE.test(name.trim()) ? aliases : [name, ...aliases];
    for (const candidate of candidates) {
      try {
        new TextDecoder(candidate);
        label = candidate;
        break;
      } catch {
        // Not a label: try the next reading.
      }
    }
    charsetLabels.set(name, label);
  }
  return label ?? undefined;
}

export function isKnownCharset(name: string): boolean {
  return charsetLabel(name) !== undefined;
}

/**
 * Why a script's `response-decoding` cannot be used (`origin`: the task, when known; `reader`: "deluge run", "this
 * program"), or undefined when it can: the message of its DLG4018.
 */
export function decodingProblem(name: string, origin: string | undefined, reader: string): string | undefined {
  if (isKnownCharset(name)) return undefined;
  const where = origin === undefined ? '' : `${origin}: `;
  return isJavaOnlyCharset(name)
    ? `${where}response-decoding '${name}' is a charset Zoho knows but ${reader} cannot decode`
    : `${where}unknown response-decoding '${name}' (use a charset name such as UTF-8 or ISO-8859-1)`;
}

/** Charsets Java knows that TextDecoder has no decoder for: a script may name them, but they cannot be decoded here. */
export function isJavaOnlyCharset(name: string): boolean {
  return /^(utf[-_]?32(be|le)?|x-utf-32(be|le)-bom|cp\d+)$/i.test(name.trim());
}

/** Names TextDecoder takes but decodes otherwise than Java does. */
const JAVA_READS_OTHERWISE = /^(utf[-_]?16|unicode|cp\d+)$/i;

/** The WHATWG labels a Java charset name may stand for. */
function javaAliases(name: string): string[] {
  const lower = name.trim().toLowerCase();
  const iso = /^iso[-_]?8859[-_]?(\d{1,2})$/.exec(lower);
  if (iso) return [`iso-8859-${iso[1]}`];
  // Java's Cp1250–Cp1258 are the Windows code pages and Cp866 is IBM866; its other Cp names (Cp874 is IBM874, not
  // windows-874) have no WHATWG decoder.
  const cp = /^cp(125[0-8]|866)$/.exec(lower);
  if (cp) return [cp[1] === '866' ? 'ibm866' : `windows-${cp[1]}`];
  if (/^cp\d+$/.test(lower)) return [];
  // Java's UTF-16 without a byte order mark is big-endian; TextDecoder's is little-endian.
  if (/^(utf[-_]?16|unicode)$/.test(lower)) return ['utf-16be'];
  const named: Record<string, string> = {
    sjis: 'shift_jis',
    ms932: 'shift_jis',
    'windows-31j': 'shift_jis',
    unicodebigunmarked: 'utf-16be',
    unicodelittleunmarked: 'utf-16le',
    unicodebig: 'utf-16be',
    unicodelittle: 'utf-16le',
  };
  return [named[lower] ?? lower.replace(/_/g, '-')];
}
