/** The refused category whose declared hosts serve `url`, if any. */
export type BlockedBy = (url: string) => string | undefined;

/**
 * What the first stage (`widget-boot.js`) leaves for the second: the function its blocking asks
 * (the second stage puts its own, which follows the visitor's choices, in `b`) and its observer.
 */
export interface BootHandOff {
  b: BlockedBy;
  readonly o: MutationObserver;
}

declare global {
  interface Window {
    __glt?: BootHandOff;
  }
}

/**
 * Watches the page for resources that need consent, from the first moment: unmarked scripts and
 * frames arriving from a refused category's declared hosts are turned into marked, inert ones
 * (a frame is replaced by an inert copy: removing it cancels its navigation), and every added
 * subtree is reported so the gate can handle what it marks. Resources already in the page
 * are left alone: an unmarked one has run before the widget could see it.
 */
export function watchPage(blockedBy: BlockedBy, found?: (root: Element) => void): MutationObserver {
  const mark = (el: Element) => {
    const src = el.getAttribute('src');
    const category = src && !el.hasAttribute('data-galette') && blockedBy(src);
    if (!category) return;
    if (el.tagName === 'SCRIPT') {
      el.setAttribute('type', 'text/plain');
    } else {
      const copy = el.cloneNode(true) as Element;
      copy.removeAttribute('src');
      copy.setAttribute('data-src', src);
      el.replaceWith((el = copy));
    }
    el.setAttribute('data-galette', category);
  };
  const observer = new MutationObserver((records) =>
    records.forEach((record) =>
      record.addedNodes.forEach((node) => {
        if (!(node instanceof Element)) return;
        if (node.matches('script,iframe')) mark(node);
        node.querySelectorAll('script,iframe').forEach(mark);
        if (found && node.isConnected) found(node);
      }),
    ),
  );
  observer.observe(document, { childList: true, subtree: true });
  return observer;
}

/**
 * Wraps `document.createElement` so that a script or frame whose address is on a refused
 * category's hosts is born inert: a script gets `type="text/plain"` before its `src` is set (so
 * it is never fetched), a frame keeps its address in `data-src`. The observer then treats them
 * like marked ones (`watchPage`). This catches tag loaders (`createElement('script')` + `src = …`), which is
 * how nearly every tracker arrives.
 */
export function blockDeclaredHosts(hook: { b: BlockedBy }): void {
  const blockedBy: BlockedBy = (url) => hook.b(url);
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
  const isScript = el.tagName === 'SCRIPT';
  const src = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'src')!;
  const setAttribute = Element.prototype.setAttribute;
  let blocked: string | undefined;
  // True when the address must not be set at all (a frame); a script keeps it, inert.
  const block = (url: string) => {
    blocked = blockedBy(String(url));
    if (!blocked) return false;
    setAttribute.call(el, 'data-galette', blocked);
    setAttribute.call(el, isScript ? 'type' : 'data-src', isScript ? 'text/plain' : url);
    return !isScript;
  };
  Object.defineProperty(el, 'src', {
    get: () => src.get!.call(el),
    set: (url: string) => block(url) || src.set!.call(el, url),
  });
  el.setAttribute = (name: string, value: string) => {
    const n = String(name).toLowerCase();
    if ((n === 'src' && block(value)) || (n === 'type' && blocked)) return;
    setAttribute.call(el, name, value);
  };
  // Setting `type` after `src` must not make a blocked script runnable again.
  if (isScript) {
    Object.defineProperty(el, 'type', {
      get: () => el.getAttribute('type'),
      set: (type: string) => el.setAttribute('type', type),
    });
  }
}
