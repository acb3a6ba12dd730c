/**
 * Text from a brief shown in hovers and completions. Everything is escaped so that a note cannot
 * inject Markdown links, command: URIs, images or HTML; only http(s)/mailto URLs become links.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+\-.!|~&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

const SAFE_SCHEMES = /^(https?:\/\/|mailto:)/i;

export function isSafeLink(url: string): boolean {
  return SAFE_SCHEMES.test(url) && !/[\s<>"`]/.test(url);
}

/** A Markdown link to a safe URL, with its text escaped; anything else as escaped plain text. */
export function safeLink(url: string): string {
  if (!isSafeLink(url)) return escapeMarkdown(url);
  // encodeURIComponent leaves ( and ) alone: encode them by hand so a URL cannot close the link.
  const target = url.replace(/[()\\ [\]]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  return `[${escapeMarkdown(url)}](${target})`;
}

/** Note text with its URLs as links and the rest escaped. */
export function noteToMarkdown(text: string, urls: { url: string }[]): string {
  let out = '';
  let pos = 0;
  for (const { url } of urls) {
    const at = text.indexOf(url, pos);
    if (at < 0) continue;
    out += escapeMarkdown(text.slice(pos, at)) + safeLink(url);
    pos = at + url.length;
  }
  return out + escapeMarkdown(text.slice(pos));
}
