import { isBuiltinCategory } from '@galette/core';
import type {
  Classification,
  CookieObservation,
  ScanResult,
  Setter,
  StorageObservation,
} from '../scan-result.js';
import { hostOf } from '../site.js';

/** The custom category holding what the scan could not classify, for a human to sort. */
export const REVIEW_CATEGORY = 'a-verifier';

interface DraftDeclaration {
  provider: string;
  service: { fr: string; en: string };
  name: string;
  purpose: { fr: string; en: string };
  category: string;
  lifetime?: string;
  party: 'first' | 'third';
  domain?: string;
  storage: 'cookie' | 'localStorage' | 'sessionStorage';
  hosts?: string[];
}

/** ISO 8601 duration for an observed lifetime: months from 28 days, else days, else hours. */
function isoLifetime(o: CookieObservation): string {
  if (o.lifetime.session || o.lifetime.days === undefined) return 'session';
  if (o.lifetime.days >= 28) return `P${Math.max(1, o.lifetime.months ?? 1)}M`;
  if (o.lifetime.days >= 1) return `P${Math.ceil(o.lifetime.days)}D`;
  return `PT${Math.max(1, Math.ceil(o.lifetime.days * 24))}H`;
}

function setterHost(setBy: readonly Setter[]): string | undefined {
  for (const s of setBy) {
    const url = s.via === 'http' ? s.url : s.script;
    if (url) return hostOf(url);
  }
  return undefined;
}

/**
 * A draft portal file (`galette.portal/1`) from what a scan saw: one declaration per cookie or
 * storage key, in the category that classified it; whatever nothing classified goes to a
 * custom category « À vérifier » with a purpose that says so. Import it, review it, publish.
 */
export function draftPortalFile(
  result: ScanResult,
  portal: { id: string; name?: string },
): Record<string, unknown> {
  const origin = new URL(result.target.url).origin;
  const declarations: DraftDeclaration[] = [];
  const seen = new Set<string>();
  let review = 0;
  const add = (
    o: CookieObservation | StorageObservation,
    storage: DraftDeclaration['storage'],
    c: Classification,
  ) => {
    const key = `${storage}\u0000${o.name}\u0000${'domain' in o ? o.domain : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const known = c.category !== 'unknown' && isBuiltinCategory(c.category);
    if (!known) review += 1;
    const host = setterHost(o.setBy);
    const provider =
      c.databasePlatform ??
      (o.party === 'third'
        ? 'domain' in o
          ? o.domain.replace(/^\./, '')
          : hostOf(o.origin)
        : host) ??
      portal.id;
    const where = o.pages[0] ? new URL(o.pages[0]).pathname : '/';
    declarations.push({
      provider: provider.slice(0, 200),
      service: { fr: `Vu sur ${where} (à compléter)`, en: `Seen on ${where} (to complete)` },
      name: o.name,
      purpose: known
        ? { fr: 'À décrire.', en: 'To describe.' }
        : {
            fr: 'À vérifier : classé par aucune source.',
            en: 'To review: no source classified it.',
          },
      category: known ? c.category : REVIEW_CATEGORY,
      ...(storage === 'cookie'
        ? { lifetime: isoLifetime(o as CookieObservation) }
        : storage === 'sessionStorage'
          ? { lifetime: 'session' }
          : {}),
      party: o.party,
      ...('domain' in o && o.party === 'third' ? { domain: o.domain } : {}),
      storage,
      ...(o.party === 'third' && host ? { hosts: [host] } : {}),
    });
  };
  for (const s of result.scenarios) {
    for (const c of s.cookies) add(c, 'cookie', c.classification);
    for (const k of s.storage) if (k.kind !== 'indexedDB') add(k, k.kind, k.classification);
  }
  return {
    format: 'galette.portal/1',
    id: portal.id,
    name: portal.name ?? portal.id,
    url: `${new URL(origin).protocol}//${portal.id}`,
    origins: [origin],
    languages: ['fr', 'en'],
    defaultLanguage: 'fr',
    categories:
      review > 0
        ? [
            {
              id: REVIEW_CATEGORY,
              label: { fr: 'À vérifier', en: 'To review' },
              description: {
                fr: 'Traceurs vus par l’analyse que rien n’a permis de classer : à ranger avant de publier.',
                en: 'Trackers the scan saw and could not classify: sort them before publishing.',
              },
            },
          ]
        : [],
    declarations,
    texts: {},
  };
}
