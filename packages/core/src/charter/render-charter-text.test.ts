import { describe, expect, it } from 'vitest';
import { charterRevision, declaration, HOSTILE } from '../../test/fixtures/charter-revision.js';
import { buildCharter } from './build-charter.js';
import { renderCharterText } from './render-charter-text.js';

describe('renderCharterText', () => {
  it('starts with the title and separates blocks by one blank line', () => {
    const txt = renderCharterText(buildCharter(charterRevision(), 'fr'));
    expect(txt.startsWith('Charte cookies\n\nCette charte')).toBe(true);
    expect(txt).not.toMatch(/\n\n\n/);
    expect(txt.endsWith('2025.\n')).toBe(true);
    expect(txt).toContain(
      '\n\nÀ quoi servent les cookies sur la plateforme <https://data.example.fr>\n\n',
    );
    expect(txt).not.toMatch(/^#/m);
  });

  it('writes tables as TAB-separated lines under the category heading', () => {
    const txt = renderCharterText(
      buildCharter(
        charterRevision({
          declarations: [
            declaration({ name: 'sessionid' }),
            declaration({ name: 'csrftoken', purpose: { fr: 'Protéger\tles\nformulaires' } }),
          ],
        }),
        'fr',
      ),
    );
    expect(txt).toContain(
      [
        'Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels',
        '',
        'La plateforme ne peut pas s’en passer ; ils sont donc déposés sans votre accord et ne peuvent pas être désactivés depuis « Gérer mes cookies ».',
        '',
        'Nom du prestataire\tService et emplacement\tNom du cookie\tFinalités',
        'Opendatasoft\tAuthentification\tsessionid\tGarder la session ouverte',
        'Opendatasoft\tAuthentification\tcsrftoken\tProtéger les formulaires',
      ].join('\n'),
    );
  });

  it('shows operator text verbatim, addresses included', () => {
    const txt = renderCharterText(
      buildCharter(
        charterRevision({
          declarations: [declaration({ name: HOSTILE })],
          texts: { contact: { fr: `${HOSTILE}\n\nVoir <https://a.fr/x_y>.` } },
        }),
        'fr',
      ),
    );
    expect(txt).toContain(`\n\n${HOSTILE}\n\nVoir <https://a.fr/x_y>.\n\n`);
    expect(txt).toContain(`\tAuthentification\t${HOSTILE}\t`);
  });

  it('adds the lifetime column when one is declared', () => {
    const txt = renderCharterText(
      buildCharter(
        charterRevision({ declarations: [declaration({ name: 'a', lifetime: 'P1Y' })] }),
        'en',
      ),
    );
    expect(txt).toContain(
      'Provider\tService and location\tCookie name\tPurposes\tRetention period\n' +
        'Opendatasoft\tAuthentication\ta\tKeep the session open\t1 year',
    );
  });
});
