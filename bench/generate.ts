/**
 * Generates realistic, syntactically valid Deluge: CRM functions with if/else, for each, try/catch, invokeurl
 * blocks, maps, lists, string work and zoho.crm tasks. Deterministic for a given seed, so benchmark and fuzz
 * runs can be repeated. Used by bench/run.ts (bulk text) and scripts/fuzz.ts (seed corpus).
 */

/** mulberry32: a small, fast, seedable PRNG (32-bit state). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODULES = ['Leads', 'Contacts', 'Deals', 'Accounts', 'Tasks', 'Invoices', 'Quotes', 'Products'];
const FIELDS = ['Email', 'Phone', 'Last_Name', 'First_Name', 'Amount', 'Stage', 'Owner', 'Lead_Source', 'Description', 'Closing_Date'];
const CATEGORIES = ['standalone', 'automation', 'button', 'schedule'];
const VERBS = ['sync', 'update', 'notify', 'cleanup', 'import', 'export', 'merge', 'score', 'assign', 'archive'];
const NOUNS = ['Lead', 'Contact', 'Deal', 'Invoice', 'Owner', 'Stage', 'Records', 'Batch', 'Ticket', 'Quote'];
const STRING_METHODS = ['toUpperCase()', 'toLowerCase()', 'trim()', 'length()', 'getPrefix("@")', 'getSuffix("@")', 'subString(0, 3)', 'replaceAll(" ", "_")', 'contains("x")', 'toList(",")'];

export class DelugeGenerator {
  private readonly r: () => number;
  private vars: string[] = [];
  private depth = 0;

  constructor(seed = 1) {
    this.r = prng(seed);
  }

  private int(n: number): number {
    return Math.floor(this.r() * n);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  private fresh(base: string): string {
    const name = `${base}${this.vars.length}`;
    this.vars.push(name);
    return name;
  }

  private someVar(): string {
    return this.vars.length ? this.pick(this.vars) : 'input';
  }

  private str(): string {
    const words = ['ok', 'done', 'pending', 'Closed Won', 'error: "bad"', 'Hello, world', 'C:\\\\tmp', 'line\\nbreak', 'ünïcödé ✓', ''];
    return `"${this.pick(words).replace(/"/g, '\\"')}"`;
  }

  private atom(): string {
    switch (this.int(9)) {
      case 0:
        return this.str();
      case 1:
        return String(this.int(100000));
      case 2:
        return `${this.int(1000)}.${this.int(100)}`;
      case 3:
        return this.pick(['true', 'false', 'null']);
      case 4:
        return `${this.someVar()}.get("${this.pick(FIELDS)}")`;
      case 5:
        return `${this.someVar()}.${this.pick(STRING_METHODS)}`;
      case 6:
        return `ifnull(${this.someVar()}.get("${this.pick(FIELDS)}"), ${this.str()})`;
      case 7:
        return `zoho.currentdate.addDay(${this.int(30)}).toString("yyyy-MM-dd")`;
      default:
        return this.someVar();
    }
  }

  expression(level = 0): string {
    if (level > 2 || this.r() < 0.4) return this.atom();
    switch (this.int(6)) {
      case 0:
        return `${this.expression(level + 1)} + ${this.expression(level + 1)}`;
      case 1:
        return `(${this.expression(level + 1)} * ${this.int(10) + 1})`;
      case 2:
        return `if(${this.condition(level + 1)}, ${this.atom()}, ${this.atom()})`;
      case 3:
        return `{${this.str()}: ${this.atom()}, ${this.str()}: ${this.atom()}}`;
      case 4:
        return `{${this.atom()}, ${this.atom()}, ${this.atom()}}`;
      default:
        return `${this.someVar()}.get(${this.int(5)})`;
    }
  }

  condition(level = 0): string {
    const cmp = `${this.atom()} ${this.pick(['==', '!=', '>', '<', '>=', '<='])} ${this.atom()}`;
    if (level > 1 || this.r() < 0.5) return cmp;
    return `${cmp} ${this.pick(['&&', '||'])} ${this.condition(level + 1)}`;
  }

  private indent(): string {
    return '\t'.repeat(this.depth);
  }

  private block(n: number): string {
    this.depth++;
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.statement());
    this.depth--;
    return out.join('');
  }

  statement(): string {
    const ind = this.indent();
    const nested = this.depth < 3;
    const choice = this.int(nested ? 12 : 6);
    switch (choice) {
      case 0:
      case 1: {
        const value = this.expression();
        return `${ind}${this.fresh('value')} = ${value};\n`;
      }
      case 2:
        return `${ind}info ${this.expression()};\n`;
      case 3: {
        const m = this.fresh('payload');
        return `${ind}${m} = Map();\n${ind}${m}.put("${this.pick(FIELDS)}", ${this.atom()});\n${ind}${m}.put("${this.pick(FIELDS)}", ${this.atom()});\n`;
      }
      case 4:
        return `${ind}// ${this.pick(['keep the owner', 'TODO: batch this', 'see the docs', 'ids are strings'])}\n${ind}${this.someVar()} = ${this.someVar()} + ${this.int(10)};\n`;
      case 5: {
        const l = this.fresh('ids');
        return `${ind}${l} = List();\n${ind}${l}.add(${this.atom()});\n`;
      }
      case 6:
      case 7: {
        const els = this.r() < 0.5 ? ` else {\n${this.block(1 + this.int(2))}${ind}}` : '';
        return `${ind}if (${this.condition()}) {\n${this.block(1 + this.int(3))}${ind}}${els}\n`;
      }
      case 8: {
        const list = this.someVar();
        const item = this.fresh('rec');
        return `${ind}for each ${item} in ${list} {\n${this.block(1 + this.int(3))}${ind}}\n`;
      }
      case 9: {
        const ids = this.someVar();
        const resp = this.fresh('response');
        const mod = this.pick(MODULES);
        return (
          `${ind}${resp} = invokeurl\n${ind}[\n` +
          `${ind}\turl: "https://www.zohoapis.com/crm/v7/${mod}?ids=" + ${ids}\n` +
          `${ind}\ttype: ${this.pick(['GET', 'POST', 'PUT', 'DELETE'])}\n` +
          (this.r() < 0.5 ? `${ind}\tparameters: ${this.someVar()}.toString()\n` : '') +
          (this.r() < 0.5 ? `${ind}\theaders: {"Content-Type": "application/json"}\n` : '') +
          `${ind}\tconnection: "crm_oauth_connection"\n${ind}];\n` +
          `${ind}if (${resp}.get("data") != null) {\n${ind}\tinfo ${resp}.get("data").get(0).get("code");\n${ind}}\n`
        );
      }
      case 10: {
        const id = this.someVar();
        const rec = this.fresh('record');
        return (
          `${ind}try {\n${ind}\t${rec} = zoho.crm.getRecordById("${this.pick(MODULES)}", ${id});\n` +
          `${this.block(1)}${ind}} catch (e) {\n${ind}\tinfo "failed: " + e;\n${ind}}\n`
        );
      }
      default: {
        const call = `zoho.crm.updateRecord("${this.pick(MODULES)}", ${this.someVar()}, {"${this.pick(FIELDS)}": ${this.atom()}})`;
        return `${ind}${this.fresh('updated')} = ${call};\n`;
      }
    }
  }

  /** One CRM function: `string standalone.syncLead(String leadId) { … }`. */
  func(statements = 8 + this.int(12)): string {
    this.vars = ['leadId', 'input'];
    this.depth = 1;
    const name = `${this.pick(CATEGORIES)}.${this.pick(VERBS)}${this.pick(NOUNS)}${this.int(1000)}`;
    const body: string[] = [];
    for (let i = 0; i < statements; i++) body.push(this.statement());
    this.depth = 0;
    return `string ${name}(String leadId, Map input)\n{\n${body.join('')}\treturn "done";\n}\n`;
  }

  /** A top-level script (no function header), as pasted into Zoho's editor. */
  script(statements = 6 + this.int(10)): string {
    this.vars = ['leadId', 'input'];
    this.depth = 0;
    const out: string[] = [`leadId = "${4104050000 + this.int(1e6)}";\n`, 'input = Map();\n'];
    for (let i = 0; i < statements; i++) out.push(this.statement());
    return out.join('');
  }
}

/** About `bytes` of generated Deluge (functions and scripts mixed), deterministic for `seed`. */
export function generateDeluge(bytes: number, seed = 42): string {
  const g = new DelugeGenerator(seed);
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    const part = i++ % 3 === 2 ? g.script() : g.func();
    parts.push(part);
    size += part.length;
  }
  return parts.join('\n');
}
