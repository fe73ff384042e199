import {
  fieldError,
  isRole,
  isSupportedLanguage,
  ROLES,
  SUPPORTED_LANGUAGES,
  ValidationError,
  type FieldError,
  type Grant,
  type Role,
  type SupportedLanguage,
} from '@galette/core';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-hasher.js';

const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 100;
/** Deliberately loose (one @, no spaces, a dot in the domain): the link sent is the real test. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Collects field errors and throws them together, naming every bad field. */
export class FieldChecks {
  readonly errors: FieldError[] = [];

  email(path: string, value: string): string {
    const email = value.trim();
    if (email === '') this.errors.push(fieldError(path, 'required'));
    else if (email.length > MAX_EMAIL_LENGTH) {
      this.errors.push(
        fieldError(path, 'too_long', { max: MAX_EMAIL_LENGTH, length: email.length }),
      );
    } else if (!EMAIL.test(email)) this.errors.push(fieldError(path, 'not_an_email'));
    return email;
  }

  /** A display name, or when none is given the email's local part (checked only if given). */
  displayNameOr(path: string, value: string | undefined, email: string): string {
    if (value !== undefined) return this.displayName(path, value);
    return (email.split('@')[0] ?? '').slice(0, MAX_NAME_LENGTH) || email;
  }

  displayName(path: string, value: string): string {
    const name = value.trim();
    if (name === '') this.errors.push(fieldError(path, 'empty'));
    else if (name.length > MAX_NAME_LENGTH) {
      this.errors.push(fieldError(path, 'too_long', { max: MAX_NAME_LENGTH, length: name.length }));
    } else if (CONTROL.test(name)) this.errors.push(fieldError(path, 'control_characters'));
    return name;
  }

  language(path: string, value: string): SupportedLanguage {
    if (isSupportedLanguage(value)) return value;
    this.errors.push(fieldError(path, 'not_one_of', { value, allowed: [...SUPPORTED_LANGUAGES] }));
    return 'fr';
  }

  password(path: string, value: string): string {
    if (value.length < MIN_PASSWORD_LENGTH) {
      this.errors.push(fieldError(path, 'password_too_short', { min: MIN_PASSWORD_LENGTH }));
    } else if (value.length > MAX_PASSWORD_LENGTH) {
      this.errors.push(
        fieldError(path, 'too_long', { max: MAX_PASSWORD_LENGTH, length: value.length }),
      );
    }
    return value;
  }

  role(path: string, value: string): Role {
    if (isRole(value)) return value;
    this.errors.push(fieldError(path, 'not_one_of', { value, allowed: [...ROLES] }));
    return 'viewer';
  }

  /**
   * The grants a role and a list of portals make: `admin` takes no portal, the other roles at
   * least one, each an existing portal.
   */
  grants(
    paths: { role: string; portal: string },
    role: Role,
    portals: readonly string[],
    known: ReadonlySet<string>,
  ): Grant[] {
    // A role already refused says enough; which portals it needs would only confuse.
    if (this.errors.some((e) => e.path === paths.role)) return [];
    if (role === 'admin') {
      if (portals.length > 0) this.errors.push(fieldError(paths.portal, 'admin_takes_no_portal'));
      return [{ role: 'admin' }];
    }
    if (portals.length === 0) {
      this.errors.push(fieldError(paths.portal, 'role_needs_portal', { role }));
      return [];
    }
    const seen = new Set<string>();
    portals.forEach((portalId, i) => {
      const path = portals.length === 1 ? paths.portal : `${paths.portal}[${i}]`;
      if (seen.has(portalId))
        this.errors.push(fieldError(path, 'listed_twice', { value: portalId }));
      else if (!known.has(portalId)) {
        this.errors.push(fieldError(path, 'unknown_portal', { value: portalId }));
      }
      seen.add(portalId);
    });
    return [...seen].map((portalId) => ({ role, portalId }));
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new ValidationError(this.errors);
  }
}
