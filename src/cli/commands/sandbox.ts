import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { type Faults, MAX_LATENCY_MS, type Sandbox, SANDBOX_DATA_CODES, SandboxDataError, startSandbox } from '../../sandbox/index.js';
import { checkGivenConfig } from '../config.js';
import { UNUSED_CONFIG_OPTION, usageErrorAt, UsageError } from '../io.js';
import { COMMAND_USAGE } from './usage.js';

interface SandboxArgs {
  port: number;
  data: string | undefined;
  latency: number | undefined;
  failRate: number | undefined;
  rateLimit: string | undefined;
  config: string | undefined;
}

/**
 * `deluge sandbox`: the Zoho CRM sandbox as a server on loopback. Prints one JSON line on stdout — url, port and
 * the startup credentials (sandbox tokens are not secrets) — then one log line per request on stderr, and runs
 * until SIGINT or SIGTERM, when it stops cleanly (exit 0) after writing `--data` atomically.
 */
export const sandboxCommand: CommandModule<object, SandboxArgs> = {
  ...COMMAND_USAGE.sandbox,
  builder: (y: Argv) =>
    y
      .option('port', { requiresArg: true, type: 'number', default: 4010, describe: 'port to listen on (0: any free port)' })
      .option('data', { requiresArg: true, type: 'string', describe: 'seed records from FILE when it exists; save them to it on exit' })
      .option('latency', { requiresArg: true, type: 'number', describe: 'delay every API request by MS milliseconds' })
      .option('fail-rate', { requiresArg: true, type: 'number', describe: 'fraction (0..1) of records requests that answer 500 INTERNAL_ERROR' })
      .option('rate-limit', { requiresArg: true, type: 'string', describe: 'requests allowed per second, as N or N/s (429 TOO_MANY_REQUESTS beyond)' })
      .option('config', UNUSED_CONFIG_OPTION) as unknown as Argv<SandboxArgs>,
  handler: async (args: ArgumentsCamelCase<SandboxArgs>) => {
    checkGivenConfig(args.config);
    const sandbox = await start(args);
    const { url, port, accessToken, refreshToken, clientId, clientSecret } = sandbox;
    process.stdout.write(`${JSON.stringify({ url, port, accessToken, refreshToken, clientId, clientSecret })}\n`);
    process.stderr.write(`Zoho CRM sandbox on ${url} (admin API: ${url}/__sandbox/…). Ctrl-C stops it.\n`);
    const signal = await nextSignal();
    process.stderr.write(`${signal}: stopping${args.data ? ` and saving ${args.data}` : ''}\n`);
    try {
      await sandbox.close();
    } catch (error) {
      if (error instanceof SandboxDataError) throw new UsageError('DLG0003', error.message);
      throw error;
    }
    process.exitCode = 0;
  },
};

async function start(args: SandboxArgs): Promise<Sandbox> {
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new UsageError('DLG0002', '--port must be a whole number from 0 to 65535');
  try {
    return await startSandbox({
      port: args.port,
      ...(args.data !== undefined ? { dataFile: args.data } : {}),
      faults: faultsOf(args),
      log: (line) => process.stderr.write(`${line}\n`),
    });
  } catch (error) {
    if (error instanceof SandboxDataError) throw usageErrorAt(SANDBOX_DATA_CODES[error.failed], error.message, error.at);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError('DLG0002', `port ${args.port} is in use; choose another with --port (0: any free port)`);
    }
    throw error;
  }
}

function faultsOf(args: SandboxArgs): Partial<Faults> {
  const faults: Partial<Faults> = {};
  if (args.latency !== undefined) {
    if (!(args.latency >= 0 && args.latency <= MAX_LATENCY_MS)) throw new UsageError('DLG0002', `--latency must be a number of milliseconds from 0 to ${MAX_LATENCY_MS}`);
    faults.latencyMs = args.latency;
  }
  if (args.failRate !== undefined) {
    if (!(args.failRate >= 0 && args.failRate <= 1)) throw new UsageError('DLG0002', '--fail-rate must be a number from 0 to 1');
    faults.failRate = args.failRate;
  }
  if (args.rateLimit !== undefined) {
    // cli.md writes it `--rate-limit N/s`; the bare number means the same.
    const perSecond = Number(/^\s*([^/]*?)\s*(?:\/\s*s)?\s*$/i.exec(args.rateLimit)?.[1] ?? NaN);
    if (!(perSecond > 0)) throw new UsageError('DLG0002', `--rate-limit '${args.rateLimit}': give the requests allowed per second above 0, as N or N/s (e.g. 5/s)`);
    faults.rateLimitPerSecond = perSecond;
  }
  return faults;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
