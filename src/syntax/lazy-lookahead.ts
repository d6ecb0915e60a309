import { LLkLookaheadStrategy, type ILookaheadStrategy } from 'chevrotain';

type Build = ILookaheadStrategy['buildLookaheadForAlternation'];
type BuildOptional = ILookaheadStrategy['buildLookaheadForOptional'];

/**
 * Chevrotain's LL(k) strategy, computing each decision's lookahead function the first time the decision is
 * reached instead of all of them when the parser is built. A CLI run that checks one small script reaches
 * a fraction of the grammar's decisions, so start-up pays only for those (see bench/).
 */
export class LazyLookaheadStrategy extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: Parameters<Build>[0]): ReturnType<Build> {
    let real: ReturnType<Build> | undefined;
    const build = () => (real = super.buildLookaheadForAlternation(options));
    return function (this: unknown, alts: Parameters<ReturnType<Build>>[0]) {
      return (real ?? build()).call(this, alts);
    };
  }

  override buildLookaheadForOptional(options: Parameters<BuildOptional>[0]): ReturnType<BuildOptional> {
    let real: ReturnType<BuildOptional> | undefined;
    const build = () => (real = super.buildLookaheadForOptional(options));
    return function (this: unknown) {
      return (real ?? build()).call(this);
    };
  }
}
