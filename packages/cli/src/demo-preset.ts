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

/** Saves and publishes every portal of a preset; returns the portals loaded. */
export async function loadPreset(
  store: Store,
  dir: URL = DEMO_PRESET_DIR,
): Promise<PortalContent[]> {
  const portals = await readPresetDir(dir);
  for (const portal of portals) await store.saveAndPublish(portal, { publishedBy: 'demo preset' });
  return portals;
}
