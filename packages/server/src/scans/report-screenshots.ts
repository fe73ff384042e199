/**
 * A stored HTML report without its screenshots, and back. The self-contained report embeds
 * every screenshot as a `data:` image, once per language, which would store each screenshot
 * three times; the worker stores the report with each screenshot's data replaced by a
 * reference to the screenshot stored beside it, and the console puts the data back before
 * serving. The bytes served are the report the worker rendered, whose SHA-256 the manifest lists.
 */

const DATA = 'data:image/jpeg;base64,';
const REFERENCE = 'galette-artifact:';
const REFERENCE_PATTERN = /galette-artifact:(screenshots\/[A-Za-z0-9._-]{1,120}\.jpg)/g;

/** The report with each of `screenshots`' `data:` images replaced by a reference to its path. */
export function withoutScreenshots(
  html: string,
  screenshots: ReadonlyMap<string, Uint8Array>,
): string {
  let out = html;
  for (const [path, bytes] of screenshots) {
    const data = `${DATA}${Buffer.from(bytes).toString('base64')}`;
    out = out.split(`"${data}"`).join(`"${REFERENCE}${path}"`);
  }
  return out;
}

/** The paths a stored report refers to. */
export function screenshotReferences(html: string): string[] {
  return [...new Set([...html.matchAll(REFERENCE_PATTERN)].map((m) => m[1]!))];
}

/** The stored report with its referenced screenshots' data back in place. */
export function withScreenshots(
  html: string,
  screenshots: ReadonlyMap<string, Uint8Array>,
): string {
  return html.replace(REFERENCE_PATTERN, (reference, path: string) => {
    const bytes = screenshots.get(path);
    return bytes ? `${DATA}${Buffer.from(bytes).toString('base64')}` : reference;
  });
}
