/**
 * Number parsing: one number (`4,000`, `4 000`, `3.5`, with its digit grouping) and chains of
 * numbers joined by - / : . (`2019-20`, `3:1`, `1.2.3`). Linear: each digit is read once.
 */
import { CHAIN_SEPS, isDigitAt, THIN_SPACES } from './chars';

export interface Num {
  start: number;
  end: number;
  value: number;
  intDigits: number;
  hasComma: boolean;
  irregular: boolean;
  hasDecimal: boolean;
  leadingZero: boolean;
}

export interface Chain {
  start: number;
  end: number;
  parts: Num[];
  seps: string[];
}

export function parseNum(t: string, i: number): Num {
  const n = t.length;
  let j = i;
  let value = 0;
  while (j < n && isDigitAt(t, j)) {
    value = value * 10 + (t.charCodeAt(j) - 48);
    j++;
  }
  const intDigits = j - i;
  let hasComma = false;
  let irregular = false;
  // Thousands groups: ",ddd" (regular) or any other digit run after a comma (irregular: "1,2").
  while (j < n && t[j] === ',' && isDigitAt(t, j + 1)) {
    let k = j + 1;
    while (k < n && isDigitAt(t, k)) {
      value = value * 10 + (t.charCodeAt(k) - 48);
      k++;
    }
    if (k - (j + 1) !== 3 || intDigits > 3) irregular = true;
    hasComma = true;
    j = k;
  }
  // Thin-space / NBSP thousands groups: "4 000"
  if (!hasComma && intDigits <= 3) {
    while (j < n && THIN_SPACES.has(t[j]) && isDigitAt(t, j + 1) && isDigitAt(t, j + 2) && isDigitAt(t, j + 3) && !isDigitAt(t, j + 4)) {
      value = value * 1000 + Number(t.slice(j + 1, j + 4));
      j += 4;
      hasComma = true;
    }
  }
  let hasDecimal = false;
  if (j < n && t[j] === '.' && isDigitAt(t, j + 1)) {
    hasDecimal = true;
    let k = j + 1;
    let scale = 0.1;
    while (k < n && isDigitAt(t, k)) {
      value += (t.charCodeAt(k) - 48) * scale;
      scale /= 10;
      k++;
    }
    j = k;
  }
  return {
    start: i,
    end: j,
    value,
    intDigits,
    hasComma,
    irregular,
    hasDecimal,
    leadingZero: intDigits > 1 && t[i] === '0',
  };
}

export function parseChain(t: string, i: number, masked: Uint8Array): Chain {
  const parts = [parseNum(t, i)];
  const seps: string[] = [];
  let end = parts[0].end;
  while (end < t.length && CHAIN_SEPS.has(t[end]) && isDigitAt(t, end + 1) && !masked[end + 1]) {
    seps.push(t[end]);
    const p = parseNum(t, end + 1);
    parts.push(p);
    end = p.end;
  }
  return { start: i, end, parts, seps };
}

export function isPlainInt(p: Num): boolean {
  return !p.hasComma && !p.hasDecimal && !p.irregular;
}
export function yearLike(p: Num): boolean {
  return isPlainInt(p) && p.intDigits === 4 && p.value >= 1000 && p.value <= 2100;
}
