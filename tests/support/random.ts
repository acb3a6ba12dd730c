/**
 * The one seeded random source of the tests and the benchmark scripts: the same seed gives the same
 * numbers on every machine and every run, so a generated document or edit sequence can be replayed.
 *
 * It is pure-rand's xorshift128+, the generator fast-check runs its properties on (pure-rand is
 * fast-check's own dependency), read through pure-rand's uniform distributions, so `below(n)` has
 * no modulo bias. Where fast-check drives the input, draw the seed from it (`seed: fc.integer()`)
 * and pass it here: the structure fast-check generates still shrinks, the filler is this stream.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xorshift128plus } from 'pure-rand/generator/xorshift128plus';

export interface SeededRandom {
  /** A number in [0, 1). */
  float(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** An integer in [0, n), for n ≥ 1. */
  below(n: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list (or one character of a string). */
  pick<T>(items: ArrayLike<T>): T;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
}

/** A random stream from a seed (any integer; fractional seeds are truncated). */
export function seededRandom(seed: number): SeededRandom {
  const rng = xorshift128plus(seed | 0);
  const below = (n: number): number => {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`below(${n}): n must be a positive integer`);
    return uniformInt(rng, 0, n - 1);
  };
  return {
    float: () => uniformFloat64(rng),
    int: (min, max) => uniformInt(rng, min, max),
    below,
    chance: (p) => uniformFloat64(rng) < p,
    pick: (items) => items[below(items.length)],
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = below(i + 1);
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
  };
}
