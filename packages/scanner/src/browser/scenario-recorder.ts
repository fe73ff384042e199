import type { BrowserContext, Cookie, Frame, Page, Request, Response } from 'playwright-core';
import { parseSetCookie, type CookieWrite } from '../observe/parse-set-cookie.js';
import { hostOf, sameSite } from '../site.js';
import { INSTRUMENT_SCRIPT, REPORT_BINDING } from './instrument-script.js';

export type Setter =
  | { via: 'http'; url: string; frame?: string }
  | { via: 'script'; script?: string; stack: string[]; frame: string };

export interface CookieEvent extends CookieWrite {
  /** Domain the cookie lands on: its `Domain` attribute or the host that set it. */
  readonly host: string;
  readonly time: number;
  readonly visit: number;
  readonly setter: Setter;
}

export interface StorageEvent {
  readonly kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
  readonly origin: string;
  readonly name: string;
  readonly time: number;
  readonly visit: number;
  readonly setter: Setter;
}

export interface RequestEvent {
  readonly url: string;
  readonly host: string;
  readonly type: string;
  readonly time: number;
  readonly visit: number;
}

export interface Snapshot {
  readonly visit: number;
  readonly url: string;
  readonly time: number;
  readonly afterChoice: boolean;
  readonly cookies: Cookie[];
  readonly storage: { kind: StorageEvent['kind']; origin: string; name: string }[];
}

export interface Recording {
  readonly cookieEvents: CookieEvent[];
  readonly storageEvents: StorageEvent[];
  readonly requests: RequestEvent[];
  readonly snapshots: Snapshot[];
  /** Request address → what started it (a script or a document), from CDP. */
  readonly initiators: Map<string, string>;
  readonly visitUrls: string[];
  choiceTime?: number;
}

interface Payload {
  kind: 'cookie' | StorageEvent['kind'];
  text?: string;
  name?: string;
  stack?: string[];
  time?: number;
}

const SNAPSHOT_TIMEOUT_MS = 1500;

/** The script address in a V8 stack line: `at f (https://x/a.js:1:2)` or `at https://x/a.js:1:2`. */
export function scriptOfStack(stack: readonly string[]): string | undefined {
  for (const line of stack) {
    const m = /((?:https?|file):\/\/[^\s)]+?)(?::\d+){1,2}\)?$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Records what one scenario's pages do: `Set-Cookie` headers of every response of every frame
 * (headers as received, HttpOnly and third-party included), the instrumented writes, requests
 * to other sites, and a snapshot of cookies and storage after each page.
 */
export class ScenarioRecorder {
  readonly recording: Recording = {
    cookieEvents: [],
    storageEvents: [],
    requests: [],
    snapshots: [],
    initiators: new Map(),
    visitUrls: [],
  };
  private visit = -1;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly seenResponses = new WeakSet<Response>();

  constructor(
    private readonly context: BrowserContext,
    private readonly targetHost: string,
  ) {}

  async install(): Promise<void> {
    await this.context.exposeBinding(REPORT_BINDING, (source, payload: Payload) => {
      this.onWrite(source.frame, payload);
    });
    await this.context.addInitScript({ content: INSTRUMENT_SCRIPT });
    this.context.on('request', (request) => this.onRequest(request));
    this.context.on('response', (response) => this.track(this.onResponse(response)));
  }

  /** CDP on the page gives each request's initiator (script stack or parser). */
  async watchInitiators(page: Page): Promise<void> {
    try {
      const cdp = await this.context.newCDPSession(page);
      cdp.on('Network.requestWillBeSent', (event) => {
        const i = event.initiator;
        let by: string | undefined;
        if (i.type === 'script') {
          let stack = i.stack;
          while (stack && !by) {
            by = stack.callFrames.find((f) => f.url)?.url;
            stack = stack.parent;
          }
        } else if (i.url) by = i.url;
        if (!by && event.documentURL && event.documentURL !== event.request.url)
          by = event.documentURL;
        if (by && !this.recording.initiators.has(event.request.url)) {
          this.recording.initiators.set(event.request.url, by);
        }
      });
      await cdp.send('Network.enable');
    } catch {
      // Initiators are evidence, not a condition of the scan.
    }
  }

  startVisit(url: string): void {
    this.visit += 1;
    this.recording.visitUrls.push(url);
  }

  markChoice(): void {
    this.recording.choiceTime = Date.now();
  }

  /** Waits for pending header reads, then records cookies and storage of every frame. */
  async snapshot(page: Page, afterChoice: boolean): Promise<void> {
    await this.settle();
    const storage: Snapshot['storage'] = [];
    for (const frame of page.frames()) {
      const found = await withTimeout(frameStorage(frame), SNAPSHOT_TIMEOUT_MS);
      if (found) storage.push(...found);
    }
    const cookies = await this.context.cookies();
    this.recording.snapshots.push({
      visit: this.visit,
      url: page.url(),
      time: Date.now(),
      afterChoice,
      cookies,
      storage,
    });
  }

  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(promise: Promise<unknown>): void {
    const p = promise.catch(() => {}).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private onRequest(request: Request): void {
    const url = request.url();
    if (!/^https?:/.test(url)) return;
    const host = hostOf(url);
    if (sameSite(host, this.targetHost)) return;
    this.recording.requests.push({
      url,
      host,
      type: request.resourceType(),
      time: Date.now(),
      visit: this.visit,
    });
  }

  private async onResponse(response: Response): Promise<void> {
    // A redirect's own Set-Cookie counts too: walk back through the chain.
    for (let r: Response | null = response; r && !this.seenResponses.has(r);) {
      this.seenResponses.add(r);
      const time = Date.now();
      const visit = this.visit;
      let frame: string | undefined;
      try {
        frame = r.frame().url() || undefined;
      } catch {
        frame = undefined;
      }
      const headers = await r.headersArray();
      const url = r.url();
      for (const { name, value } of headers) {
        if (name.toLowerCase() !== 'set-cookie') continue;
        for (const line of value.split('\n')) {
          const write = parseSetCookie(line, time);
          if (!write) continue;
          this.recording.cookieEvents.push({
            ...write,
            host: write.domain ?? hostOf(url),
            time,
            visit,
            setter: { via: 'http', url, ...(frame ? { frame } : {}) },
          });
        }
      }
      const previous = r.request().redirectedFrom();
      r = previous ? await previous.response() : null;
    }
  }

  private onWrite(frame: Frame, payload: Payload): void {
    let frameUrl = '';
    try {
      frameUrl = frame.url();
    } catch {
      frameUrl = '';
    }
    const stack = Array.isArray(payload.stack) ? payload.stack.map(String).slice(0, 12) : [];
    const script = scriptOfStack(stack);
    const setter: Setter = { via: 'script', ...(script ? { script } : {}), stack, frame: frameUrl };
    const time = typeof payload.time === 'number' ? payload.time : Date.now();
    if (payload.kind === 'cookie' && typeof payload.text === 'string') {
      const write = parseSetCookie(payload.text, time);
      if (!write || write.httpOnly) return;
      this.recording.cookieEvents.push({
        ...write,
        host: write.domain ?? hostOf(frameUrl),
        time,
        visit: this.visit,
        setter,
      });
    } else if (payload.kind !== 'cookie' && typeof payload.name === 'string') {
      let origin = '';
      try {
        origin = new URL(frameUrl).origin;
      } catch {
        return;
      }
      this.recording.storageEvents.push({
        kind: payload.kind,
        origin,
        name: payload.name,
        time,
        visit: this.visit,
        setter,
      });
    }
  }
}

async function frameStorage(frame: Frame): Promise<Snapshot['storage']> {
  const url = frame.url();
  if (!/^https?:/.test(url)) return [];
  return frame.evaluate(async () => {
    const out: {
      kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
      origin: string;
      name: string;
    }[] = [];
    const origin = location.origin;
    const keys = (area: () => Storage) => {
      try {
        const s = area();
        return Array.from({ length: s.length }, (_, i) => s.key(i)!);
      } catch {
        return [];
      }
    };
    for (const name of keys(() => localStorage)) out.push({ kind: 'localStorage', origin, name });
    for (const name of keys(() => sessionStorage))
      out.push({ kind: 'sessionStorage', origin, name });
    try {
      for (const db of await indexedDB.databases()) {
        if (db.name) out.push({ kind: 'indexedDB', origin, name: db.name });
      }
    } catch {
      // Opaque origins have no IndexedDB.
    }
    return out;
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.catch(() => undefined),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
