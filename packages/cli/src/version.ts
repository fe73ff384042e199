import { readFileSync } from 'node:fs';

/** This package's version, read once; `src/` and `dist/` both sit one level below package.json. */
export const CLI_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
