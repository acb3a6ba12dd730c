/**
 * The language server dies for real (SIGKILL): the client warns once, restarts it a bounded number
 * of times, then stops and says so; Policy Brief: Restart Server brings it back. index.ts loads this
 * file last, and the test ends with the server running again.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, describeDiagnostics, openBrief, waitForDiagnostics, WAIT_MS } from './helpers';

/** vscode-languageclient's public `State` (the client is bundled into the extension, so no import). */
const State = { Stopped: 1, Running: 2, Starting: 3 } as const;
const STATE_NAMES: Record<number, string> = { 1: 'Stopped', 2: 'Running', 3: 'Starting', 4: 'StartFailed' };

/** Restarts the client allows within its window (client/src/client.ts MAX_RESTARTS); one more exit stops it. */
const MAX_RESTARTS = 4;

const WARNING = 'Policy Brief: the language server stopped unexpectedly and is being restarted.';
const FINAL = /^Policy Brief: the language server stopped 5 times in 3 minutes and will not be restarted\. Run "Policy Brief: Restart Server" to try again/;

interface StateChange {
  oldState: number;
  newState: number;
}

interface LanguageClientLike {
  readonly state: number;
  onDidChangeState(listener: (e: StateChange) => void): vscode.Disposable;
}

/** The extension's exports (client/src/client.ts BriefClient): only what this test reads. */
interface BriefClientLike {
  client?: LanguageClientLike;
  notices?: string[];
}

interface ServerProcess {
  pid: number;
  ppid: number;
  /** The command line, arguments joined by spaces. */
  command: string;
}

/** Processes (pid, parent pid, command line): /proc on Linux, `ps` elsewhere; undefined where neither works. */
function listProcesses(): ServerProcess[] | undefined {
  if (fs.existsSync('/proc/self/stat')) {
    const found: ServerProcess[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        // A zombie (killed, not yet reaped) has an empty command line: it is not running.
        if (cmdline === '') continue;
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        found.push({ pid: Number(entry), ppid, command: cmdline.replace(/\0$/, '').split('\0').join(' ') });
      } catch {
        // The process ended while we looked.
      }
    }
    return found;
  }
  if (process.platform === 'win32') return undefined;
  try {
    const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => !!m && !m[3].startsWith('Z'))
      .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), command: m[4] }));
  } catch {
    return undefined;
  }
}

/**
 * The language servers of this extension host: node running this extension's dist/server.js, with
 * `--clientProcessId=<this pid>` or, without that flag, started by this process.
 */
function serverProcesses(serverModule: string): ServerProcess[] {
  const all = listProcesses();
  assert.ok(all, 'cannot list processes here');
  return all.filter((p) => {
    if (!p.command.includes(serverModule)) return false;
    const flag = /--clientProcessId=(\d+)/.exec(p.command);
    return flag ? Number(flag[1]) === process.pid : p.ppid === process.pid;
  });
}

function theServer(serverModule: string, when: string): number {
  const found = serverProcesses(serverModule);
  assert.equal(found.length, 1, `${when}: expected one language server of this extension host (pid ${process.pid}), found ${JSON.stringify(found)}`);
  return found[0].pid;
}

/** Records the client's state changes; `until` resolves once one reaches `state` (or rejects after WAIT_MS). */
function recordStates(client: LanguageClientLike) {
  const seen: number[] = [];
  const waiters: { state: number; resolve(): void }[] = [];
  const names = () => seen.map((s) => STATE_NAMES[s] ?? String(s));
  const sub = client.onDidChangeState((e) => {
    seen.push(e.newState);
    for (const w of waiters.filter((w) => w.state === e.newState)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    seen: names,
    until(state: number, what: string): Promise<void> {
      if (seen.includes(state)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; states seen: [${names().join(', ')}]`)), WAIT_MS);
        waiters.push({ state, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    dispose: () => sub.dispose(),
  };
}

/** One turn of the event loop: the client's close handling runs synchronously up to a restart's `Starting`. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Server crashes', () => {
  it(`warns once and restarts a killed server ${MAX_RESTARTS} times; the ${MAX_RESTARTS + 1}th exit in 3 minutes stops it with one error; Restart Server brings it back`, async function () {
    if (!listProcesses()) this.skip(); // no /proc and no ps (Windows): the server cannot be found to kill.
    // The client starts on the first brief: open one (this also activates the extension) before reading the exports.
    const { doc } = await openBrief('water.brief.md');
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
    const ext = await activateExtension();
    const brief = ext.exports as BriefClientLike;
    assert.ok(brief?.client && Array.isArray(brief.notices), 'the extension exports its BriefClient (client, notices)');
    const serverModule = path.join(ext.extensionUri.fsPath, 'dist', 'server.js');

    // A clean slate whatever ran before: the Restart command resets the restart count and the once-only warning.
    await vscode.commands.executeCommand('policyBrief.restartServer');
    const client = brief.client;
    assert.ok(client);
    assert.equal(client.state, State.Running, 'the server runs after Restart Server');
    const before = describeDiagnostics(doc, await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics'));
    const noticesBefore = brief.notices.length;
    const newNotices = () => brief.notices!.slice(noticesBefore);

    for (let kill = 1; kill <= MAX_RESTARTS; kill++) {
      const pid = theServer(serverModule, `before kill ${kill}`);
      const states = recordStates(client);
      try {
        const cleared = waitForDiagnostics(doc.uri, (d) => d.length === 0, `the diagnostics to be cleared after kill ${kill}`);
        process.kill(pid, 'SIGKILL');
        await states.until(State.Stopped, `the client to see the server exit after kill ${kill}`);
        await nextTurn();
        assert.deepEqual(states.seen(), ['Stopped', 'Starting'], `the client restarts the server after kill ${kill}`);
        await cleared;
        await states.until(State.Running, `the client to restart the server after kill ${kill}`);
        const after = await waitForDiagnostics(doc.uri, (d) => d.length > 0, `diagnostics from the server restarted after kill ${kill}`);
        assert.deepEqual(describeDiagnostics(doc, after), before, `the same diagnostics after restart ${kill}`);
        assert.deepEqual(states.seen(), ['Stopped', 'Starting', 'Running'], `the client's states after kill ${kill}`);
      } finally {
        states.dispose();
      }
      assert.notEqual(theServer(serverModule, `after restart ${kill}`), pid, 'a new server process');
      assert.deepEqual(newNotices(), [WARNING], `after kill ${kill}: one warning in all, none repeated`);
    }

    // One more exit within the window: no restart.
    const pid = theServer(serverModule, `before kill ${MAX_RESTARTS + 1}`);
    const states = recordStates(client);
    try {
      const cleared = waitForDiagnostics(doc.uri, (d) => d.length === 0, `the diagnostics to be cleared after kill ${MAX_RESTARTS + 1}`);
      process.kill(pid, 'SIGKILL');
      await states.until(State.Stopped, `the client to stop after kill ${MAX_RESTARTS + 1}`);
      await cleared;
      // Had the client chosen to restart, it would be Starting by now (it moves there in the same turn).
      await nextTurn();
      assert.deepEqual(states.seen(), ['Stopped'], `the client's states after kill ${MAX_RESTARTS + 1}`);
    } finally {
      states.dispose();
    }
    assert.equal(client.state, State.Stopped, 'the client stays stopped');
    assert.deepEqual(serverProcesses(serverModule), [], 'no server process was started again');
    const notices = newNotices();
    assert.equal(notices.length, 2, `one warning and one final error, got ${JSON.stringify(notices)}`);
    assert.equal(notices[0], WARNING);
    assert.match(notices[1], FINAL);

    // Restart Server brings it back (and resets the bound).
    await vscode.commands.executeCommand('policyBrief.restartServer');
    const restarted = brief.client;
    assert.ok(restarted, 'a client after Restart Server');
    assert.equal(restarted.state, State.Running, 'the client runs after Restart Server');
    const back = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics after Restart Server');
    assert.deepEqual(describeDiagnostics(doc, back), before);
    theServer(serverModule, 'after Restart Server');
    assert.equal(newNotices().length, 2, 'Restart Server shows no crash notice');
  });
});
