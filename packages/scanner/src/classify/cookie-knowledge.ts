/**
 * What the scanner needs of a cookie database (the Open Cookie Database by default): the
 * category of a cookie name seen on a host, with what matched.
 */
export interface CookieKnowledge {
  readonly name: string;
  readonly version: string;
  readonly entries: number;
  lookup(
    name: string,
    host?: string,
  ): { category: string; platform?: string; detail?: string } | undefined;
}

/** Maps a database's category words onto Galette's built-in category ids. */
export function galetteCategory(word: string): string {
  const w = word.toLowerCase();
  if (/analytic|statistic|performance|measurement/.test(w)) return 'statistics';
  if (/marketing|advertis|target|social/.test(w)) return 'marketing';
  if (/personali[sz]ation|preference/.test(w)) return 'preferences';
  if (/functional|necessary|essential|security|strictly/.test(w)) return 'necessary';
  return 'unknown';
}
