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
