import type { WidgetCategory } from '@galette/core';
import { matchesName } from './dom.js';

/** The value of the cookie `name` (a plain name: letters, digits, `_`), if the page has it. */
export function readCookie(name: string, cookies = document.cookie): string | undefined {
  return new RegExp(`(?:^|;)\\s*${name}=([^;]*)`).exec(cookies)?.[1]?.trim();
}

/** On https: without it the browser refuses to set, even to expire, `__Secure-`/`__Host-` ones. */
const secure = () => (location.protocol === 'https:' ? ';Secure' : '');

export function writeCookie(name: string, value: string, days: number, domain?: string): void {
  document.cookie = `${name}=${value};Max-Age=${days * 86400};Path=/;SameSite=Lax${
    domain ? `;Domain=${domain}` : ''
  }${secure()}`;
}

/**
 * Removes refused categories' declared cookies and storage keys. A cookie is only visible by
 * name, not by the path and domain it was set with, so every variant the page could have used
 * is expired: each parent path of the current one, host-only and each parent domain of the host
 * (a leading dot makes no difference to browsers). `document.cookie` is read once for all
 * categories (or given, as read a moment before), and storage is opened only for categories that declare keys in it: each costs the
 * renderer a synchronous round trip to the browser on a page's first access.
 */
export function clearTrackers(
  categories: readonly WidgetCategory[],
  cookies = document.cookie,
): void {
  const names = cookies.split(';').map((part) => part.split('=')[0]!.trim());
  for (const category of categories) {
    for (const name of names) {
      if (category.cookies?.some((p) => matchesName(p, name))) expireCookie(name);
    }
    clearStorage(() => localStorage, category.local);
    clearStorage(() => sessionStorage, category.session);
  }
}

function expireCookie(name: string): void {
  const labels = location.hostname.split('.');
  let path = '';
  const paths = location.pathname.split('/').map((segment) => (path += `${segment}/`));
  paths.push(...paths.map((p) => p.slice(0, -1)).filter(Boolean));
  labels.forEach((_, i) => {
    const domain = i ? `;Domain=${labels.slice(i - 1).join('.')}` : '';
    for (const p of paths) document.cookie = `${name}=;Max-Age=0;Path=${p}${domain}${secure()}`;
  });
}

function clearStorage(storage: () => Storage, patterns: readonly string[] | undefined): void {
  if (!patterns?.length) return;
  try {
    const store = storage();
    for (const key of Object.keys(store)) {
      if (patterns.some((p) => matchesName(p, key))) store.removeItem(key);
    }
  } catch {
    // Storage disabled by the browser: there is nothing to remove either.
  }
}
