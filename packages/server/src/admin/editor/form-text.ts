/** One item per non-blank line (or comma/space-separated word), trimmed. */
export function lines(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A text as a form shows it: `''` for absent. */
export function shown(value: string | undefined): string {
  return value ?? '';
}

/** A trimmed text, or undefined when blank (the portal file then reports it as required). */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
