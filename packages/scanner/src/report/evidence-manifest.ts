import { createHash } from 'node:crypto';

export const MANIFEST_FORMAT = 'galette.scan-manifest/1';

export interface EvidenceManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** The portal id, or the scanned host when no portal was given: the chain's key. */
  readonly subject: string;
  readonly target: string;
  readonly createdAt: string;
  /** SHA-256 of the previous scan's manifest file for the same subject; null for the first. */
  readonly previous: { readonly sha256: string; readonly path?: string } | null;
  readonly artifacts: readonly {
    readonly path: string;
    readonly sha256: string;
    readonly bytes: number;
  }[];
}

export const sha256Hex = (bytes: Uint8Array | string) =>
  createHash('sha256').update(bytes).digest('hex');

/**
 * Lists every artifact of a scan with its SHA-256 and names the previous manifest by its own
 * hash, so a series of scans of one portal forms a chain: changing any file, or any earlier
 * manifest, breaks every later link.
 */
export function buildManifest(input: {
  subject: string;
  target: string;
  createdAt: string;
  artifacts: ReadonlyMap<string, Uint8Array>;
  previous?: { bytes: Uint8Array; path?: string };
}): EvidenceManifest {
  return {
    format: MANIFEST_FORMAT,
    subject: input.subject,
    target: input.target,
    createdAt: input.createdAt,
    previous: input.previous
      ? {
          sha256: sha256Hex(input.previous.bytes),
          ...(input.previous.path ? { path: input.previous.path } : {}),
        }
      : null,
    artifacts: [...input.artifacts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), bytes: bytes.byteLength })),
  };
}

/** The manifest's file bytes (the previous link hashes exactly these). */
export function manifestBytes(manifest: EvidenceManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Checks a manifest against the files it lists and, when given, the previous manifest's bytes.
 * Returns the paths that do not match (empty when the evidence is intact).
 */
export function verifyManifest(
  manifest: EvidenceManifest,
  read: (path: string) => Uint8Array | undefined,
  previous?: Uint8Array,
): string[] {
  const bad: string[] = [];
  for (const a of manifest.artifacts) {
    const bytes = read(a.path);
    if (!bytes || sha256Hex(bytes) !== a.sha256) bad.push(a.path);
  }
  if (manifest.previous && previous && sha256Hex(previous) !== manifest.previous.sha256) {
    bad.push(manifest.previous.path ?? 'previous');
  }
  return bad;
}
