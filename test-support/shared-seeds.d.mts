export declare const SHARED_SEEDS_DIR: URL;
export declare function requireSharedSeeds(what: string): boolean;
