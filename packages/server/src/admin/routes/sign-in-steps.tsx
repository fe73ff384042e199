import type { Context } from 'hono';
import type { SignInResult } from '../../accounts/index.js';
import { enterSession } from '../auth/session-cookie.js';
import { pageFrame, renderPage, type ConsolePageSettings } from '../console-page.js';
import { SecondFactorSignInPage } from '../pages/second-factor-pages.js';

/**
 * What every way of signing in does once its first factor checked (a password, a provider's
 * answer): enter the session, or ask the second factor. Undefined for the other outcomes, which
 * each way answers itself.
 */
export async function nextSignInStep(
  c: Context,
  settings: ConsolePageSettings,
  result: SignInResult | { readonly outcome: string },
  next: string | undefined,
): Promise<Response | undefined> {
  const step = result as SignInResult;
  if (step.outcome === 'signed-in') return enterSession(c, settings.cookies, step.session, next);
  if (step.outcome !== 'second-factor') return undefined;
  return renderPage(
    c,
    <SecondFactorSignInPage
      frame={await pageFrame(c, settings)}
      challenge={step.challenge}
      {...(next ? { next } : {})}
    />,
  );
}
