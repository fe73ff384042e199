import type { ConsentAppend, ConsentAppendResult } from './consent-log.js';
import type { AppendReply, AppendRequest } from './sqlite-append-thread.js';

/** Runs `items` in one transaction with the request's time; throws if it rolled back. */
export type AppendTransaction = (
  items: readonly ConsentAppend[],
  request: AppendRequest,
) => ConsentAppendResult[];

/**
 * The append thread's answer to the requests it took together: one transaction for all (each on
 * its own if that fails, so that one cannot sink another), then one `sync` of the log begun after
 * the commit. Nothing is answered as stored before that sync has completed; if it fails, the
 * records are committed but perhaps not on disk, so they are not acknowledged (a retry finds them
 * and is answered with them, as a duplicate).
 */
export async function answerAppendRequests(
  requests: readonly AppendRequest[],
  transaction: AppendTransaction,
  sync: () => Promise<void>,
): Promise<AppendReply[]> {
  const replies = appendJoined(requests, transaction);
  if (replies.every((reply) => 'error' in reply)) return replies;
  try {
    await sync();
    return replies;
  } catch (error) {
    return replies.map(({ id }) => appendFailure(id, error));
  }
}

function appendJoined(
  requests: readonly AppendRequest[],
  transaction: AppendTransaction,
): AppendReply[] {
  if (requests.length > 1) {
    try {
      // Joined requests share the latest one's server time: each was read before it was sent.
      const results = transaction(
        requests.flatMap((r) => r.items),
        requests.at(-1)!,
      );
      let start = 0;
      return requests.map(({ id, items }) => ({
        id,
        results: results.slice(start, (start += items.length)),
      }));
    } catch {
      // retried one by one below
    }
  }
  return requests.map((request) => {
    try {
      return { id: request.id, results: transaction(request.items, request) };
    } catch (error) {
      return appendFailure(request.id, error);
    }
  });
}

/** A request's failure as sent back, with SQLite's code (`SQLITE_BUSY`, …) when it gave one. */
function appendFailure(id: number, error: unknown): AppendReply {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return {
    id,
    error: {
      message: typeof message === 'string' ? message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    },
  };
}
