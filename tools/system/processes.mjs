// What every program that drives minegate's real processes needs, shared by the demo
// (tools/demo) and the browser tests (tests/e2e): bounded waits, checks that fail the run, the
// binaries of a build and the child processes started from them (each in its own process group,
// so that its own children die with it, and stopped by its process id at the end), and Debian's
// chromium as playwright-core starts it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// A failure of the run (its message is what a person reads), as opposed to a bug (a stack).
export class Failure extends Error {}
export const check = (condition, message) => {
  if (!condition) throw new Failure(message);
};
export const checkEqual = (actual, expected, what) =>
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);

export async function waitFor(what, probe, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Failure(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/// The binaries of this build and the processes started from them. `start` puts each child in
/// its own process group (so that its own children die with it) and its output in `work`/NAME.log
/// (appended to: a demo's second run keeps the first's lines). `log(text)` says what started.
export class Processes {
  constructor(binDir, work, log = (...parts) => console.log(...parts)) {
    this.binDir = binDir;
    this.work = work;
    this.log = log;
    this.children = [];
    // (binary path) => the environment of the programs started from it, or undefined for this
    // process's own (the demo runs the server, minegatectl and the kiosks on a shifted clock).
    this.environment = () => undefined;
  }

  bin(name) {
    const path = join(this.binDir, name);
    check(existsSync(path), `missing ${path}: build it first`);
    return path;
  }

  /// Runs to completion (at most a minute); its output, or a Failure naming the exit status.
  run(argv) {
    const result = spawnSync(argv[0], argv.slice(1), { timeout: 60_000, encoding: 'utf8', env: this.environment(argv[0]) });
    const output = `${result.stdout || ''}${result.stderr || ''}`;
    check(result.status === 0, `${argv.slice(0, 5).join(' ')} … exited ${result.status ?? result.signal}: ${output}`);
    return output;
  }

  start(name, argv) {
    const logPath = join(this.work, `${name}.log`);
    const child = spawn(argv[0], argv.slice(1), {
      stdio: ['ignore', openSync(logPath, 'a'), openSync(logPath, 'a')], detached: true, env: this.environment(argv[0]),
    });
    const entry = { name, child, logPath, exited: null, output: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '') };
    child.on('exit', (code, signal) => (entry.exited = { code, signal }));
    // Not started at all (a binary being rebuilt, say): said like an exit, not thrown from an event.
    child.on('error', (error) => (entry.exited = { code: null, signal: null, error: error.message }));
    this.children.push(entry);
    this.log(`started ${name} (pid ${child.pid})`);
    return entry;
  }

  /// SIGTERM to the child's process group, SIGKILL after 5 s if it is still there.
  async stop(entry) {
    const signal = (name) => {
      try {
        process.kill(-entry.child.pid, name);
      } catch {
        // already gone
      }
    };
    if (entry.exited) return;
    signal('SIGTERM');
    const deadline = Date.now() + 5000;
    while (!entry.exited && Date.now() < deadline) await sleep(100);
    if (!entry.exited) signal('SIGKILL');
    while (!entry.exited && Date.now() < deadline + 2000) await sleep(50);
  }

  async stopAll() {
    await Promise.all(this.children.map((entry) => this.stop(entry)));
  }
}

/// Debian's chromium, headless, as every browser test and the demo start it. `options` go to
/// playwright's launch (the demo turns off its handling of SIGINT, SIGTERM and SIGHUP, since it
/// closes the browser itself on Ctrl-C, with everything else it started).
export function launchChromium(chromium, options = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
    timeout: 30_000,
    ...options,
  });
}
