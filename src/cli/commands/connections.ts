import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { DelugeConfigError, loadConnections, type ConnectionSummary, type Connections } from '../../http/connections.js';
import { AuthorizationError, ConnectionAuth, type TokenHttp, type TokenInfo } from '../../http/oauth.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { renderDiagnostic, shownMessage } from '../../diagnostics/render.js';
import { maskClientId } from '../../http/redact.js';
import { checkGivenConfig } from '../config.js';
import { connectionsFileError, UNUSED_CONFIG_OPTION, withJsonFlag } from '../io.js';
import { COMMAND_USAGE } from './usage.js';
import { keepWebAssemblyAtBaseline } from '../wasm-tiering.js';

export { maskClientId };

interface ConnectionsArgs {
  connections: string | undefined;
  json: boolean | undefined;
  name: string | undefined;
  grantCode: string | undefined;
  config: string | undefined;
}

/** What the command reads and writes besides its arguments; tests replace them. */
export interface ConnectionsCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: () => string;
  readonly now: () => number;
  readonly http?: TokenHttp;
}

const PROCESS_IO: ConnectionsCommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: () => process.cwd(),
  now: Date.now,
};

/** `deluge connections list | test | refresh | add | revoke`: never prints a secret. */
export function makeConnectionsCommand(io: ConnectionsCommandIo = PROCESS_IO): CommandModule<object, ConnectionsArgs> {
  const action = (run: (args: ArgumentsCamelCase<ConnectionsArgs>, ctx: Context) => Promise<number>) => async (args: ArgumentsCamelCase<ConnectionsArgs>) => {
    keepWebAssemblyAtBaseline();
    checkGivenConfig(args.config);
    process.exitCode = await guarded(io, async () => {
      const connections = loadConnections({ ...(args.connections !== undefined ? { file: args.connections } : {}), cwd: io.cwd(), env: io.env });
      const auth = new ConnectionAuth({ connections, now: io.now, ...(io.http ? { http: io.http } : {}) });
      return run(args, { io, connections, auth });
    });
  };
  const sub = (command: string, describe: string, builder: (y: Argv) => Argv, run: Parameters<typeof action>[0]): CommandModule<object, ConnectionsArgs> => ({
    command,
    describe,
    builder: (y: Argv) => builder(y) as unknown as Argv<ConnectionsArgs>,
    handler: action(run),
  });
  const named = (y: Argv): Argv => y.positional('name', { type: 'string', demandOption: true, describe: 'the connection, as scripts name it' });
  return {
    ...COMMAND_USAGE.connections,
    builder: (y: Argv) =>
      y
        .option('connections', { requiresArg: true, type: 'string', describe: 'connections file (default: $DELUGE_CONNECTIONS, else deluge.connections.json found upwards)' })
        .option('config', UNUSED_CONFIG_OPTION)
        .command(sub('list', 'List the connections: type, data centre, masked client id, cached token', (c) => withJsonFlag(c.option('json', { type: 'boolean', default: false, describe: 'print one JSON document' }), 'json'), list))
        .command(sub('test <name>', 'Check that a connection gets a token now (a new one, from the accounts server) and say which API domain it is for', named, test))
        .command(sub('refresh <name>', 'Get a new access token now', named, refresh))
        .command(
          sub(
            'add <name>',
            'Exchange a Self Client grant code for a refresh token, kept in the token store (mode 0600)',
            (c) => named(c).option('grant-code', { requiresArg: true, type: 'string', demandOption: true, describe: 'the code from the API console (Self Client → Generate Code)' }),
            add,
          ),
        )
        .command(sub('revoke <name>', "Revoke the connection's refresh token at Zoho and forget its tokens", named, revoke))
        .demandCommand(1, 'Name an action: list, test, refresh, add or revoke.') as unknown as Argv<ConnectionsArgs>,
    handler: () => undefined,
  };
}

export const connectionsCommand = makeConnectionsCommand();

interface Context {
  readonly io: ConnectionsCommandIo;
  readonly connections: Connections;
  readonly auth: ConnectionAuth;
}

/** Config errors exit 2, authorization failures 1 (cli.md), each as one line with its code. */
async function guarded(io: ConnectionsCommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DelugeConfigError) {
      // A problem written in the connections file is shown there (file:line:col and a code frame).
      const usage = connectionsFileError(error);
      io.stderr(usage.location ? `${renderDiagnostic(usage.location.file, diagnostic(usage.code, usage.location.span, usage.message))}\n` : `deluge: error[${error.code}] ${shownMessage(error.message)}\n`);
      return 2;
    }
    if (error instanceof AuthorizationError) {
      io.stderr(`deluge: error[${error.code}] ${shownMessage(error.message)}\n`);
      return error.reason === 'not_oauth' ? 2 : 1;
    }
    throw error;
  }
}

async function list(args: ArgumentsCamelCase<ConnectionsArgs>, { io, connections, auth }: Context): Promise<number> {
  const rows = connections.names.map((name) => listEntry(connections.describe(name), auth, io.now()));
  if (args.json) {
    io.stdout(`${JSON.stringify({ file: connections.path ?? null, tokenStore: connections.tokenStorePath ?? null, connections: rows })}\n`);
    return 0;
  }
  if (connections.path === undefined) {
    io.stderr('No deluge.connections.json found here or in a parent folder (pass --connections FILE or set $DELUGE_CONNECTIONS). See docs/connections.md.\n');
    return 0;
  }
  io.stderr(`Connections from ${connections.path}; tokens cached in ${connections.tokenStorePath ?? 'memory'}\n`);
  const table = [['NAME', 'TYPE', 'DC', 'CLIENT ID', 'TOKEN'], ...rows.map((r) => [r.name, r.type, r.dataCenter ?? '-', r.clientId ?? '-', tokenText(r)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) io.stdout(`${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}\n`);
  for (const r of rows) for (const problem of r.problems) io.stdout(`! ${r.name}: ${problem}\n`);
  return 0;
}

interface ListEntry {
  readonly name: string;
  readonly type: string;
  readonly dataCenter: string | null;
  readonly clientId: string | null;
  /** Where the refresh token comes from. */
  readonly refreshToken: 'file' | 'store' | null;
  readonly token: { readonly expiresAt: string; readonly expired: boolean; readonly apiDomain: string | null } | null;
  readonly problems: readonly string[];
}

function listEntry(summary: ConnectionSummary, auth: ConnectionAuth, now: number): ListEntry {
  const stored = auth.stored(summary.name);
  const oauth = summary.type === 'zoho-oauth';
  return {
    name: summary.name,
    type: summary.type,
    dataCenter: summary.dataCenter ?? null,
    clientId: summary.clientId !== undefined ? maskClientId(summary.clientId) : null,
    refreshToken: !oauth ? null : summary.refreshTokenInFile ? 'file' : stored?.refreshToken !== undefined ? 'store' : null,
    token:
      stored?.accessToken !== undefined && stored.expiresAt !== undefined
        ? { expiresAt: isoTime(stored.expiresAt), expired: stored.expiresAt <= now, apiDomain: stored.apiDomain ?? null }
        : null,
    problems: oauth && !summary.refreshTokenInFile && stored?.refreshToken === undefined ? [...summary.problems, `no refresh token: run 'deluge connections add ${summary.name} --grant-code CODE'`] : summary.problems,
  };
}

function tokenText(r: ListEntry): string {
  if (r.type !== 'zoho-oauth') return 'static';
  const token = r.token === null ? 'none cached' : `${r.token.expired ? 'expired' : 'cached until'} ${r.token.expiresAt}`;
  const refresh = r.refreshToken === null ? 'no refresh token' : `refresh token from ${r.refreshToken === 'file' ? 'the file' : 'the store'}`;
  return `${token}; ${refresh}`;
}

async function test(args: ArgumentsCamelCase<ConnectionsArgs>, { io, connections, auth }: Context): Promise<number> {
  const name = args.name!;
  const connection = connections.resolve(name);
  if (connection.type !== 'zoho-oauth') {
    const header = await auth.authorization(name);
    const domain = auth.apiDomain(name);
    io.stdout(`${name}: ${connection.type} connection ready (${header.name}: ${header.redacted})${domain ? `; api_domain ${domain}` : ''}; nothing to fetch until a request uses it\n`);
    return 0;
  }
  // A new token, never the cached one: only a token request proves that the client id, the client secret, the refresh
  // token and the data centre work now. A cached token says nothing of them (it outlives a secret typed wrong), and
  // may itself be dead: revoking the refresh token ends its access tokens, and Zoho drops a refresh token's oldest
  // access token when too many are active (accounts/protocol/oauth/token-limits.html).
  io.stdout(`${name}: OK, ${tokenSentence(await auth.refresh(name))}\n`);
  return 0;
}

async function refresh(args: ArgumentsCamelCase<ConnectionsArgs>, { io, auth }: Context): Promise<number> {
  io.stdout(`${args.name}: ${tokenSentence(await auth.refresh(args.name!))}\n`);
  return 0;
}

async function add(args: ArgumentsCamelCase<ConnectionsArgs>, { io, connections, auth }: Context): Promise<number> {
  const name = args.name!;
  if (!args.grantCode?.trim()) {
    io.stderr('deluge: error[DLG0002] --grant-code needs the code from the API console (Self Client → Generate Code)\n');
    return 2;
  }
  const result = await auth.exchangeGrantCode(name, args.grantCode.trim());
  const where = connections.tokenStorePath ?? 'memory';
  if (!result.refreshTokenStored) {
    io.stderr(`deluge: error[DLG0007] connection "${name}": Zoho gave an access token but no refresh token for this code; make the code with a Self Client (or with access_type=offline) and add it again\n`);
    return 1;
  }
  io.stdout(`${name}: refresh token stored in ${where} (readable by you only); ${tokenSentence(result)}\n`);
  if (result.replacedRefreshToken) {
    // A refresh token never expires (until 20 newer ones of the same user and client push it out): the one replaced
    // stays usable by whoever has a copy, and nothing is left here to revoke it with.
    io.stderr(`note: this replaced the refresh token stored for "${name}" before, which Zoho still accepts until it is revoked (to revoke it too, run 'deluge connections revoke ${name}' before adding a code)\n`);
  }
  if (connections.describe(name).refreshTokenInFile) {
    io.stderr(`note: ${connections.path} sets "refreshToken" for "${name}", which is used instead of the stored one; remove it to use the stored one\n`);
  }
  return 0;
}

async function revoke(args: ArgumentsCamelCase<ConnectionsArgs>, { io, connections, auth }: Context): Promise<number> {
  const name = args.name!;
  const result = await auth.revoke(name);
  const forgot = result.forgotten ? 'cached tokens forgotten' : 'no cached tokens';
  if (result.revoked) io.stdout(`${name}: refresh token revoked (its access tokens end with it); ${forgot}\n`);
  else if (result.alreadyInvalid) io.stdout(`${name}: Zoho no longer accepted the refresh token (already revoked or invalid); ${forgot}\n`);
  else io.stdout(`${name}: no refresh token to revoke; ${forgot}\n`);
  if (connections.describe(name).refreshTokenInFile && (result.revoked || result.alreadyInvalid)) {
    io.stderr(`note: ${connections.path} still sets "refreshToken" for "${name}"; that token no longer works\n`);
  }
  return 0;
}

function tokenSentence(info: TokenInfo): string {
  return `${info.reused ? 'cached' : 'new'} access token valid until ${isoTime(info.expiresAt)}; api_domain ${info.apiDomain}`;
}


function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
