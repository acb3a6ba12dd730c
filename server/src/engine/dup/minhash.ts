/**
 * Hashing primitives for duplicate detection: 32-bit string hash (FNV-1a),
 * word-shingle hashes, MinHash signatures, LSH band keys and exact set
 * similarity. Pure, no I/O; all arithmetic is 32-bit (Math.imul).
 */

/** FNV-1a over UTF-16 code units, finished with murmur3's fmix32 for better low-bit spread. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/**
 * Hashes (same function as hashString) of the space-separated words of a
 * normalised string, written to `out` from `at`; returns the number of words.
 * No intermediate strings are allocated.
 */
export function hashWordsInto(norm: string, out: Uint32Array, at: number): number {
  let count = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if (c === 32) {
      if (inWord) {
        out[at + count++] = fmix32(h);
        h = 0x811c9dc5;
        inWord = false;
      }
      continue;
    }
    h ^= c;
    h = Math.imul(h, 0x01000193);
    inWord = true;
  }
  if (inWord) out[at + count++] = fmix32(h);
  return count;
}

/** A 53-bit key for a word-hash sequence (two independent 32-bit hashes), usable as a Map key. */
export function sequenceKey(words: ArrayLike<number>): number {
  let h1 = 0x3c6ef372 ^ words.length;
  let h2 = 0x1b873593 ^ words.length;
  for (let i = 0; i < words.length; i++) {
    h1 = mixBlock(h1, words[i]!);
    h2 = mixBlock(h2, words[i]! ^ 0x5bd1e995);
  }
  return (fmix32(h1) >>> 11) * 4294967296 + fmix32(h2 ^ 0x27d4eb2f);
}

/** Same word-hash sequence? */
export function sameSequence(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** murmur3 finaliser: a bijection on 32-bit values with good avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** murmur3 block step: mix 32-bit `k` into running hash `h`. */
function mixBlock(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Hash of the word sequence `words[from .. from+k)` (word hashes as input). */
export function shingleHash(words: ArrayLike<number>, from: number, k: number): number {
  let h = 0x9747b28c ^ k;
  for (let i = 0; i < k; i++) h = mixBlock(h, words[from + i]!);
  return fmix32(h ^ k);
}

/**
 * Sorted, de-duplicated hashes of the k-word shingles of `words`. A sequence
 * shorter than k gives one shingle made of all its words.
 */
export function shingleSet(words: ArrayLike<number>, k: number): Uint32Array {
  const n = words.length;
  if (n === 0) return new Uint32Array(0);
  const count = n < k ? 1 : n - k + 1;
  const out = new Uint32Array(count);
  if (n < k) out[0] = shingleHash(words, 0, n);
  else for (let i = 0; i < count; i++) out[i] = shingleHash(words, i, k);
  return uniqueSorted(out);
}

/** Sorted, de-duplicated copy (or the same array sorted in place and trimmed). */
export function uniqueSorted(values: Uint32Array): Uint32Array {
  if (values.length < 2) return values;
  values.sort();
  let w = 1;
  for (let r = 1; r < values.length; r++) {
    if (values[r] !== values[w - 1]) values[w++] = values[r]!;
  }
  return w === values.length ? values : values.slice(0, w);
}

/** splitmix32-style deterministic generator for the MinHash coefficients. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/** Number of MinHash functions (signature length). */
export const NUM_HASHES = 64;

const COEF_A = new Int32Array(NUM_HASHES);
const COEF_B = new Int32Array(NUM_HASHES);
{
  const rnd = seededRandom(0x5eed1234);
  for (let i = 0; i < NUM_HASHES; i++) {
    COEF_A[i] = rnd() | 1; // odd multiplier: a*x+b is a permutation of 2^32
    COEF_B[i] = rnd();
  }
}

const SCRATCH_MINS = new Int32Array(NUM_HASHES);

/**
 * MinHash signature of a set (or multiset: duplicates do not change minima) of
 * 32-bit hashes: for each of NUM_HASHES permutations
 * h_i(x) = xorshift(a_i·x + b_i mod 2^32), the minimum over the set (compared
 * as signed 32-bit integers, which is just another fixed total order).
 * Returns a shared scratch array: consume it (bandKeys) before the next call.
 */
export function minhash(set: ArrayLike<number>): Int32Array {
  const mins = SCRATCH_MINS;
  const n = set.length;
  // One hash function at a time over the whole set: its coefficients and running minimum stay in
  // registers, and the set is read in order (the other nesting reloads all three per element).
  for (let i = 0; i < NUM_HASHES; i++) {
    const a = COEF_A[i]!;
    const b = COEF_B[i]!;
    let min = 0x7fffffff;
    for (let s = 0; s < n; s++) {
      let v = (Math.imul(set[s]! | 0, a) + b) | 0;
      v ^= v >>> 15;
      if (v < min) min = v;
    }
    mins[i] = min;
  }
  return mins;
}

/**
 * LSH band keys: the signature cut into `bands` bands of `rows` values, each band
 * hashed (with its band number) to one 32-bit key. Two sets with Jaccard J share
 * at least one key with probability 1 − (1 − J^rows)^bands.
 */
export function bandKeys(sig: ArrayLike<number>, rows: number, bands: number): Uint32Array {
  const keys = new Uint32Array(bands);
  bandKeysInto(sig, rows, bands, keys, 0);
  return keys;
}

/** bandKeys written to `out` from `at`. */
export function bandKeysInto(sig: ArrayLike<number>, rows: number, bands: number, out: Uint32Array, at: number): void {
  for (let b = 0; b < bands; b++) {
    let h = Math.imul(b + 1, 0x9e3779b1);
    const base = b * rows;
    for (let r = 0; r < rows; r++) h = mixBlock(h, sig[base + r]!);
    out[at + b] = fmix32(h ^ rows);
  }
}

/**
 * LSH rows per band for a target Jaccard threshold t, with NUM_HASHES hashes:
 * t ≥ 0.7 → 4 rows × 16 bands (P(candidate) ≈ 0.9998 at 0.8, 0.99 at 0.7, 0.12 at 0.3);
 * t ≥ 0.5 → 3 × 21; lower → 2 × 32.
 */
export function rowsForThreshold(t: number): number {
  if (t >= 0.7) return 4;
  if (t >= 0.5) return 3;
  return 2;
}

/**
 * Exact Jaccard of two sorted, de-duplicated arrays. With `minSim`, returns −1
 * as soon as the result is certain to be below it.
 */
export function jaccardSorted(a: Uint32Array, b: Uint32Array, minSim = 0): number {
  const na = a.length;
  const nb = b.length;
  if (na === 0 && nb === 0) return 1;
  // J ≥ t  ⟺  |A∩B| ≥ t·(|A|+|B|)/(1+t)
  const need = minSim > 0 ? Math.ceil((minSim * (na + nb)) / (1 + minSim) - 1e-9) : 0;
  if (need > Math.min(na, nb)) return -1;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < na && j < nb) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else {
      if (x < y) i++;
      else j++;
      if (inter + Math.min(na - i, nb - j) < need) return -1;
    }
  }
  const jac = inter / (na + nb - inter);
  return jac >= minSim ? jac : -1;
}

let EDIT_A = new Int32Array(128);
let EDIT_B = new Int32Array(128);

/**
 * Word-level edit similarity 1 − d / max(|a|, |b|) (d = Levenshtein distance over
 * words, given as word hashes). Returns −1 as soon as it is certain to be below
 * `minSim`: banded DP (only cells with |i − j| ≤ dMax), early exit when a whole
 * row exceeds dMax, no allocation.
 */
export function editSimilarity(a: ArrayLike<number>, b: ArrayLike<number>, minSim: number): number {
  const n = a.length;
  const m = b.length;
  const L = Math.max(n, m);
  if (L === 0) return 1;
  const maxD = Math.floor((1 - minSim) * L + 1e-9);
  if (Math.abs(n - m) > maxD) return -1;
  const INF = maxD + 1;
  if (EDIT_A.length < m + 2) {
    EDIT_A = new Int32Array(2 * m + 2);
    EDIT_B = new Int32Array(2 * m + 2);
  }
  let prev = EDIT_A;
  let cur = EDIT_B;
  let prevHi = Math.min(m, maxD);
  for (let j = 0; j <= prevHi; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = i > maxD ? i - maxD : 0;
    const hi = Math.min(m, i + maxD);
    if (hi > prevHi) prev[hi] = INF; // outside the previous row's band
    let rowMin = INF;
    let j = lo;
    if (lo === 0) {
      cur[0] = i;
      rowMin = i;
      j = 1;
    } else {
      cur[lo - 1] = INF; // left of this row's band
    }
    const ai = a[i - 1];
    for (; j <= hi; j++) {
      let v = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < v) v = del;
      const ins = cur[j - 1]! + 1;
      if (ins < v) v = ins;
      if (v > INF) v = INF;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > maxD) return -1;
    prevHi = hi;
    const t = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[m]!;
  if (d > maxD) return -1;
  return 1 - d / L;
}

/* ------------------------------------------------------------------------ */
/* band tables: (key, item) pairs sorted by key (binary search = bucket)     */
/* ------------------------------------------------------------------------ */

export interface BandTable {
  /** band keys, sorted ascending */
  keys: Uint32Array;
  /** item of each entry; ascending within one key */
  items: Int32Array;
}

/** LSD radix sort (4 × 8 or 2 × 16 bits) of keys with payload; stable, so equal keys keep insertion order. */
function radixSort(keys: Uint32Array, items: Int32Array): void {
  const n = keys.length;
  if (n < 2) return;
  let k1: Uint32Array = keys;
  let i1: Int32Array = items;
  let k2: Uint32Array = new Uint32Array(n);
  let i2: Int32Array = new Int32Array(n);
  const bits = n > 65536 ? 16 : 8;
  const radix = 1 << bits;
  const dmask = radix - 1;
  const count = new Int32Array(radix);
  for (let shift = 0; shift < 32; shift += bits) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(k1[i]! >>> shift) & dmask]++;
    if (count[(k1[0]! >>> shift) & dmask] === n) continue; // all equal in this digit
    let sum = 0;
    for (let b = 0; b < radix; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const d = (k1[i]! >>> shift) & dmask;
      const at = count[d]!++;
      k2[at] = k1[i]!;
      i2[at] = i1[i]!;
    }
    const tk = k1;
    k1 = k2;
    k2 = tk;
    const ti = i1;
    i1 = i2;
    i2 = ti;
  }
  if (k1 !== keys) {
    keys.set(k1);
    items.set(i1);
  }
}

/** Build a band table from each item's band keys (item = position in `perItem`). */
export function buildBandTable(perItem: ArrayLike<Uint32Array>, count: number): BandTable {
  let total = 0;
  for (let i = 0; i < count; i++) total += perItem[i]!.length;
  const keys = new Uint32Array(total);
  const items = new Int32Array(total);
  let w = 0;
  for (let i = 0; i < count; i++) {
    const ks = perItem[i]!;
    for (let b = 0; b < ks.length; b++) {
      keys[w] = ks[b]!;
      items[w++] = i;
    }
  }
  radixSort(keys, items);
  return { keys, items };
}

/** Index of the first entry with this key, or −1. */
export function bucketStart(t: BandTable, key: number): number {
  const keys = t.keys;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < keys.length && keys[lo] === key ? lo : -1;
}
