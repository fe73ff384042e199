import type { Principal } from '@galette/core';
import type { Translator } from '@galette/core';

/** How the request proved who it is. */
export type Authentication = 'session' | 'token' | 'none';

/** What the console's middleware learnt about a request, for its guard and its pages. */
export interface ConsoleRequest {
  /** The language pages are rendered in (query, `galette_lang`, the user's, the browser's). */
  readonly lang: string;
  readonly t: Translator;
  readonly principal: Principal | undefined;
  readonly authentication: Authentication;
  /** The session's stored reference (to mark it "this session" in lists). */
  readonly sessionRef: string | undefined;
}

declare module 'hono' {
  interface ContextVariableMap {
    galetteConsole: ConsoleRequest;
    /** The CSRF secret set during this request, when the cookie was made or rotated. */
    galetteCsrfSecret: string;
  }
}
