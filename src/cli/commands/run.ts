import { appendFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { lintJsonMessage, renderDiagnostic } from '../../diagnostics/render.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { SourceFile } from '../../source/source-file.js';
import { failureReason } from '../../file-system.js';
import { toJsonValue, type JsonValue } from '../../runtime/json-value.js';
import { parseJson } from '../../runtime/json.js';
import { DelugeError } from '../../runtime/errors.js';
import { DEFAULT_LIMITS, missingArgumentsText, runScriptAsync, type RunResult } from '../../runtime/run.js';
import type { TaskHost } from '../../runtime/interpreter.js';
import { CONNECTIONS_ENV, DelugeConfigError, loadConnections, type Connections } from '../../http/connections.js';
import { isAnswerSecretName, MASK, redactShownText } from '../../http/redact.js';
import { crmTaskAdvice } from '../../http/zoho-crm.js';
import { isZohoApiHost } from '../../http/zoho-hosts.js';
import { interruptedError, printedEntry, quitError, type RequestEntry } from '../../runner/http-host.js';
import { recordTally } from '../../runner/records.js';
import { openRunSession, type RunSession } from '../../runner/session.js';
import { confirmedRecords, requestSummaryLines } from '../../runner/summary.js';
import { SANDBOX_DATA_CODES, SandboxDataError } from '../../sandbox/persist.js';
import { notAwaitedNotice, quitHow, STDOUT_CLOSED_NOTICE, stdoutFailedNotice, STOP_EXIT_CODES, stoppedHereMessage, stoppingNotice, type StopSignal } from '../../runner/stop-wording.js';
import { loadStubs, StubError, type Stub } from '../../runner/stubs.js';
import { createInterface } from 'node:readline/promises';
import { SEMANTICS } from '../../runtime/semantics.js';
import { textForm } from '../../runtime/text-form.js';
import type { Value } from '../../runtime/values.js';
import { isTimeZone, loadConfig } from '../config.js';
import { CONFIG_OPTION, connectionsFileError, DOCS_OPTION, nowOption, readInput, refuseInputAsOutput, stdoutClosed, stdoutFailedText, stdoutFailure, usageErrorAt, usageErrorText, UsageError, useColour, withJsonFlag } from '../io.js';
import { isScriptName } from '../inputs.js';
import { Progress } from '../progress.js';
import { COMMAND_USAGE } from './usage.js';
import { keepWebAssemblyAtBaseline } from '../wasm-tiering.js';

interface RunArgs {
  file: string;
  arg: string[] | undefined;
  argJson: string[] | undefined;
  json: boolean;
  now: string | undefined;
  tz: string | undefined;
  maxStatements: number | undefined;
  timeout: number | undefined;
  functions: string[] | undefined;
  entry: string | undefined;
  config: string | undefined;
  docs: boolean | undefined;
  sandbox: boolean;
  sandboxData: string | undefined;
  dryRun: boolean;
  stub: string[] | undefined;
  connections: string | undefined;
  yes: boolean;
  logRequests: string | undefined;
  failOnHttpError: boolean;
  requestTimeout: number | undefined;
  retries: number | undefined;
}

export const runCommand: CommandModule<object, RunArgs> = {
  ...COMMAND_USAGE.run,
  builder: (y: Argv) =>
    withJsonFlag(y, 'json')
      .positional('file', { type: 'string', demandOption: true, describe: "the script ('-' for stdin)" })
      .option('arg', { requiresArg: true, type: 'string', array: true, describe: 'an argument name=value (repeatable); also readable as input.name' })
      .option('arg-json', { requiresArg: true, type: 'string', array: true, describe: 'an argument name=JSON (repeatable): a map or list, as Zoho Books passes `invoice`' })
      .option('json', { type: 'boolean', default: false, describe: 'print the run report as one JSON document' })
      .option('now', { requiresArg: true, type: 'string', describe: 'the instant zoho.currenttime, now and today show (ISO-8601)' })
      .option('tz', { requiresArg: true, type: 'string', describe: "the time zone date-times are shown in (default: the config's timeZone, else the machine's)" })
      .option('max-statements', { requiresArg: true, type: 'number', describe: 'statements executed before the run stops (default 200000)' })
      .option('timeout', { requiresArg: true, type: 'number', describe: 'seconds the whole run may take (default 60)' })
      .option('functions', { requiresArg: true, type: 'string', array: true, describe: 'a folder of .dg and .deluge files whose functions the script may call' })
      .option('entry', { requiresArg: true, type: 'string', describe: 'the function to run when the file only declares functions' })
      .option('config', CONFIG_OPTION)
      .option('docs', DOCS_OPTION)
      .option('sandbox', { type: 'boolean', default: false, describe: 'run against the embedded Zoho CRM sandbox: offline, no account' })
      .option('sandbox-data', { requiresArg: true, type: 'string', describe: 'seed the sandbox from this file (and save it back)' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'send nothing: show each request and give the script an empty success' })
      .option('stub', { requiresArg: true, type: 'string', array: true, describe: 'a JSON file of canned responses for tasks and URLs' })
      .option('connections', { requiresArg: true, type: 'string', describe: 'connections file (default: $DELUGE_CONNECTIONS, else deluge.connections.json found upwards)' })
      .option('yes', { type: 'boolean', default: false, describe: 'allow DELETE requests to real hosts (not the sandbox, not loopback) without asking' })
      .option('log-requests', { requiresArg: true, type: 'string', describe: 'append one NDJSON line per request to this file (secrets redacted)' })
      .option('fail-on-http-error', { type: 'boolean', default: false, describe: 'exit 1 on any 4xx/5xx response, failed record or request left without an answer (for CI)' })
      .option('request-timeout', { requiresArg: true, type: 'number', describe: 'seconds a request (or a token request) may take (default 40, as in Zoho)' })
      .option('retries', { requiresArg: true, type: 'number', describe: 'retries of a request that surely did not arrive or got 429 (default 3; 0 = none)' }) as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    keepWebAssemblyAtBaseline();
    const config = loadConfig(args.config);
    // The audit log and the sandbox's data are written to: never over the script (the log's lines were appended to it).
    if (args.logRequests !== undefined) refuseInputAsOutput('--log-requests', args.logRequests, [args.file]);
    if (args.sandboxData !== undefined) refuseInputAsOutput('--sandbox-data', args.sandboxData, [args.file]);
    const input = readInput(args.file);
    // (The config's zone is checked as it is read; the machine's is looked up only if the script needs one.)
    const timeZone = args.tz ?? config.timeZone;
    if (args.tz !== undefined && !isTimeZone(args.tz)) throw new UsageError('DLG0002', `--tz: unknown time zone '${args.tz}' (use an IANA name such as "Asia/Kolkata")`);
    const now = args.now === undefined ? undefined : nowOption(args.now, timeZone ?? machineTimeZone());
    const maxStatements = args.maxStatements ?? config.run?.maxStatements;
    if (maxStatements !== undefined && !(Number.isInteger(maxStatements) && maxStatements > 0)) {
      throw new UsageError('DLG0002', '--max-statements: give a whole number above 0');
    }
    if (args.timeout !== undefined && !(args.timeout > 0)) throw new UsageError('DLG0002', '--timeout: give a number of seconds above 0');

    if (args.requestTimeout !== undefined && !(args.requestTimeout > 0)) throw new UsageError('DLG0002', '--request-timeout: give a number of seconds above 0');
    if (args.sandboxData !== undefined && !args.sandbox) throw new UsageError('DLG0002', '--sandbox-data seeds the sandbox, which runs only with --sandbox: add it');
    // Together, --dry-run won silently: nothing reached the sandbox the user asked for.
    if (args.sandbox && args.dryRun) throw new UsageError('DLG0002', '--dry-run sends nothing, --sandbox sends every request to the sandbox: use one of them');
    if (args.retries !== undefined && !(Number.isInteger(args.retries) && args.retries >= 0)) throw new UsageError('DLG0002', '--retries: give a whole number, 0 or more');
    // A connections file named for this run (--connections, $DELUGE_CONNECTIONS) is read now, once, whether or not the
    // script uses it: a path mistyped in a CI job must fail the job, not only on the day a script first makes a
    // request. (A file found in the folder is read on first use: a script that makes no request needs none.)
    let named: Connections | undefined;
    if (args.connections !== undefined || process.env[CONNECTIONS_ENV]) {
      try {
        named = loadConnections({ ...(args.connections !== undefined ? { file: args.connections } : {}) });
      } catch (error) {
        if (error instanceof DelugeConfigError) throw connectionsFileError(error);
        throw error;
      }
    }
    if (args.sandboxData !== undefined && existsSync(args.sandboxData) && statSync(args.sandboxData).isDirectory()) {
      throw new UsageError('DLG0001', `--sandbox-data: '${args.sandboxData}' is a folder: give the file to seed the sandbox from and save it to`);
    }
    const stubs = [...(config.stubs ?? []), ...(args.stub ?? []).flatMap(readStubFile)];
    // The audit file must take lines before a request is sent: a DELETE must not go out with no record of it.
    if (args.logRequests) {
      try {
        appendFileSync(args.logRequests, '');
      } catch (error) {
        throw new UsageError('DLG0003', `--log-requests: cannot write '${args.logRequests}': ${failureReason(error)}`);
      }
    }

    // Aborted with the name of the signal that stopped the run: Ctrl-C (SIGINT) or SIGTERM (a CI job cancelled, `kill`).
    const interrupt = new AbortController();
    // A second signal: the signal that quit, and the wait under way ended with quitError (`quitNow`).
    let quitBy: StopSignal | undefined;
    let quitNow: (error: Error) => void = () => {};
    const quitting = new Promise<never>((_, reject) => (quitNow = reject));
    quitting.catch(() => {});
    // --sandbox-data that could not be saved: said after the run's account, on stderr.
    let unsaved: UsageError | undefined;
    /** Quits now, with the summary of every request made (and a --sandbox-data that could not be saved). */
    const quitWithSummary = (signal: 'SIGINT' | 'SIGTERM'): never => {
      for (const line of requestSummaryLines(session?.requests ?? [], args.sandbox)) process.stderr.write(`${line}\n`);
      if (unsaved) process.stderr.write(usageErrorText(unsaved));
      process.exit(STOP_EXIT_CODES[signal]);
    };
    const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
      if (interrupt.signal.aborted) {
        // Quit at once; the requests under way are written down first (audit log too), their outcome unknown.
        const how = quitHow(signal, interrupt.signal.reason as StopSignal);
        for (const entry of session?.abandon(how) ?? []) {
          const url = new URL(printedEntry(entry).url);
          process.stderr.write(notAwaitedNotice(`${entry.method} ${url.host}${url.pathname}`));
        }
        // The session is not closed (closing waits for the request left in flight), but --sandbox-data is saved now, as
        // the sandbox stands: each request it handled is in the file, the one not awaited too if the sandbox had handled
        // it (its answer not in yet: 'the server may have processed it'); one still waiting in the sandbox (--latency)
        // is dropped unhandled, the sandbox stopping here, so the file holds all the sandbox will ever have done.
        try {
          session?.stopAndSaveSandbox();
        } catch (error) {
          unsaved = unsavedSandboxData(error);
        }
        if (waiting > 0 && quitBy === undefined) {
          // The wait ends now: the script stops there, and the run gives its account as after one Ctrl-C — the report
          // (--json: a CI job parsing it would otherwise have none) and the summary —, then exits without waiting.
          quitBy = signal;
          quitNow(quitError(how));
          return;
        }
        // Nothing awaited, or a third signal: a safeguard that no state of the run reaches. A handler runs only when the
        // event loop turns, and while these listen it turns in a wait or in a loop of the script: in a loop, the first
        // signal stopped the script before its next statement, which comes before any later turn; after a quit the
        // script stops and the run exits within the turn of the signal that quit; and `listen(false)` gives the
        // handlers up as the script ends, before the session closes (a signal from then on is `afterScript`'s). So, were this
        // reached, the script would not have ended, and no report can be given: its info lines, mails and result come
        // only with its end, and a report without them would tell a CI job the script printed and mailed nothing. The
        // summary accounts for every request made.
        quitWithSummary(signal);
      }
      interrupt.abort(signal);
      process.stderr.write(waiting > 0 ? stoppingNotice(signal) : computingStopNotice(signal));
    };
    // The reader of stdout went away (`| head -1`): the run stops as on Ctrl-C, with its summary on stderr, instead of
    // ending at once with exit 0 and no account of its DELETEs (the one in flight unrecorded). Its lines go nowhere.
    let stdoutOpen = true;
    /** Whether a write to stdout failed (not a reader that went away: that is a SIGPIPE stop). */
    let stdoutFailed = false;
    /** Whether the script has ended: a write that fails after it (the --json report) stops nothing. */
    let scriptEnded = false;
    stdoutClosed.handle = (failure) => {
      if (!stdoutOpen) return;
      stdoutOpen = false;
      stdoutFailed ||= failure !== undefined;
      if (scriptEnded) {
        if (failure !== undefined) process.stderr.write(stdoutFailedText(failure));
        return;
      }
      if (interrupt.signal.aborted) return;
      interrupt.abort('SIGPIPE');
      process.stderr.write(failure === undefined ? STDOUT_CLOSED_NOTICE : stdoutFailedNotice(failure));
    };
    const onSigint = () => onSignal('SIGINT');
    const onSigterm = () => onSignal('SIGTERM');
    // Ctrl-C is taken over once the run has made a request: then the request in flight finishes, is reported, and the
    // run stops with its summary (exit 130). SIGTERM alike (exit 143): it killed the run with no account of its requests.
    // While the script computes, its loops let the event loop turn every COMPUTING_TURN_MS (RunOptions.stop), so the
    // handler runs then too and the script stops before its next statement, with the summary (the handler was given up
    // while computing, and Ctrl-C ended the process with no account of the requests before).
    let waiting = 0;
    let listening = false;
    const listen = (on: boolean) => {
      if (on === listening) return;
      if (on) process.on('SIGINT', onSigint).on('SIGTERM', onSigterm);
      else process.off('SIGINT', onSigint).off('SIGTERM', onSigterm);
      listening = on;
    };
    const whileWaiting = async <T>(wait: () => Promise<T>): Promise<T> => {
      waiting++;
      listen(true);
      let answer: T;
      try {
        answer = await Promise.race([wait(), quitting]);
      } catch (error) {
        // A request that failed after Ctrl-C (a dropped connection) stops the run too, rather than going to a `catch`;
        // one the stop came before says so itself (DLG4026: not sent).
        const stopped = error instanceof DelugeError && error.code === 'DLG4026';
        throw interrupt.signal.aborted && quitBy === undefined && !stopped ? interruptedError(interrupt.signal) : error;
      } finally {
        waiting--;
      }
      // Taken while this request waited: it has finished and is reported, and the script goes no further (it might
      // make no other request to stop at, and compute on to its end).
      if (interrupt.signal.aborted) throw interruptedError(interrupt.signal);
      return answer;
    };
    // The run's time limit: the interpreter checks it between statements and after each answer; this signal, aborted
    // when it passes, ends a request under way at once, which would otherwise be waited for up to its own timeout.
    const timeLimitMs = args.timeout !== undefined ? args.timeout * 1000 : DEFAULT_LIMITS.timeoutMs;
    const deadline = new AbortController();
    let session: RunSession | undefined;
    const progress = new Progress(process.stderr);
    const openSession = async (): Promise<RunSession> => {
      try {
        session ??= await openRunSession({
          // With --now the sandbox keeps the script's time too: the records a run makes carry that instant.
          ...(args.sandbox
            ? { sandbox: { ...(args.sandboxData ? { dataFile: args.sandboxData } : {}), ...(now !== undefined ? { now: () => now } : {}) } }
            : {}),
          ...(named ? { connections: named } : {}),
          dryRun: args.dryRun,
          stubs,
          confirm: args.yes ? async () => true : (question) => confirmOnTerminal(question, onSigint),
          ...(args.logRequests ? { logRequests: args.logRequests } : {}),
          ...(args.requestTimeout ? { requestTimeoutMs: args.requestTimeout * 1000 } : {}),
          ...(args.retries !== undefined ? { maxAttempts: args.retries + 1 } : {}),
          ...(config.run?.crmConnection ? { defaultCrmConnection: config.run.crmConnection } : {}),
          signal: interrupt.signal,
          deadline: deadline.signal,
          timeLimitMs,
          onRequest: (entry) => {
            if (args.dryRun && !args.json) {
              progress.clear();
              process.stderr.write(dryRunText(entry));
            }
            progress.update(session?.requests.length ?? 0);
          },
        });
      } catch (error) {
        if (error instanceof DelugeConfigError) {
          const usage = connectionsFileError(error);
          // With --json the report is the one thing on stdout, with the info lines before this point: the problem goes
          // into its diagnostics (where in the file, in its message), and the run ends there (exit 2).
          if (args.json) {
            const at = usage.location && usage.location.file.position(usage.location.span.start);
            throw new DelugeError(usage.code, `${at ? `${usage.location!.file.path}:${at.line}:${at.column}: ` : ''}${usage.message}`, undefined, false);
          }
          throw usage;
        }
        if (error instanceof SandboxDataError) throw usageErrorAt(SANDBOX_DATA_CODES[error.failed], `--sandbox-data: ${error.message}`, error.at);
        throw error;
      }
      return session;
    };
    // Requests start the session (and the sandbox) on first use: a script that makes none never reads connections.
    const tasks: TaskHost = {
      task: (name, params, node) => whileWaiting(async () => (await openSession()).host.task?.(name, params, node)),
      call: (name, args, node) => whileWaiting(async () => (await openSession()).host.call?.(name, args, node)),
      advice: crmTaskAdvice,
    };

    // A signal once the script has ended (every request is answered) would end the process as Node does, with
    // no account of the run and, while the session closes, before --sandbox-data is saved: the close goes on, the
    // account is given, and the run exits with the signal's code. A second one (or one after a stop) quits at once.
    let signalAfterScript: 'SIGINT' | 'SIGTERM' | undefined;
    const afterScript = (signal: 'SIGINT' | 'SIGTERM') => {
      if (signalAfterScript !== undefined || interrupt.signal.aborted) {
        try {
          session?.stopAndSaveSandbox();
        } catch (error) {
          unsaved = unsavedSandboxData(error);
        }
        quitWithSummary(signal);
      }
      signalAfterScript = signal;
      process.stderr.write(afterScriptNotice(signal, args.sandboxData !== undefined));
    };
    const sigintAfterScript = () => afterScript('SIGINT');
    const sigtermAfterScript = () => afterScript('SIGTERM');

    const stdoutInfo = !args.json;
    // (setTimeout fires at once for more than 2^31 - 1 ms, about 24.8 days.)
    const deadlineTimer = setTimeout(() => deadline.abort(), Math.min(timeLimitMs, 2 ** 31 - 1)).unref();
    let result: RunResult;
    try {
      result = await runScriptAsync(input.text, {
        fileName: input.path,
        args: { ...parseArgs(args.arg ?? []), ...parseJsonArgs(args.argJson ?? []) },
        ...(args.entry ? { entry: args.entry } : {}),
        ...(now !== undefined ? { now } : {}),
        timeZone: timeZone ?? machineTimeZone,
        ...(maxStatements !== undefined ? { maxStatements } : {}),
        timeoutMs: timeLimitMs,
        functions: (args.functions ?? []).flatMap(readFunctionFolder),
        ...(config.run?.system ? { system: config.run.system } : {}),
        docs: args.docs ?? 'auto',
        tasks,
        // Stopped while the script computed (stdout closed, Ctrl-C, SIGTERM): at the next statement, not the next request.
        stop: {
          signal: interrupt.signal,
          error: (span) => new DelugeError('DLG4026', stoppedHereMessage(interrupt.signal.reason), span, false),
          turnEveryMs: COMPUTING_TURN_MS,
        },
        ...(stdoutInfo
          ? {
              onInfo: (line: string) => {
                progress.clear();
                if (!stdoutOpen) return;
                process.stdout.write(`${shownText(line)}\n`);
                // A write to a closed pipe fails at once, but its EPIPE comes later, after the next request is sent.
                if (process.stdout.errored) stdoutClosed.handle(stdoutFailure(process.stdout.errored));
              },
            }
          : {}),
      });
    } finally {
      scriptEnded = true;
      clearTimeout(deadlineTimer);
      progress.clear();
      // (Taken over before the wait's handlers are given up: no moment is left without one.)
      if (quitBy === undefined) process.on('SIGINT', sigintAfterScript).on('SIGTERM', sigtermAfterScript);
      listen(false);
    }
    // Closing saves --sandbox-data: a save that fails is said after the run's report (exit 2), not as a crash. A quit
    // closes nothing (closing waits for the request left in flight): it saved when it came.
    try {
      if (quitBy === undefined) await session?.close();
    } catch (error) {
      unsaved = unsavedSandboxData(error);
    }
    // A signal that came while the close saved (synchronously) is taken now: given up before it was, it would be lost.
    if (quitBy === undefined) await new Promise((resolve) => setImmediate(resolve));
    const requests = session?.requests ?? [];
    const missing = missingArgumentsText(result.missingArguments);
    if (missing) process.stderr.write(`note: ${missing}\n`);
    const undefinedConnections = args.dryRun && session?.connectionsFile === undefined ? dryRunWithoutConnectionsText(requests) : undefined;
    if (undefinedConnections) process.stderr.write(`note: ${undefinedConnections}\n`);
    // An audit log that could not be written to its end fails the run as a log it cannot open does: said last on
    // stderr, and in the report's diagnostics (a CI job reading only the report learns why it exits 2).
    const auditLogFailure = session?.auditLogFailure;
    const auditLogError = auditLogFailure === undefined ? undefined : new UsageError('DLG0003', `--log-requests: ${auditLogFailure}`);
    // The report is the one thing on stdout with --json; the summary is human text, on stderr either way.
    if (args.json && stdoutOpen) {
      const text = `${JSON.stringify(report(result, requests, auditLogError && args.logRequests ? { path: args.logRequests, error: auditLogError } : undefined))}\n`;
      // Waited for: a report that could not be written (a full disk) fails the run (exit 2), and its error comes later
      // than the exit code was set.
      await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
      if (process.stdout.errored) stdoutClosed.handle(stdoutFailure(process.stdout.errored));
    }
    printSummary(result, requests, args.sandbox);
    if (auditLogError) process.stderr.write(usageErrorText(auditLogError));
    process.off('SIGINT', sigintAfterScript).off('SIGTERM', sigtermAfterScript);
    const stoppedBy = quitBy ?? signalAfterScript;
    if (stoppedBy !== undefined) {
      // Its code stays the signal's.
      if (unsaved) process.stderr.write(usageErrorText(unsaved));
      process.exit(STOP_EXIT_CODES[stoppedBy]);
    }
    // Output that could not be written (a full disk) is lost output: exit 2, as an audit log that could not be.
    process.exitCode = auditLogFailure !== undefined || stdoutFailed ? 2 : exitCode(result, requests, args.failOnHttpError, isStopSignal(interrupt.signal.reason) ? interrupt.signal.reason : 'SIGINT');
    // Exit 1 with the script's own run clean: the flag is why, said last (a CI log otherwise shows a summary and a 1).
    if (process.exitCode === 1 && result.diagnostics.length === 0) process.stderr.write('deluge run: exit 1 for --fail-on-http-error (the requests and records listed above)\n');
    if (unsaved) throw unsaved;
  },
};

/** How often a computing script lets Ctrl-C's handler run (its loops wait for the event loop this often, in ms). */
const COMPUTING_TURN_MS = 50;

/** The line on stderr as the first Ctrl-C or SIGTERM is taken while the script computes (no request in flight). */
function computingStopNotice(signal: 'SIGINT' | 'SIGTERM'): string {
  return signal === 'SIGINT'
    ? '\nInterrupted: the script stops before its next statement (Ctrl-C again to quit at once)\n'
    : '\nTerminated (SIGTERM): the script stops before its next statement (a second SIGTERM or Ctrl-C quits at once)\n';
}

/** The line on stderr as a signal comes after the script has ended: nothing is left to stop but the wait to close. */
function afterScriptNotice(signal: 'SIGINT' | 'SIGTERM', savesSandboxData: boolean): string {
  const what = signal === 'SIGINT' ? 'Interrupted' : 'Terminated (SIGTERM)';
  const saved = savesSandboxData ? '--sandbox-data is saved and ' : '';
  return `\n${what} after the script ended: ${saved}the run's account follows (${signal === 'SIGINT' ? 'Ctrl-C' : 'a second signal'} again to quit at once)\n`;
}

/** The --sandbox-data file could not be saved (DLG0003); other errors go on. */
function unsavedSandboxData(error: unknown): UsageError {
  if (!(error instanceof SandboxDataError)) throw error;
  return new UsageError('DLG0003', `--sandbox-data: ${error.message}`);
}

function isStopSignal(reason: unknown): reason is StopSignal {
  return typeof reason === 'string' && reason in STOP_EXIT_CODES;
}

/**
 * 0 ran; 1 an uncaught runtime error (or, with --fail-on-http-error, a failed request or record, or a request with no
 * answer); 2 configuration; 130 Ctrl-C, 143 SIGTERM (`stoppedBy`).
 */
function exitCode(result: RunResult, requests: readonly RequestEntry[], failOnHttpError: boolean, stoppedBy: StopSignal): number {
  const codes = result.diagnostics.map((d) => d.diagnostic.code);
  if (codes.includes('DLG4026')) return STOP_EXIT_CODES[stoppedBy];
  if (codes.some((c) => c.startsWith('DLG0'))) return 2;
  if (codes.length > 0) return 1;
  // (A request sent that got no answer may have been processed: its records' fate is unknown, which CI must not pass.)
  // (A DELETE's answer that names no record for a success confirms nothing deleted, as one naming a record not asked about.)
  const failed = (r: RequestEntry) => (r.status === null ? !r.dryRun : r.status >= 400) || r.notInAnswer || r.notRequested || confirmedRecords(r).idless.length > 0;
  if (failOnHttpError && (requests.some(failed) || recordTally(requests).failed.length > 0)) return 1;
  return 0;
}

/**
 * On a terminal, ask before the first DELETE to a real account; elsewhere (CI, pipes) the answer is no. Ctrl-C at the
 * question (readline takes it, the process gets no SIGINT) is the run's Ctrl-C: `interrupted` stops it, and the answer
 * is no.
 */
async function confirmOnTerminal(question: { method: string; host: string; ids: number }, interrupted: () => void): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(deleteConsentQuestion(question));
    return /^y(es)?$/i.test(answer.trim());
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
    process.stderr.write('\n');
    interrupted();
    return false;
  } finally {
    rl.close();
  }
}

/**
 * The question asked once per run, before its first DELETE to a real account. It says that a yes covers the run's
 * later DELETEs too: they are not asked about, and a loop may send many more than this first one names.
 */
export function deleteConsentQuestion(question: { method: string; host: string; ids: number }): string {
  const what = `${question.ids} record${question.ids === 1 ? '' : 's'}`;
  const account = isZohoApiHost(question.host.replace(/:\d+$/, '')) ? 'a real Zoho account' : 'a real account';
  return `${question.method} ${question.host}: this deletes ${what} in ${account}, and a yes lets every later DELETE of this run through unasked. Send it? [y/N] `;
}

/**
 * A dry run with no connections file shows the credential a Zoho OAuth connection would send; a real run stops at
 * the first request that names one (DLG0005). Said once, naming the connections.
 */
function dryRunWithoutConnectionsText(requests: readonly RequestEntry[]): string | undefined {
  const names = [...new Set(requests.flatMap((r) => (r.connection === undefined ? [] : [r.connection])))];
  if (names.length === 0) return undefined;
  const named = names.map((name) => `"${name}"`).join(', ');
  return (
    `no deluge.connections.json was found, so the credentials shown are what a Zoho OAuth connection would send; a real run ` +
    `stops at the first request until ${names.length === 1 ? `the connection ${named} is` : `the connections ${named} are`} defined ` +
    `(pass --connections FILE or set $DELUGE_CONNECTIONS; see docs/connections.md).`
  );
}

/**
 * A request a dry run shows, on stderr: its line, its headers, then its body (a multipart body one part a line, a
 * field's value in quotes, a file as `@name` with its size and type). Control characters are shown as escapes (`\r`,
 * `\n`, `\u001b`): written raw, a `\r` sent the terminal back over the line; `--json` has every text exactly.
 */
function dryRunText(listed: RequestEntry): string {
  const entry = printedEntry(listed);
  const lines = [`[dry run] ${entry.method} ${visible(entry.url)}`];
  for (const [name, value] of entry.headers ?? []) lines.push(`  ${name}: ${visible(value)}`);
  if (entry.body) lines.push(`  ${visible(entry.body)}`);
  if (entry.parts) {
    lines.push('  multipart/form-data:');
    for (const part of entry.parts) {
      const content = 'value' in part ? visible(JSON.stringify(part.value)) : `@${visible(part.file)} (${part.bytes} byte${part.bytes === 1 ? '' : 's'}, ${part.contentType})`;
      lines.push(`    ${visible(part.name)}=${content}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A text with its control characters (C0, DEL, C1) as escapes: `\n`, `\r`, `\t`, else `\u001b`; the rest as it is. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function readStubFile(path: string): Stub[] {
  try {
    return loadStubs(path);
  } catch (error) {
    if (!(error instanceof StubError)) throw error;
    throw new UsageError(error.unreadable ? 'DLG0001' : 'DLG0004', `${error.location ? '' : '--stub: '}${error.message}`, error.location);
  }
}

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || SEMANTICS.defaultTimeZone;
}

/** `--arg name=value` pairs; values stay text and are converted to the declared parameter types by the run. */
export function parseArgs(pairs: readonly string[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError('DLG0002', `--arg '${pair}': write name=value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** `--arg-json name=JSON` pairs: maps and lists for scripts that receive them (`invoice` in Zoho Books). */
export function parseJsonArgs(pairs: readonly string[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [name, text] of Object.entries(parseArgs(pairs))) {
    try {
      out[name] = parseJson(text as string);
    } catch (error) {
      throw new UsageError('DLG0002', `--arg-json ${name}: ${(error as Error).message}`);
    }
  }
  return out;
}

export function readFunctionFolder(dir: string): { path: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isScriptName).sort();
  } catch {
    throw new UsageError('DLG0001', `--functions: cannot read the folder '${dir}'`);
  }
  return names.map((n) => readInput(join(dir, n)));
}

/**
 * A text of the script's own — an `info` line, a mail's field, a text in its result — as the run prints it: with every
 * secret masked ({@link redactShownText}). The script cannot read a connection's credential, but a server can echo it
 * (`{"received": "Bearer …"}`), a detailed answer carries its `Set-Cookie`, a script joins a key together and prints it;
 * Zoho's execution log would show them, the run's output goes to CI logs and terminals.
 */
function shownText(text: string): string {
  return redactShownText(text);
}

/**
 * A JSON value of the script's (its result, a mail) with each of its texts {@link shownText}, and the text of a
 * credential's key (`"token"`, `"set-cookie"`: {@link isAnswerSecretName}) masked whole, as in a printed map.
 */
function shownJson(value: JsonValue): JsonValue {
  if (typeof value === 'string') return shownText(value);
  if (Array.isArray(value)) return value.map(shownJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [shownText(k), typeof v === 'string' && isAnswerSecretName(k) ? MASK : shownJson(v)]));
}

const NO_SAFE_FIX = (): boolean => false;

/**
 * The `run --json` report of the CLI contract. `unwritable`: the --log-requests file that could not be written to the
 * run's end, listed among the diagnostics.
 */
function report(result: RunResult, requests: readonly RequestEntry[], unwritable?: { readonly path: string; readonly error: UsageError }) {
  const logDiagnostic = unwritable && { file: new SourceFile(unwritable.path, ''), diagnostic: diagnostic(unwritable.error.code, { start: 0, end: 0 }, unwritable.error.message, { ruleId: 'unwritable-file' }) };
  const diagnostics = logDiagnostic ? [...result.diagnostics, logDiagnostic] : result.diagnostics;
  return {
    schemaVersion: 1,
    info: result.info.map(shownText),
    result: result.result === undefined ? null : shownJson(toJsonValue(result.result)),
    requests: requests.map(printedEntry),
    mails: result.mails.map((mail) => Object.fromEntries(Object.entries(mail).map(([k, v]) => [k, shownJson(toJsonValue(v))]))),
    // In the shape `lint` and `check` give them: a fix is a suggestion (no fix applies to a script that does not parse,
    // and a runtime error has none that `--fix` would apply), so a tool applying `fix` changes nothing it should not.
    diagnostics: diagnostics.map(({ file, diagnostic }) => ({ filePath: file.path, ...lintJsonMessage(file, diagnostic, NO_SAFE_FIX) })),
  };
}

/** On stderr after the run: mails recorded, the requests made, every record that failed, and the error if any. */
/** `sandbox`: Zoho's API hosts went to the sandbox (`--sandbox`). */
function printSummary(result: RunResult, requests: readonly RequestEntry[], sandbox: boolean): void {
  const colour = useColour(process.stderr);
  for (const mail of result.mails) {
    const to = mail['to'] ?? null;
    const subject = mail['subject'] ?? null;
    process.stderr.write(`sendmail (not sent): to ${to === null ? '?' : shownText(textForm(to))}, subject ${subject === null ? '?' : JSON.stringify(shownText(textForm(subject)))}\n`);
  }
  for (const line of requestSummaryLines(requests, sandbox)) process.stderr.write(`${line}\n`);
  for (const { file, diagnostic } of result.diagnostics) {
    process.stderr.write(`${renderDiagnostic(file, diagnostic, { colour })}\n`);
  }
}
