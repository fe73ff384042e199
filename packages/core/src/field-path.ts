const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `declarations[2].category`: dotted keys, bracketed indexes, quoted odd keys. */
export function fieldPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base ? `${base}.${key}` : key;
}
