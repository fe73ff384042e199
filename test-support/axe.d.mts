import type { Page } from 'playwright-core';

export declare function runAxe(
  page: Page,
): Promise<{ violations: string[]; serious: string[]; passes: number }>;
