import {
  LANGUAGE_COOKIE,
  REFERENCE_LANGUAGE,
  SUPPORTED_LANGUAGES,
  negotiateLanguage,
  type PortalContent,
} from '@galette/core';
import type { Context } from 'hono';
import { requestHeader } from './request-header.js';

/** What language negotiation reads from a request. */
export interface LanguageHints {
  readonly query: string | undefined;
  readonly cookie: string | undefined;
  readonly acceptLanguage: string | undefined;
}

/** Everything Galette can speak, for pages that belong to no portal (errors, 404). */
const SERVER_LANGUAGES: Pick<PortalContent, 'languages' | 'defaultLanguage'> = {
  languages: SUPPORTED_LANGUAGES,
  defaultLanguage: REFERENCE_LANGUAGE,
};

/** Reads `?lang=`, the language cookie and `Accept-Language` from a request. */
export function languageHints(c: Context): LanguageHints {
  return {
    query: queryParam(c.req.url, 'lang'),
    cookie: cookieValue(requestHeader(c, 'cookie'), LANGUAGE_COOKIE),
    acceptLanguage: requestHeader(c, 'accept-language'),
  };
}

type LanguageSet = Pick<PortalContent, 'languages' | 'defaultLanguage'>;

// Negotiation parses Accept-Language on every call, while clients send few distinct headers:
// answers are memoised per portal content object (stable while its revision is cached).
const memos = new WeakMap<LanguageSet, Map<string, string>>();
const MEMO_LIMIT = 256;
/** Longer hints are negotiated without being remembered, so no request can bloat the memo. */
const MEMO_KEY_LIMIT = 512;

/** The language of an answer about `portal`, or about the server when no portal applies. */
export function answerLanguage(
  hints: LanguageHints,
  portal: LanguageSet = SERVER_LANGUAGES,
): string {
  let memo = memos.get(portal);
  if (memo === undefined) memos.set(portal, (memo = new Map()));
  const key = `${hints.query ?? ''}\n${hints.cookie ?? ''}\n${hints.acceptLanguage ?? ''}`;
  if (key.length > MEMO_KEY_LIMIT) return negotiateLanguage(portal, hints);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const lang = negotiateLanguage(portal, hints);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, lang);
  return lang;
}

/** One query parameter, without building a URLSearchParams for the whole query. */
export function queryParam(url: string, name: string): string | undefined {
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  const hash = url.indexOf('#', start);
  const query = url.slice(start + 1, hash < 0 ? undefined : hash);
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key === name) return decode(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return undefined;
}

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    return decode(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
  }
  return undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
