/**
 * A copy of a string that does not keep the string it was cut from alive. V8 represents a slice of
 * a long string as a view into it: a cache keyed by slices of each version of a 10 MB document would
 * hold every version in memory. Used where a string outlives the version it came from.
 */
export function flatten(s: string): string {
  if (s.length < 13) return s;
  // Slicing a concatenation first flattens it into a fresh string; the slice then points into that.
  return (' ' + s).slice(1);
}
