/** Where a call comes from, as far as the services need to know. */
export interface RequestMeta {
  /** The client's address, used only to derive a pseudonym (never stored as such). */
  readonly clientAddress?: string;
  /** Shown in the user's list of sessions; cut to 256 characters. */
  readonly userAgent?: string;
}
