import type { Page } from 'playwright-core';

/** How a scenario makes its choice on a page's consent banner. */
export interface ConsentDriver {
  /** `galette`, or `autoconsent:<rule>` for another banner. */
  readonly mechanism: string;
  /** The first layer offers a one-click refusal. */
  readonly canRefuse: boolean;
  acceptAll(page: Page): Promise<void>;
  /** Clicks the last refusal took, when the driver counts them (more than one is no one-click refusal). */
  refusalClicks?: number;
  /** False when no refusal could be made (the banner has none). */
  rejectAll(page: Page): Promise<boolean | void>;
  /** Accepts one optional category and refuses the others; false when the banner has no such choice. */
  acceptOnly(page: Page, category: string): Promise<boolean>;
  /** Refuses everything from the control that stays on every page after a choice. */
  withdraw(page: Page): Promise<boolean>;
  /**
   * Scenarios this driver cannot play on any banner (autoconsent's rules accept and refuse,
   * nothing else): reported « not playable » without trying, rather than as the banner's lack.
   */
  readonly cannot?: readonly ('category' | 'withdraw')[];
}
