import { canonicalJson } from './canonical-json.js';
import type { ConsentSubmission } from './consent-submission-shape.js';
import { sha256Hex as defaultSha256Hex } from './sha256.js';

/** Hex SHA-256 of a UTF-8 string; the server passes `node:crypto`'s, the browser core's own. */
export type Sha256Hex = (input: string) => string;

/** `prevHash` of a portal's first record: the chain starts from a fixed, well-known value. */
export const CONSENT_CHAIN_GENESIS = `sha256:${'0'.repeat(64)}`;

/**
 * What a consent record proves: who (the pseudonymous consent id) chose what, on which published
 * revision, when. Everything here is covered by the record's hash.
 */
export interface ConsentRecordContent extends ConsentSubmission {
  readonly portalId: string;
  /** 1, 2, 3… per portal: the record's position in the portal's chain. */
  readonly seq: number;
  /** Server time, ISO 8601 in UTC with milliseconds (`2026-01-31T10:00:00.000Z`). */
  readonly recordedAt: string;
  /** When the choice must be asked again, same format. */
  readonly expiresAt: string;
  /**
   * Keyed, rotating pseudonym of the client, only when the operator enables abuse tracing. The
   * raw IP address and user agent are never stored.
   */
  readonly clientPseudonym?: string;
}

export interface ConsentRecord extends ConsentRecordContent {
  /** `hash` of the portal's previous record, `CONSENT_CHAIN_GENESIS` for the first one. */
  readonly prevHash: string;
  /** `sha256:` + SHA-256 of `prevHash`, a newline and the hex digest of the canonical content. */
  readonly hash: string;
}

/** A point of a chain: the last purged record (checkpoint) or the latest one (head). */
export interface ChainPoint {
  readonly seq: number;
  readonly hash: string;
}

/** Version tag inside the hashed content, so the format can evolve without breaking old chains. */
const CONTENT_VERSION = 1;

/**
 * The exact bytes hashed for a record: the canonical JSON of its content members. Fields are
 * picked explicitly, so a database id or any other property riding along on the object never
 * changes the hash. Written member by member, in the order canonical JSON sorts the keys,
 * because every append and every audit hashes each record: the same bytes as `canonicalJson`
 * without building an object of the members and sorting or looking up its keys each time.
 */
export function consentRecordCanonicalContent(record: ConsentRecordContent): string {
  let json = member('', '"action":', record.action);
  json = member(json, '"choices":', record.choices);
  json = member(json, '"clientPseudonym":', record.clientPseudonym);
  json = member(json, '"consentId":', record.consentId);
  json = member(json, '"eventId":', record.eventId);
  json = member(json, '"expiresAt":', record.expiresAt);
  json = member(json, '"lang":', record.lang);
  json = member(json, '"portalId":', record.portalId);
  json = member(json, '"recordedAt":', record.recordedAt);
  json = member(json, '"revision":', record.revision);
  json = member(json, '"seq":', record.seq);
  json = member(json, '"source":', record.source);
  json = member(json, '"v":', CONTENT_VERSION);
  return `${json}}`;
}

/** `json` followed by one member; `undefined` values are left out, as `canonicalJson` does. */
function member(json: string, key: string, value: unknown): string {
  if (value === undefined) return json;
  const encoded = typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value);
  return `${json ? `${json},` : '{'}${key}${encoded}`;
}

/** The chain link of a record: binds its content to everything before it. */
export function consentChainLink(
  prevHash: string,
  content: ConsentRecordContent,
  sha256Hex: Sha256Hex = defaultSha256Hex,
): string {
  const contentDigest = sha256Hex(consentRecordCanonicalContent(content));
  return `sha256:${sha256Hex(`${prevHash}\n${contentDigest}`)}`;
}

/** Seals a record's content after `prevHash`: the chain head's hash, or the genesis value. */
export function linkConsentRecord(
  content: ConsentRecordContent,
  prevHash: string,
  sha256Hex: Sha256Hex = defaultSha256Hex,
): ConsentRecord {
  return { ...content, prevHash, hash: consentChainLink(prevHash, content, sha256Hex) };
}
