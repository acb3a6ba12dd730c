import type { Marker } from '../model';

export function describeMarker(m: Marker): string {
  if (m.style === 'footnote') return `Footnote marker [^${m.label}]`;
  if (m.style === 'bracket') return `Citation [${m.label}]`;
  return `Note marker ${m.label}`;
}
