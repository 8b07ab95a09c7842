// The demo's simulated days. The server, minegatectl and the kiosks run under libfaketime
// (Debian's libfaketime package, preloaded), which shifts the wall clock they read by the offset
// written in one file; the demo moves that offset from step to step, so that the scenario's gate
// traffic falls on several past days while it plays in a few minutes. None of the programs has a
// clock option of its own: a production kiosk must not be able to stamp events at a time of its
// choosing, and a preloaded library is visibly outside the product. Their monotonic clocks (the
// time-outs and timers) are left alone; the bridges, the emulators and the browser keep the real
// time.
//
// The offset only moves forward (a clock going back would put a kiosk's later events before its
// earlier ones), never past the real time, and comes back to zero once the scenario is played:
// the system then runs in the present, and a second run starts in the present too.
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Failure } from './processes.mjs';

const DAY_MS = 24 * 3600 * 1000;
// The programs whose clock is shifted: those that stamp or judge times.
const SHIFTED = new Set(['minegate-server', 'minegatectl', 'minegate-kiosk']);

/// libfaketime's multithreaded variant (the server and the kiosk run threads), wherever Debian's
/// multiarch directory puts it.
function findLibrary() {
  for (const arch of existsSync('/usr/lib') ? readdirSync('/usr/lib') : []) {
    const path = join('/usr/lib', arch, 'faketime', 'libfaketimeMT.so.1');
    if (existsSync(path)) return path;
  }
  throw new Failure('libfaketime absent : lancez tools/setup (paquet libfaketime) / libfaketime is not installed: run tools/setup (package libfaketime)');
}

export class DemoClock {
  /// `file`: where the offset is written; `reached`: the latest simulated time already used by an
  /// earlier run on this state (milliseconds since the epoch, 0 if none).
  constructor(file, reached = 0) {
    this.library = findLibrary();
    this.file = file;
    this.reached = reached;
    this.offsetMs = 0;
    this.moved = false;
    this.write();
  }

  /// The environment a program is started with: shifted for those that stamp times.
  environmentOf(binary) {
    if (!SHIFTED.has(basename(binary))) return undefined;
    return {
      ...process.env,
      LD_PRELOAD: this.library,
      FAKETIME_TIMESTAMP_FILE: this.file,
      // Read at every call, so that a move is seen at once by every program (the demo's programs
      // read the clock rarely; the cost is a small file read).
      FAKETIME_NO_CACHE: '1',
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      // Files keep their real times (backups, logs).
      NO_FAKE_STAT: '1',
    };
  }

  /// The simulated time now.
  now() {
    return Date.now() + this.offsetMs;
  }

  /// The simulated time `daysAgo` days before today (UTC) at `time` ("HH:MM"), or the present for
  /// day 0 or no time; never before a time already reached, never past the present.
  targetOf(daysAgo, time) {
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    let target = Date.now();
    if (daysAgo > 0 && time) {
      const [hours, minutes] = time.split(':').map(Number);
      target = today - daysAgo * DAY_MS + (hours * 60 + minutes) * 60_000;
    }
    // Before the first move the programs have not started: only an earlier run's time counts.
    const floor = Math.max(this.reached, this.moved ? this.now() : 0);
    return Math.min(Date.now(), Math.max(target, floor + 1000));
  }

  /// The clock moved to targetOf(daysAgo, time); the simulated time now.
  moveTo(daysAgo, time) {
    this.offsetMs = this.targetOf(daysAgo, time) - Date.now();
    this.moved = true;
    this.write();
    return this.now();
  }

  /// The latest simulated time reached, to be kept with the state.
  mark() {
    this.reached = Math.max(this.reached, this.now());
    return this.reached;
  }

  write() {
    // libfaketime's offset syntax: signed seconds. Under a second from the present is the present.
    const seconds = Math.min(0, Math.ceil(this.offsetMs / 1000));
    this.offsetMs = seconds * 1000;  // what the programs see
    // Renamed into place: a program reading the file at that moment sees the old offset or the
    // new one, never an empty file (which libfaketime would read as the present).
    writeFileSync(`${this.file}.new`, seconds < 0 ? `${seconds}\n` : '+0\n');
    renameSync(`${this.file}.new`, this.file);
  }
}
