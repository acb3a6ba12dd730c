import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * A full garbage collection once typing pauses, after checking big documents made a lot of garbage.
 *
 * Every version of a document is a new string (a 10 MB brief in UTF-16 is 20 MB), and strings that
 * big live in V8's large-object space, which only a full collection frees. V8 schedules those by
 * heap growth, not by idleness, so a server that has opened or edited a big brief can sit at
 * several times its live size. A check of a document allocates several times its text (the new
 * version, segments read again, findings): counted as BYTES_PER_CHAR per character, once
 * GARBAGE_BYTES have been made and nothing has happened for IDLE_MS, a collection (and a second
 * one shortly after, which returns the freed pages) gives the memory back. Measured on a 10 MB
 * brief in the closing note of issue 7. A brief of a few pages triggers it after hundreds of edits,
 * and then it costs a few milliseconds, while nothing else is happening.
 */
const GARBAGE_BYTES = 64 * 1024 * 1024;
const BYTES_PER_CHAR = 8;
const IDLE_MS = 2000;
const SECOND_PASS_MS = 300;

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      // --expose-gc set at run time makes `gc` available to contexts created afterwards.
      v8.setFlagsFromString('--expose-gc');
      const fn = vm.runInNewContext('gc') as unknown;
      collect = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

export class IdleCollector {
  private garbage = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Collections run so far (for tests and the status log). */
  collections = 0;

  constructor(
    private readonly idleMs = IDLE_MS,
    private readonly threshold = GARBAGE_BYTES,
  ) {}

  /** A document of `chars` characters was checked: count its garbage, and restart the idle wait. */
  checked(chars: number): void {
    this.garbage += chars * BYTES_PER_CHAR;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.garbage < this.threshold) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.garbage = 0;
      const gc = collector();
      if (!gc) return;
      gc();
      this.collections++;
      // The pages the first collection freed are swept in the background and given back to the
      // system by the next one (measured: one collection 590 -> 590 MB, a second 356 MB).
      this.timer = setTimeout(() => {
        this.timer = undefined;
        gc();
      }, SECOND_PASS_MS);
      this.timer.unref();
    }, this.idleMs);
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
