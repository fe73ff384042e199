/**
 * Whether errors on `path` are answered as JSON (the APIs, `.json` documents) or as an HTML page
 * (everything a visitor may open in a browser).
 */
export const answersJson = (path: string): boolean =>
  path.startsWith('/api/') || path.endsWith('.json');
