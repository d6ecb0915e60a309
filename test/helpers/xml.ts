/** Just enough XML reading for the tests of the XML reports (JUnit, Checkstyle): no dependency for it. */
import { expect } from 'vitest';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(#\d+|\w+);/g, (_, name: string) => (name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : ENTITIES[name]!));
// Character data: no `<`, and `&` only in a known entity or a character reference.
const CHARS = String.raw`(?:[^<&]|&(?:amp|lt|gt|quot|apos|#\d+);)`;

/** Just enough of an XML reader to show the report is well-formed: one root, balanced tags, escaped text. */
export function parseXml(xml: string): XmlElement {
  const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';
  expect(xml.startsWith(prolog)).toBe(true);
  const token = new RegExp(String.raw`<(/?)([A-Za-z][\w.-]*)((?:\s+[\w.:-]+="${CHARS.replace('<&', '<&"')}*")*)\s*(/?)>|(${CHARS}+)`, 'y');
  const top: XmlElement = { name: '', attributes: {}, children: [], text: '' };
  const stack = [top];
  token.lastIndex = prolog.length;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const m = token.exec(xml);
    if (!m) throw new Error(`not well-formed XML at offset ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
    const parent = stack.at(-1)!;
    const [, closing, name, attributeText, selfClosing, text] = m;
    if (text !== undefined) {
      parent.text += decode(text);
    } else if (closing) {
      if (parent.name !== name) throw new Error(`</${name}> closes <${parent.name}> at offset ${at}`);
      stack.pop();
    } else {
      const attributes = Object.fromEntries([...attributeText!.matchAll(/([\w.:-]+)="([^"]*)"/g)].map(([, key, value]) => [key!, decode(value!)]));
      const element: XmlElement = { name: name!, attributes, children: [], text: '' };
      parent.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  expect(stack, 'every element closed').toHaveLength(1);
  expect(top.children, 'one root element').toHaveLength(1);
  expect(top.text.trim(), 'nothing outside the root').toBe('');
  return top.children[0]!;
}
