/**
 * Where a run's CPU time goes, by part of the code: a sampling profile of `run` (V8's, through the inspector), each
 * sample given to the first part that claims a frame of its stack, from the innermost frame out. Inlined functions
 * are frames of their own in V8's profiles, so a rule's visitor inlined into the linter's dispatch still counts as
 * the rule's.
 *
 * Timing a part by running with and without it needs two runs whose difference is a few percent of either: on a
 * shared machine the noise is as large, and the largest of many such differences are mostly noise. A profile
 * takes every part from the same run.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

/** Samples per part (the names `part` gives), and the total. */
export interface Shares {
  readonly samples: ReadonlyMap<string, number>;
  readonly total: number;
}

/**
 * Profiles `run` and sorts its samples into parts. `part` gets a frame's module (a path such as
 * `src/linter/lint.ts`, or `node_modules/chevrotain/…`; V8's own entries by their name: `(garbage collector)`) and
 * names its part, or answers undefined to pass the sample on to the frame that called it. A sample no frame claims
 * counts as `other`.
 */
export async function profileShares(run: () => void, part: (module: string) => string | undefined, intervalMicroseconds = 100): Promise<Shares> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalMicroseconds });
    await session.post('Profiler.start');
    run();
    const { profile } = await session.post('Profiler.stop');
    return sharesOf(profile.nodes as ProfileNode[], profile.samples ?? [], part);
  } finally {
    session.disconnect();
  }
}

function sharesOf(nodes: readonly ProfileNode[], samples: readonly number[], part: (module: string) => string | undefined): Shares {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const modules = new ModuleNames();
  // The part of each profile node, worked out once: samples repeat the same few thousand stacks.
  const partOf = new Map<number, string>();
  const claim = (id: number): string => {
    let found = partOf.get(id);
    if (found === undefined) {
      const frame = byId.get(id)!.callFrame;
      const parent = parentOf.get(id);
      found = part(modules.of(frame)) ?? (parent === undefined ? 'other' : claim(parent));
      partOf.set(id, found);
    }
    return found;
  };
  const counts = new Map<string, number>();
  for (const id of samples) {
    const name = claim(id);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return { samples: counts, total: samples.length };
}

/**
 * The module of a frame. Under tsx a frame's URL is its source file. In a bundle (scripts/bench-bundled.mjs) it is
 * the bundle, in which esbuild starts each module with a comment naming it (`// src/linter/lint.ts`): the module is
 * the last one named before the frame's line.
 */
class ModuleNames {
  private readonly bundles = new Map<string, { line: number; module: string }[]>();
  private readonly root = fileURLToPath(new URL('..', import.meta.url));

  of(frame: CallFrame): string {
    if (frame.url === '') return frame.functionName;
    if (!frame.url.startsWith('file:')) return frame.url;
    const path = fileURLToPath(frame.url);
    if (!/\.m?js$/.test(path) || path.includes('/node_modules/')) return path.startsWith(this.root) ? path.slice(this.root.length) : path;
    const starts = this.startsIn(path);
    let lo = 0;
    let hi = starts.length - 1;
    let found = path;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= frame.lineNumber) {
        found = starts[mid]!.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The modules of a bundle by the (0-based) line each starts on. */
  private startsIn(path: string): { line: number; module: string }[] {
    let starts = this.bundles.get(path);
    if (starts === undefined) {
      starts = [];
      const lines = readFileSync(path, 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const named = /^\/\/ (\S+\.(?:ts|js|mjs|cjs))$/.exec(lines[i]!);
        if (named) starts.push({ line: i, module: named[1]! });
      }
      this.bundles.set(path, starts);
    }
    return starts;
  }
}
