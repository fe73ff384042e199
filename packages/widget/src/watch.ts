/** The refused category whose declared hosts serve `url`, if any. */
export type BlockedBy = (url: string) => string | undefined;

/**
 * Watches the page for resources that need consent, from the first moment: unmarked scripts and
 * frames arriving from a refused category's declared hosts are turned into marked, inert ones
 * (a frame is replaced by an inert copy: removing it cancels its navigation), and every subtree
 * holding marked elements is reported so the gate can handle it. Resources already in the page
 * are left alone: an unmarked one has run before the widget could see it.
 */
export function watchPage(blockedBy: BlockedBy, found: (root: Element) => void): void {
  const mark = (el: Element) => {
    const src = !el.hasAttribute('data-galette') && el.getAttribute('src');
    const category = src && blockedBy(src);
    if (!category) return;
    if (el.tagName === 'SCRIPT') {
      el.setAttribute('type', 'text/plain');
      el.setAttribute('data-galette', category);
    } else {
      const copy = el.cloneNode(true) as Element;
      copy.removeAttribute('src');
      copy.setAttribute('data-src', src);
      copy.setAttribute('data-galette', category);
      el.replaceWith(copy);
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => {
        if (!(node instanceof Element)) return;
        if (node.matches('script,iframe')) mark(node);
        node.querySelectorAll('script,iframe').forEach(mark);
        if (
          node.isConnected &&
          (node.matches('[data-galette]') || node.querySelector('[data-galette]'))
        ) {
          found(node);
        }
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

/**
 * Wraps `document.createElement` so that a script or frame whose address is on a refused
 * category's hosts is born inert: a script gets `type="text/plain"` before its `src` is set (so
 * it is never fetched), a frame keeps its address in `data-src`. The observer then treats them
 * like marked ones (`watchPage`). This catches tag loaders (`createElement('script')` + `src = …`), which is
 * how nearly every tracker arrives.
 */
export function blockDeclaredHosts(blockedBy: BlockedBy): void {
  const original = document.createElement;
  document.createElement = function (this: Document) {
    // eslint-disable-next-line prefer-rest-params
    const el = original.apply(this, arguments as unknown as Parameters<typeof original>);
    try {
      if (el instanceof HTMLScriptElement || el instanceof HTMLIFrameElement) guard(el, blockedBy);
    } catch {
      // Never break the page's own element creation.
    }
    return el;
  } as typeof document.createElement;
}

function guard(el: HTMLScriptElement | HTMLIFrameElement, blockedBy: BlockedBy) {
  const isScript = el instanceof HTMLScriptElement;
  const proto = isScript ? HTMLScriptElement.prototype : HTMLIFrameElement.prototype;
  const src = Object.getOwnPropertyDescriptor(proto, 'src')!;
  const setAttribute = Element.prototype.setAttribute;
  let blocked = false;
  const block = (url: string): boolean => {
    const category = blockedBy(String(url));
    if (!category) return false;
    blocked = true;
    setAttribute.call(el, 'data-galette', category);
    if (isScript) {
      setAttribute.call(el, 'type', 'text/plain');
      return false;
    }
    setAttribute.call(el, 'data-src', url);
    return true;
  };
  Object.defineProperty(el, 'src', {
    configurable: true,
    get: () => src.get!.call(el),
    set: (url: string) => {
      if (!block(url)) src.set!.call(el, url);
    },
  });
  el.setAttribute = (name: string, value: string) => {
    const n = String(name).toLowerCase();
    if ((n === 'src' && block(value)) || (n === 'type' && blocked)) return;
    setAttribute.call(el, name, value);
  };
  if (isScript) {
    Object.defineProperty(el, 'type', {
      configurable: true,
      get: () => el.getAttribute('type') || '',
      set: (type: string) => el.setAttribute('type', type),
    });
  }
}
