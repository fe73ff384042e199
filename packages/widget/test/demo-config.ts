import { readFileSync } from 'node:fs';
import {
  buildWidgetConfig,
  parsePortalFile,
  revisionHash,
  type PortalContent,
  type Revision,
} from '@galette/core';

/** A published revision of a preset portal, as the server would serve it. */
export function presetRevision(id: string): Revision {
  const file = new URL(`../../cli/presets/demo/${id}.json`, import.meta.url);
  const content: PortalContent = parsePortalFile(JSON.parse(readFileSync(file, 'utf8')));
  return {
    portalId: content.id,
    number: 1,
    hash: revisionHash(content),
    content,
    publishedAt: '2026-01-01T00:00:00.000Z',
  };
}

export const demoConfig = (languages?: readonly string[]) =>
  buildWidgetConfig(presetRevision('demo.galette.localhost'), {
    baseUrl: 'https://consent.example.org',
    ...(languages && { languages }),
  });
