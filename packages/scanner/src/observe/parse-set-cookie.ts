/** A cookie as a `Set-Cookie` header or a `document.cookie` write asks for it. */
export interface CookieWrite {
  readonly name: string;
  readonly domain?: string;
  readonly path?: string;
  /** Milliseconds since the epoch it should expire at; undefined for a session cookie. */
  readonly expiresAt?: number;
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly sameSite?: string;
  /** Max-Age ≤ 0 or an expiry in the past: the write deletes the cookie. */
  readonly deletes: boolean;
}

/**
 * Parses one `Set-Cookie` value (or a `document.cookie` assignment, same syntax) as RFC 6265
 * does: `Max-Age` wins over `Expires`; the expiry is what the site asked for, before the
 * browser's 400-day cap.
 */
export function parseSetCookie(text: string, now: number): CookieWrite | undefined {
  const [pair, ...attributes] = text.split(';');
  const eq = pair!.indexOf('=');
  const name = (eq === -1 ? '' : pair!.slice(0, eq)).trim();
  if (eq === -1 && pair!.trim() === '') return undefined;
  let domain: string | undefined;
  let path: string | undefined;
  let maxAge: number | undefined;
  let expires: number | undefined;
  let httpOnly = false;
  let secure = false;
  let sameSite: string | undefined;
  for (const attribute of attributes) {
    const i = attribute.indexOf('=');
    const key = (i === -1 ? attribute : attribute.slice(0, i)).trim().toLowerCase();
    const value = i === -1 ? '' : attribute.slice(i + 1).trim();
    if (key === 'domain' && value) domain = value.replace(/^\./, '').toLowerCase();
    else if (key === 'path') path = value || '/';
    else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === 'expires') {
      const t = Date.parse(value);
      if (!Number.isNaN(t)) expires = t;
    } else if (key === 'httponly') httpOnly = true;
    else if (key === 'secure') secure = true;
    else if (key === 'samesite') sameSite = value;
  }
  const expiresAt = maxAge !== undefined ? now + maxAge * 1000 : expires;
  return {
    name: eq === -1 ? pair!.trim() : name,
    domain,
    path,
    expiresAt,
    httpOnly,
    secure,
    sameSite,
    deletes: (maxAge !== undefined && maxAge <= 0) || (expiresAt !== undefined && expiresAt <= now),
  };
}

/** Adds whole calendar months, clamping the day (31 January + 1 month = 28/29 February). */
export function addCalendarMonths(time: number, months: number): number {
  const d = new Date(time);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

/** Calendar months from `from` to `to`, rounded up: 13 months and a day counts 14. */
export function calendarMonths(from: number, to: number): number {
  let months = 0;
  while (addCalendarMonths(from, months) < to && months < 1200) months += 1;
  return months;
}
