import { readdir, readFile } from 'node:fs/promises';
import {
  ValidationError,
  parsePortalFile,
  type FieldError,
  type PortalContent,
} from '@galette/core';
import type { Store } from '@galette/storage';

/** The demo preset shipped with the CLI: one portal file per portal. */
export const DEMO_PRESET_DIR = new URL('../presets/demo/', import.meta.url);

/**
 * Reads every `*.json` portal file of a directory, in name order. All files are validated before
 * any is returned, so a broken preset loads nothing rather than half of it.
 */
export async function readPresetDir(dir: URL = DEMO_PRESET_DIR): Promise<PortalContent[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const portals: PortalContent[] = [];
  const errors: FieldError[] = [];
  for (const name of names) {
    try {
      portals.push(parsePortalFile(JSON.parse(await readFile(new URL(name, dir), 'utf8'))));
    } catch (error) {
      const problems =
        error instanceof ValidationError
          ? error.errors
          : [{ path: '', message: error instanceof Error ? error.message : String(error) }];
      errors.push(...problems.map((e) => ({ ...e, path: e.path ? `${name}: ${e.path}` : name })));
    }
  }
  if (errors.length > 0) throw new ValidationError(errors, 'invalid preset');
  return portals;
}

/**
 * Saves and publishes every portal of a preset; returns the portals loaded. With `port`, the
 * preset's local portals (`*.localhost`) get the port the server actually listens on.
 */
export async function loadPreset(
  store: Store,
  dir: URL = DEMO_PRESET_DIR,
  port?: number,
): Promise<PortalContent[]> {
  const portals = (await readPresetDir(dir)).map((p) =>
    port === undefined ? p : withLocalPort(p, port),
  );
  for (const portal of portals) await store.saveAndPublish(portal, { publishedBy: PRESET_AUTHOR });
  return portals;
}

const PRESET_AUTHOR = 'demo preset';

/**
 * After a restart on another port, the preset's local portals still carry the old one (their
 * widget would refuse consents from the page the visitor is on): republishes those whose draft
 * differs from the stored one only by that port. Returns the ids republished.
 */
export async function alignLocalPorts(
  store: Store,
  port: number,
  dir: URL = DEMO_PRESET_DIR,
): Promise<string[]> {
  const aligned: string[] = [];
  for (const preset of await readPresetDir(dir)) {
    if (!isLocal(preset.url)) continue;
    const stored = await store.getPortal(preset.id);
    if (stored === undefined || !isLocal(stored.url)) continue;
    const moved = withLocalPort(stored, port);
    if (moved.url === stored.url && sameList(moved.origins, stored.origins)) continue;
    await store.saveAndPublish(moved, { publishedBy: PRESET_AUTHOR });
    aligned.push(preset.id);
  }
  return aligned;
}

/** The portal with `port` in its `url` and in each origin on a `localhost` host. */
export function withLocalPort(portal: PortalContent, port: number): PortalContent {
  const move = (address: string) => {
    if (!isLocal(address)) return address;
    const url = new URL(address);
    url.port = String(port);
    // An origin has no path: keep the written form (`URL` would add a trailing slash).
    return address === new URL(address).origin ? url.origin : url.href;
  };
  return { ...portal, url: move(portal.url), origins: portal.origins.map(move) };
}

function isLocal(address: string): boolean {
  try {
    const { hostname } = new URL(address);
    return hostname === 'localhost' || hostname.endsWith('.localhost');
  } catch {
    return false;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
