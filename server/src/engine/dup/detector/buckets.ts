/**
 * LSH bucket lookups over the sorted band tables: candidates of one item (bounded per bucket and
 * in all), and the sequential passes that tell which items can have candidates at all.
 */
import { bucketStart, type BandTable } from '../minhash';
import { BUCKET_SCAN_CAP, CANDIDATE_CAP, type MatchEnv } from './state';

/**
 * Candidate items from the buckets starting at `starts[from..to)` of a band
 * table: only items < limit, the earliest BUCKET_SCAN_CAP of each bucket;
 * at most CANDIDATE_CAP, preferring those sharing the most buckets (highest
 * estimated similarity), then the earliest.
 */
export function bucketCandidates(
  env: MatchEnv,
  table: BandTable,
  starts: ArrayLike<number>,
  from: number,
  to: number,
  limit: number,
  stamp: Int32Array,
  hits: Int32Array,
): number[] {
  const token = env.stamps.next();
  const out: number[] = [];
  const tk = table.keys;
  const ti = table.items;
  for (let b = from; b < to; b++) {
    let k = starts[b]!;
    const key = tk[k];
    for (let scanned = 0; k < tk.length && scanned < BUCKET_SCAN_CAP; k++, scanned++) {
      if (tk[k] !== key) break;
      const idx = ti[k]!;
      if (idx >= limit) break;
      if (stamp[idx] === token) {
        hits[idx]++;
        continue;
      }
      stamp[idx] = token;
      hits[idx] = 1;
      out.push(idx);
    }
  }
  if (out.length > CANDIDATE_CAP) {
    out.sort((x, y) => hits[y]! - hits[x]! || x - y);
    out.length = CANDIDATE_CAP;
  }
  return out;
}

/** Start positions of the buckets of `keys` that exist in `table` (binary search). */
export function bucketStarts(table: BandTable, keys: Uint32Array): number[] {
  const starts: number[] = [];
  for (let b = 0; b < keys.length; b++) {
    const k = bucketStart(table, keys[b]!);
    if (k >= 0) starts.push(k);
  }
  return starts;
}

/** Per item, the start positions of its buckets that hold an earlier item it may copy (CSR). */
export interface SelfBuckets {
  /** item i's bucket starts are starts[off[i] .. off[i+1]) */
  off: Int32Array;
  starts: Int32Array;
}

/**
 * For each item of `t` (0..count), the buckets it shares with an earlier item it
 * may copy (first item of the bucket < limitOf(item)). Two sequential passes
 * over the sorted table; items with no such bucket are never looked up.
 */
export function selfBuckets(t: BandTable, count: number, limitOf: (item: number) => number): SelfBuckets {
  const keys = t.keys;
  const items = t.items;
  const len = keys.length;
  const off = new Int32Array(count + 1);
  // calls visit(item, bucketStart) for every (item, bucket) pair that qualifies
  const each = (visit: (item: number, start: number) => void) => {
    let s = 0;
    while (s < len) {
      const key = keys[s]!;
      let e = s + 1;
      while (e < len && keys[e] === key) e++;
      if (e - s > 1) {
        const first = items[s]!;
        for (let j = s + 1; j < e; j++) {
          const it = items[j]!;
          if (first < limitOf(it)) visit(it, s);
        }
      }
      s = e;
    }
  };
  each((it) => {
    off[it + 1]++;
  });
  for (let i = 0; i < count; i++) off[i + 1] += off[i]!;
  const starts = new Int32Array(off[count]!);
  const fill = off.slice(0, count);
  each((it, s) => {
    starts[fill[it]!++] = s;
  });
  return { off, starts };
}

/** Items of `t` that share a band key with any entry of the other tables (merge of sorted keys). */
export function markCross(t: BandTable, count: number, others: BandTable[]): Uint8Array {
  const mark = new Uint8Array(count);
  const a = t.keys;
  for (const o of others) {
    const b = o.keys;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x < y) i++;
      else if (x > y) j++;
      else {
        while (i < a.length && a[i] === x) mark[t.items[i++]!] = 1;
      }
    }
  }
  return mark;
}
