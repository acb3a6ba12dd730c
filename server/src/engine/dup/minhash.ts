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

/**
 * MinHash signature of a set of 32-bit hashes: for each of NUM_HASHES
 * permutations h_i(x) = xorshift(a_i·x + b_i mod 2^32), the minimum over the set.
 */
export function minhash(set: ArrayLike<number>): Uint32Array {
  const mins = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  const n = set.length;
  for (let s = 0; s < n; s++) {
    const x = set[s]!;
    for (let i = 0; i < NUM_HASHES; i++) {
      let v = (Math.imul(x, COEF_A[i]!) + COEF_B[i]!) | 0;
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < mins[i]!) mins[i] = v;
    }
  }
  return mins;
}

/**
 * LSH band keys: the signature cut into `bands` bands of `rows` values, each band
 * hashed (with its band number) to one 32-bit key. Two sets with Jaccard J share
 * at least one key with probability 1 − (1 − J^rows)^bands.
 */
export function bandKeys(sig: Uint32Array, rows: number, bands: number): Uint32Array {
  const keys = new Uint32Array(bands);
  for (let b = 0; b < bands; b++) {
    let h = Math.imul(b + 1, 0x9e3779b1);
    const base = b * rows;
    for (let r = 0; r < rows; r++) h = mixBlock(h, sig[base + r]!);
    keys[b] = fmix32(h ^ rows);
  }
  return keys;
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

/** Exact Jaccard of two sorted, de-duplicated arrays. */
export function jaccardSorted(a: Uint32Array, b: Uint32Array): number {
  const na = a.length;
  const nb = b.length;
  if (na === 0 && nb === 0) return 1;
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
    } else if (x < y) i++;
    else j++;
  }
  return inter / (na + nb - inter);
}

/**
 * Word-level edit similarity 1 − d / max(|a|, |b|) (d = Levenshtein distance over
 * words, given as word hashes). Returns −1 as soon as it is certain to be below
 * `minSim` (banded DP, O(n·d)).
 */
export function editSimilarity(a: ArrayLike<number>, b: ArrayLike<number>, minSim: number): number {
  const n = a.length;
  const m = b.length;
  const L = Math.max(n, m);
  if (L === 0) return 1;
  const maxD = Math.floor((1 - minSim) * L + 1e-9);
  if (Math.abs(n - m) > maxD) return -1;
  const INF = maxD + 1;
  // rows over a (i), columns over b (j), only |i - j| <= maxD
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= maxD ? j : INF;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - maxD);
    const hi = Math.min(m, i + maxD);
    cur.fill(INF);
    cur[0] = i <= maxD ? i : INF;
    let rowMin = cur[0]!;
    const ai = a[i - 1];
    for (let j = lo; j <= hi; j++) {
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
    const t = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[m]!;
  if (d > maxD) return -1;
  return 1 - d / L;
}
