import { canonicalJson } from './canonical-json.js';
import type { PortalContent } from './portal.js';
import { sha256Hex } from './sha256.js';

/** Content hash of a portal's content: stable for equal content, different for any change. */
export function revisionHash(content: PortalContent): string {
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}
