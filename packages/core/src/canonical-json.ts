/**
 * Canonical JSON: object keys sorted, no insignificant white space, `undefined` members dropped.
 * Equal content gives equal bytes whatever order a form, a file or a database returned it in,
 * which is what makes content hashes stable.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('canonicalJson: non-finite number');
    }
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const object = value as Record<string, unknown>;
  // Concatenated in one loop: consent choices go through here once per record appended or
  // audited, and building then joining arrays cost as much as the encoding itself.
  let json = '';
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member === undefined) continue;
    const encoded = typeof member === 'boolean' ? String(member) : canonicalJson(member);
    json += `${json ? ',' : '{'}${JSON.stringify(key)}:${encoded}`;
  }
  return json ? `${json}}` : '{}';
}
