/** Names of the cookies Galette itself sets; declared in the console portal's charter. */
export const CONSENT_COOKIE = 'cookies_preferences';
export const LANGUAGE_COOKIE = 'galette_lang';
export const SESSION_COOKIE = 'sessionid';
export const CSRF_COOKIE = 'csrftoken';
