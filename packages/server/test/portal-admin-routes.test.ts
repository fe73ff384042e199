import { CLI_PRINCIPAL, toPortalFile, type PortalFile } from '@galette/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PARIS, body, consentApp, post } from './consent-fixtures.js';

type Setup = Awaited<ReturnType<typeof consentApp>>;
let setup: Setup;
let admin: string;
let editor: string;
let viewer: string;
let schemas: Record<string, unknown>;

const youtube = {
  provider: 'YouTube',
  service: { fr: 'Vidéos', en: 'Videos' },
  name: 'VISITOR_INFO1_LIVE',
  purpose: { fr: 'Préférences du lecteur', en: 'Player preferences' },
  category: 'marketing',
  lifetime: 'P6M',
  party: 'third',
  domain: 'youtube.com',
  storage: 'cookie',
  hosts: ['www.youtube.com'],
} as const;

beforeEach(async () => {
  setup = await consentApp({ secret: 'portal routes' });
  admin = setup.adminToken;
  const token = async (name: string, role: 'editor' | 'viewer') =>
    (await setup.accounts.tokens.create(CLI_PRINCIPAL, { name, role, portals: [PARIS] })).token;
  editor = await token('ci-editor', 'editor');
  viewer = await token('ci-viewer', 'viewer');
  const doc = (await (await setup.app.request('/api/openapi.json')).json()) as {
    components: { schemas: Record<string, unknown> };
  };
  schemas = doc.components.schemas;
});
afterEach(() => setup.store.close());

/** Checks an answer against the schema the OpenAPI document gives it. */
function conforms(name: string, answer: unknown): void {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const defs = JSON.parse(
    JSON.stringify(schemas).replaceAll('#/components/schemas/', '#/$defs/'),
  ) as Record<string, unknown>;
  const validate = ajv.compile({ $defs: defs, $ref: `#/$defs/${name}` });
  expect(validate(answer), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
}

const api = (
  token: string,
  path: string,
  init: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
) =>
  setup.app.request(`/api/v1/admin/portals${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });

describe('admin API: the draft', () => {
  it('reads the draft with an ETag, saves with If-Match, refuses a stale save with what changed', async () => {
    const read = await api(editor, `/${PARIS}/draft`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"draft-1"');
    expect(read.headers.get('cache-control')).toBe('no-store');
    const file = (await read.json()) as PortalFile;
    conforms('PortalFile', file);
    expect(
      (await api(editor, `/${PARIS}/draft`, { headers: { 'if-none-match': '"draft-1"' } })).status,
    ).toBe(304);

    const mine = { ...file, declarations: [...file.declarations, youtube] };
    const saved = await api(editor, `/${PARIS}/draft`, {
      method: 'PUT',
      json: mine,
      headers: { 'if-match': '"draft-1"' },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"draft-2"');
    const info = await saved.json();
    conforms('DraftInfo', info);
    expect(info).toMatchObject({ portalId: PARIS, version: 2, savedBy: 'ci-editor' });

    const theirs = { ...file, name: 'Paris Data — autre onglet' };
    const stale = await api(admin, `/${PARIS}/draft`, {
      method: 'PUT',
      json: theirs,
      headers: { 'if-match': '"draft-1"', 'accept-language': 'fr' },
    });
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as {
      error: { code: string; message: string; details: Record<string, unknown> };
    };
    conforms('Error', conflict);
    expect(conflict.error.code).toBe('conflict');
    expect(conflict.error.message).toContain('par ci-editor');
    expect(conflict.error.details).toMatchObject({
      currentVersion: 2,
      expectedVersion: 1,
      etag: '"draft-2"',
      savedBy: 'ci-editor',
      // What saving anyway would change in the draft as saved: the other save's declaration
      // would go, and the name would change.
      diff: {
        settings: [{ path: 'name', from: file.name, to: 'Paris Data — autre onglet' }],
        declarations: { added: [], removed: [{ key: 'cookie|youtube.com|VISITOR_INFO1_LIVE' }] },
      },
    });
    // Nothing lost: the first save stands.
    const now = (await (await api(admin, `/${PARIS}/draft`)).json()) as PortalFile;
    expect(now.declarations.at(-1)!.name).toBe('VISITOR_INFO1_LIVE');
    expect(now.name).toBe(file.name);
  });

  it('refuses unknown fields, bad If-Match, another portal id and what the role does not allow', async () => {
    const file = (await (await api(editor, `/${PARIS}/draft`)).json()) as PortalFile;
    const unknown = await api(editor, `/${PARIS}/draft`, {
      method: 'PUT',
      json: { ...file, colour: 'red' },
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      error: { fields: [{ path: 'colour', code: 'unknown_field' }] },
    });
    const badMatch = await api(editor, `/${PARIS}/draft`, {
      method: 'PUT',
      json: file,
      headers: { 'if-match': 'W/"v1"' },
    });
    expect(badMatch.status).toBe(400);
    const other = await api(editor, `/${PARIS}/draft`, {
      method: 'PUT',
      json: { ...file, id: 'opendata.finistere.fr', url: 'https://opendata.finistere.fr' },
    });
    expect(await other.json()).toMatchObject({ error: { fields: [{ path: 'id' }] } });
    expect((await api(viewer, `/${PARIS}/draft`)).status).toBe(403);
    expect((await api(viewer, `/${PARIS}/draft`, { method: 'PUT', json: file })).status).toBe(403);
    const extra = await api(editor, `/${PARIS}/publish`, {
      method: 'POST',
      json: { acknowledgeAll: true, force: true },
    });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({
      error: { fields: [{ path: 'force', code: 'unknown_field' }] },
    });
  });
});

describe('admin API: publication, history, diff', () => {
  it('publishes through the gate, lists and exports revisions, diffs and restores', async () => {
    const file = (await (await api(editor, `/${PARIS}/draft`)).json()) as PortalFile;
    await api(editor, `/${PARIS}/draft`, {
      method: 'PUT',
      json: { ...file, declarations: [...file.declarations, youtube] },
    });
    const review = await api(editor, `/${PARIS}/publish`);
    const gate = (await review.json()) as { warnings: string[]; draftVersion: number };
    conforms('PublicationReview', gate);

    const refused = await api(editor, `/${PARIS}/publish`, { method: 'POST', json: {} });
    expect(gate.warnings.length).toBeGreaterThan(0);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      error: { code: 'unprocessable', details: { reason: 'unacknowledged' } },
    });
    const published = await api(editor, `/${PARIS}/publish`, {
      method: 'POST',
      json: { acknowledge: gate.warnings, note: 'Vidéos', expectedVersion: gate.draftVersion },
    });
    expect(published.status).toBe(201);
    const result = await published.json();
    conforms('PublicationResult', result);
    expect(result).toMatchObject({
      published: true,
      revision: { number: 2, note: 'Vidéos', publishedBy: 'ci-editor' },
      diff: { impact: { reasked: [{ id: 'marketing', reason: 'added' }] } },
    });
    // The public widget config and charter show the new revision at once on this node.
    const widget = await setup.app.request(`/p/${PARIS}/widget.json`);
    expect(await widget.text()).toContain((result as { revision: { hash: string } }).revision.hash);

    const list = await api(viewer, `/${PARIS}/revisions`);
    const revisions = await list.json();
    conforms('RevisionList', revisions);
    expect(revisions).toMatchObject({
      revisions: [{ number: 2, note: 'Vidéos', publishedBy: 'ci-editor' }, { number: 1 }],
    });
    const first = await api(viewer, `/${PARIS}/revisions/1`);
    expect(first.status).toBe(200);
    expect(((await first.json()) as PortalFile).declarations).toHaveLength(
      file.declarations.length,
    );
    expect((await api(viewer, `/${PARIS}/revisions/9`)).status).toBe(404);
    expect((await api(viewer, `/${PARIS}/revisions/x`)).status).toBe(400);

    const diff = await api(viewer, `/${PARIS}/diff?from=1&to=2`);
    const body2 = await diff.json();
    conforms('VersionDiff', body2);
    expect(body2).toMatchObject({
      from: 1,
      to: 2,
      declarations: { added: [{ index: file.declarations.length }] },
    });
    expect((await api(viewer, `/${PARIS}/diff?from=1&to=draft`)).status).toBe(403);
    expect((await api(viewer, `/${PARIS}/diff?from=zero`)).status).toBe(400);

    const restored = await api(editor, `/${PARIS}/revisions/1/restore`, {
      method: 'POST',
      headers: { 'if-match': '"draft-2"' },
    });
    expect(restored.status).toBe(200);
    expect(restored.headers.get('etag')).toBe('"draft-3"');
    const back = await api(editor, `/${PARIS}/diff?from=1&to=draft`);
    expect(await back.json()).toMatchObject({ identical: true });
    const entries = (await setup.accounts.audit.query(CLI_PRINCIPAL, { portalId: PARIS })).entries;
    expect(entries.map((e) => `${e.action} ${e.actor.label}`)).toEqual(
      expect.arrayContaining([
        'draft.save ci-editor',
        'revision.publish ci-editor',
        'draft.restore ci-editor',
      ]),
    );
  });

  it('blocks a publication with an error finding (422 with the findings)', async () => {
    const file = (await (await api(editor, `/${PARIS}/draft`)).json()) as PortalFile;
    const exempt = { ...youtube, category: 'statistics', consentExempt: true, name: '_st' };
    await api(editor, `/${PARIS}/draft`, {
      method: 'PUT',
      json: { ...file, declarations: [...file.declarations, exempt] },
    });
    const res = await api(editor, `/${PARIS}/publish`, {
      method: 'POST',
      json: { acknowledgeAll: true },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { details: { reason: 'blocked', findings: [{ rule: 'exempt-third-party' }] } },
    });
    expect((await api(viewer, `/${PARIS}/revisions`)).status).toBe(200);
  });
});

describe('archived portals in public', () => {
  it('answer 410 Gone on the charter, widget, demo and consent posts; receipts stay', async () => {
    const sent = body(setup.revision);
    expect((await post(setup.app, sent)).status).toBe(201);
    expect((await api(admin, `/${PARIS}/archive`, { method: 'POST' })).status).toBe(200);

    const page = await setup.app.request(`/p/${PARIS}/charte-cookies`, {
      headers: { 'accept-language': 'en' },
    });
    expect(page.status).toBe(410);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('was archived');
    const french = await setup.app.request(`/p/${PARIS}/charte-cookies?lang=fr`);
    expect(await french.text()).toContain('a été archivé');
    for (const path of [
      `/p/${PARIS}/charte-cookies.json`,
      `/p/${PARIS}/widget.js`,
      `/p/${PARIS}/widget.json`,
      `/demo/${PARIS}`,
    ]) {
      expect((await setup.app.request(path)).status, path).toBe(410);
    }
    const late = await post(setup.app, body(setup.revision));
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({ error: { code: 'gone' } });
    const receipt = await setup.app.request(`/api/v1/portals/${PARIS}/consents/${sent.consentId}`);
    expect(receipt.status).toBe(200);

    expect((await api(admin, `/${PARIS}/restore`, { method: 'POST' })).status).toBe(200);
    expect((await setup.app.request(`/p/${PARIS}/charte-cookies`)).status).toBe(200);
    expect((await post(setup.app, body(setup.revision))).status).toBe(201);
  });

  it('refuses a consent validated before its portal was archived (the append checks)', async () => {
    // Archived behind the server's back: its caches still say the portal is active.
    expect((await post(setup.app, body(setup.revision))).status).toBe(201);
    await setup.store.setArchived(PARIS, true);
    const late = await post(setup.app, body(setup.revision));
    expect(late.status).toBe(410);
    expect(await setup.log.chain(PARIS)).toMatchObject({ head: { seq: 1 } });
  });
});

describe('admin API: portals', () => {
  it('creates, lists, archives, restores; a portal with proofs cannot be deleted', async () => {
    const file = toPortalFile((await setup.store.getPortal(PARIS))!);
    const created = await api(admin, '', {
      method: 'POST',
      json: {
        ...file,
        id: 'data.example.org',
        url: 'https://data.example.org',
        origins: ['https://data.example.org'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/admin/portals/data.example.org/draft');
    expect((await api(editor, '', { method: 'POST', json: file })).status).toBe(403);
    expect((await api(admin, '', { method: 'POST', json: file })).status).toBe(409);

    const listed = await (await api(admin, '')).json();
    conforms('PortalList', listed);
    expect((await (await api(viewer, '')).json()).portals.map((p: { id: string }) => p.id)).toEqual(
      [PARIS],
    );

    expect((await post(setup.app, body(setup.revision))).status).toBe(201);
    const deleted = await api(admin, `/${PARIS}`, { method: 'DELETE' });
    expect(deleted.status).toBe(409);
    expect((await api(admin, `/${PARIS}/archive`, { method: 'POST' })).status).toBe(200);
    const active = (await (await api(admin, '')).json()).portals.map((p: { id: string }) => p.id);
    expect(active).not.toContain(PARIS);
    const archived = await (await api(admin, '?archived=only')).json();
    expect(archived.portals).toMatchObject([{ id: PARIS, archivedAt: expect.any(String) }]);
    expect((await api(admin, `/${PARIS}/restore`, { method: 'POST' })).status).toBe(200);
    expect((await api(admin, '/data.example.org', { method: 'DELETE' })).status).toBe(204);
    expect((await api(admin, '/data.example.org/draft')).status).toBe(404);
  });

  it('deletes a portal with its roles and tokens: made again with the same id, it lets none of them in', async () => {
    const GONE = 'gone.example.org';
    const file = {
      ...toPortalFile((await setup.store.getPortal(PARIS))!),
      id: GONE,
      url: `https://${GONE}`,
      origins: [`https://${GONE}`],
    };
    expect((await api(admin, '', { method: 'POST', json: file })).status).toBe(201);
    const { user } = await setup.accounts.users.addUser(CLI_PRINCIPAL, {
      email: 'old.editor@example.org',
      role: 'editor',
      portals: [GONE],
      password: 'correct horse battery staple',
    });
    const tokenFor = async (name: string, portals: string[]) =>
      (await setup.accounts.tokens.create(CLI_PRINCIPAL, { name, role: 'editor', portals })).token;
    const only = await tokenFor('gone-only', [GONE]);
    const both = await tokenFor('gone-and-paris', [GONE, PARIS]);
    const { id: session } = await setup.accounts.sessions.start(user.id);
    const asUser = (path: string) =>
      setup.app.request(`/api/v1/admin/portals${path}`, {
        headers: { cookie: `sessionid=${session}` },
      });
    expect((await asUser(`/${GONE}/draft`)).status).toBe(200);
    expect((await api(only, `/${GONE}/draft`)).status).toBe(200);

    expect((await api(admin, `/${GONE}`, { method: 'DELETE' })).status).toBe(204);
    const [entry] = (await setup.accounts.audit.query(CLI_PRINCIPAL, { action: 'portal.delete' }))
      .entries;
    expect(entry).toMatchObject({
      portalId: GONE,
      changes: {
        rolesRemoved: 1,
        apiTokensNarrowed: ['gone-and-paris'],
        apiTokensRevoked: ['gone-only'],
      },
    });
    expect((await api(admin, '', { method: 'POST', json: file })).status).toBe(201);
    expect((await asUser(`/${GONE}/draft`)).status).toBe(403);
    expect((await api(only, `/${GONE}/draft`)).status).toBe(401);
    expect((await api(both, `/${GONE}/draft`)).status).toBe(403);
    // What they had on other portals stays.
    expect((await api(both, `/${PARIS}/draft`)).status).toBe(200);
    const tokens = await setup.accounts.tokens.list(CLI_PRINCIPAL);
    expect(tokens.map((t) => t.name)).not.toContain('gone-only');
  });
});
