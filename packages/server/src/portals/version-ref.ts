import { LocalizedError } from '@galette/core';

/** A version of a portal: its draft, its latest published revision, or a revision by number. */
export type VersionRef = 'draft' | 'published' | number;

const NUMBER = /^[1-9]\d{0,8}$/;

/** Reads `draft`, `published` or a revision number as given in a query string or a path. */
export function parseVersionRef(value: string, field = 'version'): VersionRef {
  if (value === 'draft' || value === 'published') return value;
  if (NUMBER.test(value)) return Number(value);
  throw new LocalizedError('invalid_input', 'portals.error.badRevisionRef', {
    value: value.slice(0, 40),
    field,
  });
}

/** The draft's ETag: its version, which every save bumps. */
export function draftEtag(version: number): string {
  return `"draft-${version}"`;
}

/**
 * The draft version an `If-Match` header names: a number, `undefined` for `*` (any version), or
 * an error for anything else (a save must not be silently unconditional because of a typo).
 */
export function versionFromIfMatch(header: string): number | undefined {
  const value = header.trim();
  if (value === '*') return undefined;
  const match = /^(?:W\/)?"draft-([1-9]\d{0,8})"$/.exec(value) ?? /^([1-9]\d{0,8})$/.exec(value);
  if (!match) throw new LocalizedError('invalid_input', 'portals.error.badIfMatch');
  return Number(match[1]);
}
