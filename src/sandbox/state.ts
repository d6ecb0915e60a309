/** Everything a running sandbox holds, and how `POST /__sandbox/reset` puts it back as it started. */
import { Accounts, type SavedGrants } from './accounts.js';
import { FaultInjector, NO_FAULTS } from './faults.js';
import { zohoTime } from './json.js';
import { type SandboxData, Store } from './store.js';
import { DEFAULT_USER_ID } from './demo-data.js';

/**
 * A request the sandbox received (admin requests excepted), as received: masking each one as it came took longer
 * than answering it, and most are never listed. `GET /__sandbox/requests` lists them redacted (RequestLogEntry).
 */
export interface ReceivedRequest {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  /** The query string without `?` ('' when none). */
  readonly query: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body: string;
  /** The answer's HTTP status (null while the request is being handled). */
  status: number | null;
}

/** A received request as the admin API lists it, with its credentials redacted. */
export interface RequestLogEntry {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  /** The query string without `?` ('' when none). */
  readonly query: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The answer's HTTP status (null while the request is being handled). */
  status: number | null;
}

/** The request log keeps the latest entries only, so a long-running sandbox does not grow without bound. */
export const REQUEST_LOG_LIMIT = 10_000;

export interface Clock {
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export class SandboxState {
  store: Store;
  readonly accounts: Accounts;
  readonly faults: FaultInjector;
  requests: ReceivedRequest[] = [];
  /** The tokens printed at start, as they were then: a reset brings them back valid. */
  private startupGrants: SavedGrants = { access: [], refresh: [] };

  constructor(
    readonly clock: Clock,
    /** What the sandbox started with (the demo data or the `--data` file), as JSON. */
    private readonly initialData: SandboxData,
    apiDomain: () => string,
  ) {
    this.store = this.freshStore();
    this.accounts = new Accounts(clock.now, apiDomain);
    this.faults = new FaultInjector(clock.now, clock.random, clock.sleep);
  }

  readonly time = (): string => zohoTime(this.clock.now());

  keepAcrossReset(...tokens: string[]): void {
    this.startupGrants = this.accounts.save(tokens);
  }

  /** Back to the data the sandbox started with; tokens other than the startup pair (valid again), the logs and faults go. */
  reset(): void {
    this.store = this.freshStore();
    this.accounts.restore(this.startupGrants);
    this.faults.update(NO_FAULTS);
    this.requests = [];
  }

  logRequest(entry: ReceivedRequest): void {
    this.requests.push(entry);
    if (this.requests.length > REQUEST_LOG_LIMIT) this.requests.splice(0, this.requests.length - REQUEST_LOG_LIMIT);
  }

  private freshStore(): Store {
    const store = new Store(this.time, DEFAULT_USER_ID);
    store.load(structuredClone(this.initialData));
    return store;
  }
}
