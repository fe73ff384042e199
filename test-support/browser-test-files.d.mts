export declare function browserTestFiles(root: string): string[];
export declare function excludedBrowserTests(
  root: string,
  env?: Readonly<Record<string, string | undefined>>,
): string[];
