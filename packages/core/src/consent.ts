/**
 * The consent wire types shared by the widget (which sends them) and the server (which records
 * them). Category ids map to the visitor's choice; `necessary` is always true.
 */
export type ConsentAction = 'accept_all' | 'reject_all' | 'custom' | 'withdraw';
export type ConsentSource = 'banner' | 'preferences' | 'gpc' | 'api';

export const CONSENT_ACTIONS: readonly ConsentAction[] = [
  'accept_all',
  'reject_all',
  'custom',
  'withdraw',
];
export const CONSENT_SOURCES: readonly ConsentSource[] = ['banner', 'preferences', 'gpc', 'api'];

export type ConsentChoices = Readonly<Record<string, boolean>>;

/** Body of `POST /api/v1/portals/{portalId}/consents`. */
export interface ConsentSubmission {
  /** Random per event, so a retried beacon is stored once. */
  readonly eventId: string;
  /** Random per visitor choice history; also the secret of the receipt URL. */
  readonly consentId: string;
  /** Full hash of the published revision the visitor was shown (`sha256:…`). */
  readonly revision: string;
  readonly choices: ConsentChoices;
  readonly action: ConsentAction;
  readonly source: ConsentSource;
  readonly lang: string;
}
