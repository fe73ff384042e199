/* global fetch, AbortSignal, performance, setTimeout */
// A consent load as browsers make it, for fault tests and `bench/faults.mjs`: workers post
// consents; on a 503 (or a failed request) a worker sends the same event again, as the widget
// does, until it is acknowledged or the load stops. Every answer is tallied by status, with the
// longest answer time, and the acknowledged event ids are kept to be looked up afterwards.
import { randomBytes, randomUUID } from 'node:crypto';

/** An id shaped like the widget's: time first (base 36), then 128 random bits. */
export function consentId() {
  return Date.now().toString(36).padStart(9, '0') + randomBytes(16).toString('base64url');
}

/**
 * Starts `connections` workers posting to `endpoint`; `stop()` ends them and resolves with
 * `{ statuses, longestMs, acknowledged, requests }`. `requestTimeoutMs` bounds each request, so a
 * server that never answers shows as `timeout` instead of holding the load.
 */
export function startConsentLoad({
  endpoint,
  origin,
  revision,
  connections = 8,
  requestTimeoutMs = 20_000,
  pauseMs = 0,
}) {
  const statuses = {};
  const acknowledged = [];
  let longestMs = 0;
  let requests = 0;
  let stopping = false;
  const tally = (status, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    requests++;
    if (ms > longestMs) longestMs = ms;
  };
  const worker = async () => {
    let submission;
    while (!stopping) {
      submission ??= {
        eventId: randomUUID(),
        consentId: consentId(),
        revision,
        choices: { statistics: requests % 2 === 0 },
        action: 'custom',
        source: 'banner',
        lang: 'fr',
      };
      const started = performance.now();
      try {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify(submission),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        await res.arrayBuffer();
        tally(String(res.status), performance.now() - started);
        if (res.status === 201 || res.status === 200) {
          acknowledged.push(submission);
          submission = undefined;
        }
      } catch (error) {
        const name = error?.name === 'TimeoutError' ? 'timeout' : (error?.cause?.code ?? 'error');
        tally(name, performance.now() - started);
      }
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const running = Promise.all(Array.from({ length: connections }, worker));
  return {
    /** Answers so far, by status. */
    statuses,
    acknowledged,
    async stop() {
      stopping = true;
      await running;
      return { statuses: { ...statuses }, longestMs, acknowledged, requests };
    },
  };
}
