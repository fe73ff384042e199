export declare const TEST_POSTGRES_URL: string;
export declare function postgresUnreachable(url?: string): Promise<string | undefined>;
export declare function requirePostgres(what: string): Promise<boolean>;
export declare function scratchDatabase(
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }>;
export declare function useScratchDatabase(prefix: string): {
  url: string;
  empty: () => Promise<void>;
};
