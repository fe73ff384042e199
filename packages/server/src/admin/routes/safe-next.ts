/**
 * A console path to go to next, or the console's home: anything that could lead off the
 * console (another host, `//evil`, a backslash trick, a scheme) is dropped, and so is the
 * sign-in page unless allowed (after signing in, it would only come back).
 */
export function safeNext(next: string | undefined, { allowLogin = false } = {}): string {
  if (
    next === undefined ||
    !next.startsWith('/admin/') ||
    (!allowLogin && next.startsWith('/admin/login')) ||
    /[\\\s]/.test(next) ||
    next.includes('//')
  ) {
    return '/admin/';
  }
  return next;
}
