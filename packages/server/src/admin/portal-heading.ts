import { MISS } from '../revision-cache.js';
import type { ServerContext } from '../server-context.js';

/**
 * A portal's id and name for a page's heading, from the cached published revision when there
 * is one: reading the draft would load every declaration (hundreds on a large portal) for a
 * name. Undefined for a portal that is neither published nor drafted.
 */
export async function portalHeading(
  context: Pick<ServerContext, 'revisions' | 'store'>,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  const cached = context.revisions.peek(id);
  const revision =
    cached === MISS ? await context.revisions.get(id).catch(() => undefined) : cached;
  if (revision) return { id, name: revision.content.name };
  const draft = await context.store.getPortal(id);
  return draft && { id, name: draft.name };
}
