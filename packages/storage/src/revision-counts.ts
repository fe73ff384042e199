/** What counting needs of a portal's content (a revision's JSON read back). */
export interface CountedContent {
  readonly declarations?: readonly { readonly category?: string }[];
  readonly categories?: readonly { readonly id?: string }[];
}

/** Declarations, and the categories in use or defined (what the revision's charter can list). */
export function revisionCounts(content: CountedContent): {
  declarations: number;
  categories: number;
} {
  const declarations = content.declarations ?? [];
  const categories = new Set<string>();
  for (const d of declarations) if (d.category) categories.add(d.category);
  for (const c of content.categories ?? []) if (c.id) categories.add(c.id);
  return { declarations: declarations.length, categories: categories.size };
}
