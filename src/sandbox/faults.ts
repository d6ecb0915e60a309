/**
 * Fault injection for the records API: latency, a request-rate limit (429 with Retry-After), random failures
 * and forced internal errors; and throttling of the token endpoint. Time comes from the injected clock, so a
 * test decides when a rate window ends.
 */
import { InvalidDataError } from './store.js';
import { isPlainObject } from './json.js';

export interface Faults {
  /** `once`: the next records request answers 500; `always`: every one does. */
  internalError: 'once' | 'always' | false;
  /** Delay before each API or token request is handled. */
  latencyMs: number;
  /** Probability (0..1) that a records request answers 500 INTERNAL_ERROR. */
  failRate: number;
  /** Records requests allowed per second (may be fractional: 0.1 = one per 10 s); null = no limit. */
  rateLimitPerSecond: number | null;
  /** The token endpoint answers "Access Denied" (Zoho's throttling): true, false, or for the next n requests. */
  tokenThrottle: boolean | number;
}

export const NO_FAULTS: Faults = { internalError: false, latencyMs: 0, failRate: 0, rateLimitPerSecond: null, tokenThrottle: false };

export class FaultInjector {
  faults: Faults = { ...NO_FAULTS };
  /** Start times (ms) of the requests admitted in the current rate window. */
  private admitted: number[] = [];

  constructor(
    private readonly now: () => number,
    private readonly random: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Applies the keys given; throws InvalidDataError naming a bad value (nothing changes then). */
  update(input: unknown): Faults {
    if (!isPlainObject(input)) throw new InvalidDataError('expected a JSON object of faults');
    const next = { ...this.faults };
    for (const [key, value] of Object.entries(input)) {
      switch (key) {
        case 'internalError':
          if (value !== 'once' && value !== 'always' && value !== false) throw new InvalidDataError('"internalError" must be "once", "always" or false');
          next.internalError = value;
          break;
        case 'latencyMs':
          next.latencyMs = nonNegative(key, value);
          if (next.latencyMs > MAX_LATENCY_MS) throw new InvalidDataError(`"latencyMs" must be at most ${MAX_LATENCY_MS} (10 minutes)`);
          break;
        case 'failRate':
          if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new InvalidDataError('"failRate" must be a number from 0 to 1');
          next.failRate = value;
          break;
        case 'rateLimitPerSecond':
          if (value !== null && !(typeof value === 'number' && value > 0)) throw new InvalidDataError('"rateLimitPerSecond" must be a positive number or null');
          next.rateLimitPerSecond = value;
          break;
        case 'tokenThrottle':
          if (typeof value !== 'boolean' && !(Number.isInteger(value) && (value as number) >= 0)) throw new InvalidDataError('"tokenThrottle" must be true, false or a count');
          next.tokenThrottle = value as boolean | number;
          break;
        default:
          throw new InvalidDataError(`unknown fault '${key}'`);
      }
    }
    if (next.rateLimitPerSecond !== this.faults.rateLimitPerSecond) this.admitted = [];
    this.faults = next;
    return this.faults;
  }

  async delay(): Promise<void> {
    if (this.faults.latencyMs > 0) await this.sleep(this.faults.latencyMs);
  }

  /**
   * Admits a request under the rate limit, or says in how many seconds to retry. The limit is a sliding window
   * holding max(1, ⌊rate⌋) requests per max(1, ⌊rate⌋)/rate seconds, so 5 = five per second and 0.1 = one per
   * ten seconds; Retry-After is the time until the oldest admitted request leaves the window, rounded up.
   */
  retryAfterSeconds(): number | undefined {
    const rate = this.faults.rateLimitPerSecond;
    if (rate === null) return undefined;
    const capacity = Math.max(1, Math.floor(rate));
    const windowMs = (capacity * 1000) / rate;
    const now = this.now();
    this.admitted = this.admitted.filter((t) => now - t < windowMs);
    if (this.admitted.length < capacity) {
      this.admitted.push(now);
      return undefined;
    }
    return Math.max(1, Math.ceil((this.admitted[0]! + windowMs - now) / 1000));
  }

  /** Whether this records request fails with INTERNAL_ERROR (a forced error, or by `failRate`). */
  internalError(): boolean {
    const forced = this.faults.internalError;
    if (forced === 'once') this.faults = { ...this.faults, internalError: false };
    if (forced) return true;
    return this.faults.failRate > 0 && this.random() < this.faults.failRate;
  }

  /** Whether this token request is throttled (counts down a numeric throttle). */
  tokenThrottled(): boolean {
    const throttle = this.faults.tokenThrottle;
    if (typeof throttle === 'number') {
      if (throttle === 0) return false;
      this.faults = { ...this.faults, tokenThrottle: throttle - 1 };
      return true;
    }
    return throttle;
  }
}

/** The longest latency (a timer of more than 2^31 - 1 ms fires at once, with Node's TimeoutOverflowWarning). */
export const MAX_LATENCY_MS = 600_000;

function nonNegative(key: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) throw new InvalidDataError(`"${key}" must be a number ≥ 0`);
  return value;
}
