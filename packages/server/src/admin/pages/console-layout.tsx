import { can, type Principal, type Translator } from '@galette/core';
import type { Child } from 'hono/jsx';
import { CsrfField } from './form-parts.js';

/** The console's look: the French state's design system, or a neutral one for other operators. */
export type ConsoleTheme = 'dsfr' | 'neutral';

/** What every console page shares; one per request, built by `pageFrame`. */
export interface PageFrame {
  readonly lang: string;
  readonly t: Translator;
  readonly theme: ConsoleTheme;
  readonly stylesheets: readonly string[];
  /** Path and query of this page, where the language switch comes back to. */
  readonly here: string;
  readonly csrfToken: string;
  readonly principal: Principal | undefined;
  /** Galette's own widget script, when its console portal is published. */
  readonly widgetScript: string | undefined;
  readonly charterHref: string | undefined;
  readonly version: string;
}

export interface LayoutProps {
  readonly frame: PageFrame;
  /** Plain text; the document title is "{title} — Galette". */
  readonly title: string;
  /** Nav entry to mark as the current page. */
  readonly section?: 'portals' | 'statistics' | 'audit' | 'users' | 'tokens' | 'account';
  /** Same-origin scripts that enhance this page (it works without them). */
  readonly scripts?: readonly string[];
  readonly children?: Child;
}

const OTHER_LANGUAGES = ['fr', 'en'] as const;

/**
 * The shell of every console page: skip links, header (name, language switch, sign-out),
 * navigation, one `<main>`, footer with the console's own cookie charter and widget control.
 * No inline script or style: the page renders and works the same with JavaScript off.
 */
export function ConsoleLayout({ frame, title, section, scripts, children }: LayoutProps) {
  const { t, principal } = frame;
  const user = principal?.kind === 'user' ? principal : undefined;
  const nav: { id: NonNullable<LayoutProps['section']>; href: string; label: string }[] = [];
  if (user) {
    nav.push({ id: 'portals', href: '/admin/', label: t('console.nav.portals') });
    nav.push({ id: 'statistics', href: '/admin/statistics', label: t('statistics.nav') });
    nav.push({ id: 'audit', href: '/admin/audit', label: t('console.nav.audit') });
    if (can(user, 'users.manage'))
      nav.push({ id: 'users', href: '/admin/users', label: t('console.nav.users') });
    if (can(user, 'tokens.manage'))
      nav.push({ id: 'tokens', href: '/admin/tokens', label: t('console.nav.tokens') });
    nav.push({ id: 'account', href: '/admin/account', label: t('console.nav.account') });
  }
  return (
    <html lang={frame.lang} data-galette-theme={frame.theme}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="same-origin" />
        <title>{t('console.title', { page: title })}</title>
        {frame.stylesheets.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {frame.widgetScript ? <script src={frame.widgetScript} defer /> : null}
        {(scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav class="fr-container" aria-label={t('console.skip.label')}>
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#content">
                  {t('console.skip.content')}
                </a>
              </li>
              {nav.length > 0 ? (
                <li>
                  <a class="fr-link" href="#console-nav">
                    {t('console.skip.nav')}
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        </div>
        <header class="fr-header">
          <div class="fr-header__body">
            <div class="fr-container">
              <div class="fr-header__body-row">
                <div class="fr-header__brand fr-enlarge-link">
                  {frame.theme === 'dsfr' ? (
                    <div class="fr-header__brand-top">
                      <div class="fr-header__logo">
                        <p class="fr-logo">
                          {t('console.republic1')}
                          <br />
                          {t('console.republic2')}
                        </p>
                      </div>
                    </div>
                  ) : null}
                  <div class="fr-header__service">
                    <a href="/admin/" title={t('console.homeLink')}>
                      <p class="fr-header__service-title">{t('console.brand')}</p>
                    </a>
                    <p class="fr-header__service-tagline">{t('console.tagline')}</p>
                  </div>
                </div>
                <div class="fr-header__tools galette-header-tools">
                  <LanguageSwitch frame={frame} />
                  {user ? (
                    <>
                      <p class="fr-text--sm fr-mb-0">
                        {t('console.signedInAs', { name: user.displayName || user.email })}
                      </p>
                      <form method="post" action="/admin/logout">
                        <CsrfField token={frame.csrfToken} />
                        <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm">
                          {t('console.signOut')}
                        </button>
                      </form>
                    </>
                  ) : null}
                </div>
              </div>
            </div>
          </div>
        </header>
        {nav.length > 0 ? (
          <div class="fr-container">
            <nav id="console-nav" class="fr-nav" aria-label={t('console.nav.label')}>
              <ul class="fr-nav__list">
                {nav.map((item) => (
                  <li class="fr-nav__item">
                    <a
                      class="fr-nav__link"
                      href={item.href}
                      {...(item.id === section ? { 'aria-current': 'page' } : {})}
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        ) : null}
        <main id="content" class="fr-container galette-main" tabindex={-1}>
          {children}
        </main>
        <footer class="fr-footer" id="footer">
          <div class="fr-container">
            <div class="fr-footer__bottom">
              <ul class="fr-footer__bottom-list">
                {frame.charterHref ? (
                  <>
                    <li class="fr-footer__bottom-item">
                      <a class="fr-footer__bottom-link" href={frame.charterHref}>
                        {t('console.footer.charter')}
                      </a>
                    </li>
                    <li class="fr-footer__bottom-item">
                      <a
                        class="fr-footer__bottom-link"
                        href={`${frame.charterHref}#section-choices`}
                        data-galette-action="customise"
                      >
                        {t('console.footer.cookies')}
                      </a>
                    </li>
                  </>
                ) : null}
                <li class="fr-footer__bottom-item">
                  <a class="fr-footer__bottom-link" href="/api/openapi.json">
                    {t('console.footer.openapi')}
                  </a>
                </li>
              </ul>
              <div class="fr-footer__bottom-copy">
                <p>{t('console.footer.version', { version: frame.version })}</p>
              </div>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** One button per other language: a form, so switching works without JavaScript. */
function LanguageSwitch({ frame }: { frame: PageFrame }) {
  const { t } = frame;
  return (
    <form method="post" action="/admin/language" aria-label={t('console.lang.label')}>
      <CsrfField token={frame.csrfToken} />
      <input type="hidden" name="next" value={frame.here} />
      {OTHER_LANGUAGES.filter((l) => l !== frame.lang).map((lang) => (
        <button
          type="submit"
          name="lang"
          value={lang}
          lang={lang}
          class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
        >
          {t(`console.lang.${lang}`)}
        </button>
      ))}
    </form>
  );
}
