/**
 * Captured before the widget wraps `document.createElement` to block declared hosts, so the
 * widget's own elements (and the scripts it activates after consent) are never intercepted.
 */
export const createElement = /* @__PURE__ */ document.createElement.bind(document);

type Child = Node | string | false | null | undefined;

/**
 * Builds an element. Text goes in as text nodes, never through innerHTML, so operator texts
 * cannot inject markup; attributes with an undefined value are left out.
 */
export function h(
  tag: string,
  attrs?: Readonly<Record<string, string | undefined>> | null,
  ...children: Child[]
): HTMLElement {
  const el = createElement(tag);
  for (const name in attrs) {
    const value = attrs[name];
    if (value !== undefined) el.setAttribute(name, value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

/** Attaches a stylesheet without `<style>` or `style=`, which `style-src 'self'` would block. */
export function adoptCss(css: string, fallbackUrl?: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // Browsers without constructable stylesheets (before 2023) get the same rules as a file.
    if (fallbackUrl) document.head.append(h('link', { rel: 'stylesheet', href: fallbackUrl }));
  }
}

/** `_pk_id.*` → matches `_pk_id.1.a3f4`; a name without `*` matches itself only. */
export function matchesName(pattern: string, name: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(
    name,
  );
}

/** `www.opendata.paris.fr` belongs to the declared host `paris.fr`. */
export function hostMatches(host: string, declared: string): boolean {
  return host === declared || host.endsWith(`.${declared}`);
}
