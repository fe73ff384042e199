import type { Browser } from 'playwright-core';

export declare const CHROMIUM_CANDIDATES: readonly string[];
export declare function findChromium(
  env?: Readonly<Record<string, string | undefined>>,
): string | undefined;
export declare const CHROMIUM_PATH: string | undefined;
export declare function chromiumMissing(
  env?: Readonly<Record<string, string | undefined>>,
): string | undefined;
export declare function requireChromium(what: string): boolean;
export declare const CHROMIUM_ARGS: readonly string[];
export declare function launchChromium(extraArgs?: readonly string[]): Promise<Browser>;
