/**
 * Limits and patterns of the portal file format, used by the portal file's zod
 * definition (`portal-file/`). The caps are generous for real portals and
 * keep one file a bounded amount of work.
 */
export const PORTAL_FILE_LIMITS = {
  name: 200,
  url: 2048,
  origins: 100,
  languages: 20,
  categories: 50,
  categoryLabel: 100,
  categoryDescription: 2000,
  declarations: 1000,
  provider: 200,
  service: 500,
  declarationName: 256,
  purpose: 2000,
  domain: 253,
  hosts: 100,
  text: 20000,
} as const;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** A lowercase DNS host name (`opendata.paris.fr`, `localhost`). */
export const HOST_NAME_PATTERN = `^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`;
/** A cookie domain: a host name, optionally with the leading dot of older cookie syntax. */
export const COOKIE_DOMAIN_PATTERN = `^\\.?(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`;
/** An absolute http(s) address written out in full (the URL parser forgives far more). */
export const URL_PATTERN = '^https?://[^\\s/?#@]+(?:[/?#]\\S*)?$';
/** Shape of an origin; `parsePortalFile` also checks that it is one exactly. */
export const ORIGIN_PATTERN = '^https?://[^\\s/?#@]+$';
export const LANGUAGE_PATTERN = '^[a-z]{2}$';
/**
 * Ids a custom category may not take besides the built-in ones: the widget groups consent-exempt
 * audience measurement under `audience`, next to the portal's categories.
 */
export const RESERVED_CATEGORY_IDS: readonly string[] = ['audience'];
export const CUSTOM_CATEGORY_ID_PATTERN = '^[a-z][a-z0-9_-]{0,31}$';
/** RFC 6265 cookie-name token characters; `*` doubles as Galette's wildcard. */
export const COOKIE_NAME_PATTERN = "^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$";

/**
 * `session` or an ISO 8601 duration in Y, M, W, D, H, M, S with at least one figure, a fraction
 * only on the last one and never on years or months (see `lifetime.ts`; a zero length is
 * refused by the import, which a pattern cannot say).
 */
export const LIFETIME_PATTERN =
  '^(?:session|P(?=\\d|T\\d)(?!.*[.,]\\d+[A-Z].*\\d)(?:\\d+Y)?(?:\\d+M)?(?:\\d+(?:[.,]\\d+)?W)?(?:\\d+(?:[.,]\\d+)?D)?(?:T(?=\\d)(?:\\d+(?:[.,]\\d+)?H)?(?:\\d+(?:[.,]\\d+)?M)?(?:\\d+(?:[.,]\\d+)?S)?)?)$';
/** A colour written #rrggbb. */
export const HEX_COLOUR_PATTERN = '^#[0-9a-fA-F]{6}$';

export const HTTP_URL = new RegExp(URL_PATTERN);
export const ORIGIN = new RegExp(ORIGIN_PATTERN);
export const LIFETIME = new RegExp(LIFETIME_PATTERN);
export const HEX_COLOUR = new RegExp(HEX_COLOUR_PATTERN);
export const HOST_NAME = new RegExp(HOST_NAME_PATTERN);
export const COOKIE_DOMAIN = new RegExp(COOKIE_DOMAIN_PATTERN);
export const LANGUAGE = new RegExp(LANGUAGE_PATTERN);
export const CUSTOM_CATEGORY_ID = new RegExp(CUSTOM_CATEGORY_ID_PATTERN);
export const COOKIE_NAME = new RegExp(COOKIE_NAME_PATTERN);
