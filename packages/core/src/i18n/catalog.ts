import type { Messages } from './message-module.js';
import { accountsMessages } from './messages/accounts.js';
import { charterMessages } from './messages/charter.js';
import { complianceMessages } from './messages/compliance.js';
import { consentMessages } from './messages/consent.js';
import { consoleMessages } from './messages/console.js';
import { editorMessages } from './messages/editor.js';
import { filesMessages } from './messages/files.js';
import { homeMessages } from './messages/home.js';
import { operationsMessages } from './messages/operations.js';
import { portalsMessages } from './messages/portals.js';
import { previewMessages } from './messages/preview.js';
import { scannerMessages } from './messages/scanner.js';
import { scanRetentionMessages } from './messages/scan-retention.js';
import { secondFactorMessages } from './messages/second-factor.js';
import { serverMessages } from './messages/server.js';
import { portalPagesMessages } from './messages/portal-pages.js';
import { singleSignOnMessages } from './messages/single-sign-on.js';
import { statisticsMessages } from './messages/statistics.js';
import { validationMessages } from './messages/validation.js';
import { widgetMessages } from './messages/widget.js';
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from './supported-languages.js';

/**
 * Every area's messages. To add an area: create `messages/<area>.ts` exporting
 * `<area>Messages = defineMessages({ fr: {...}, en: {...} })`, import it here and add one entry.
 */
export const MESSAGE_MODULES = {
  accounts: accountsMessages,
  charter: charterMessages,
  compliance: complianceMessages,
  consent: consentMessages,
  console: consoleMessages,
  editor: editorMessages,
  files: filesMessages,
  home: homeMessages,
  operations: operationsMessages,
  portals: portalsMessages,
  preview: previewMessages,
  scanner: scannerMessages,
  scanRetention: scanRetentionMessages,
  secondFactor: secondFactorMessages,
  server: serverMessages,
  'portal-pages': portalPagesMessages,
  singleSignOn: singleSignOnMessages,
  statistics: statisticsMessages,
  validation: validationMessages,
  widget: widgetMessages,
};

type Modules = typeof MESSAGE_MODULES;
/** Every message key of every area. */
export type MessageKey = { [A in keyof Modules]: keyof Modules[A]['fr'] & string }[keyof Modules];

export type Catalog = Readonly<Record<MessageKey, string>>;

function mergeModules(
  modules: Readonly<Record<string, Readonly<Record<SupportedLanguage, Messages>>>>,
) {
  const merged = {} as Record<SupportedLanguage, Record<string, string>>;
  for (const lang of SUPPORTED_LANGUAGES) {
    merged[lang] = {};
    for (const module of Object.values(modules)) Object.assign(merged[lang], module[lang]);
  }
  return merged as unknown as Readonly<Record<SupportedLanguage, Catalog>>;
}

/** The merged catalogs, one per supported language. */
export const catalogs = /* @__PURE__ */ mergeModules(MESSAGE_MODULES);
