import type { WidgetTexts } from '@galette/core';
import { createElement } from './dom.js';
import { renderPlaceholder } from './placeholder.js';
import type { BlockedBy } from './watch.js';

export interface GateOptions {
  /** True when every listed category may run now. */
  readonly allowed: (categories: readonly string[]) => boolean;
  readonly blockedBy: BlockedBy;
  /** Filled with the categories whose scripts ran: refusing them later needs a reload. */
  readonly ran: Set<string>;
  readonly texts: WidgetTexts;
  readonly theme: string;
  /** Accepts the categories of a placeholder's frame for good. */
  readonly always: (categories: readonly string[]) => void;
}

export interface Gate {
  /** Activates what is now allowed under `root` and puts placeholders on blocked frames. */
  scan(root: ParentNode): void;
}

/**
 * Consent gating of `<script type="text/plain" data-galette>` and `[data-galette][data-src]`:
 * activation once allowed, and accessible placeholders on blocked frames.
 */
export function createGate({ allowed, blockedBy, ran, texts, theme, always }: GateOptions): Gate {
  const done = new WeakSet<Element>();
  const placeholders = new WeakMap<Element, Element>();
  // Scripts run one after the other, each external one after the previous has loaded, so that
  // a library and the inline code that calls it keep their order.
  let chain = Promise.resolve();

  const run = (old: HTMLScriptElement) =>
    new Promise<void>((resolve) => {
      if (!old.isConnected) return resolve();
      const script = createElement('script');
      for (const { name, value } of [...old.attributes]) {
        if (name !== 'type' && name !== 'data-galette') script.setAttribute(name, value);
      }
      const type = old.getAttribute('data-type');
      if (type) script.type = type;
      // The nonce attribute reads empty once parsed; only the property keeps it.
      script.nonce = old.nonce || '';
      // The attribute, not the property: Chromium reports `async` true on inert scripts.
      if (old.src && !old.hasAttribute('async')) {
        script.async = false;
        script.onload = script.onerror = () => resolve();
      } else {
        script.text = old.text;
        resolve();
      }
      old.replaceWith(script);
    });

  const load = (el: Element, src: string) => {
    done.add(el);
    const ph = placeholders.get(el);
    if (ph) {
      ph.remove();
      el.removeAttribute('hidden');
    }
    // The prototype's: a frame created while its host was refused keeps a `setAttribute` that
    // blocks it (`blockDeclaredHosts`), and "once" loads it with the host still refused.
    Element.prototype.setAttribute.call(el, 'src', src);
  };

  const handle = (el: Element) => {
    if (done.has(el)) return;
    const categories = (el.getAttribute('data-galette') || '').split(/\s+/).filter(Boolean);
    const src = el.getAttribute(el.tagName === 'SCRIPT' ? 'src' : 'data-src');
    const ok = allowed(categories) && !(src && blockedBy(src));
    if (el.tagName === 'SCRIPT') {
      if (!ok || (el as HTMLScriptElement).type !== 'text/plain') return;
      done.add(el);
      categories.forEach((c) => ran.add(c));
      chain = chain.then(() => run(el as HTMLScriptElement));
    } else if (src && ok) {
      load(el, src);
    } else if (src && el.tagName === 'IFRAME' && !placeholders.has(el)) {
      const ph = renderPlaceholder(
        el,
        categories,
        texts,
        theme,
        () => load(el, src),
        () => always(categories),
      );
      placeholders.set(el, ph);
      el.setAttribute('hidden', '');
      el.before(ph);
    }
  };

  return {
    scan: (root) => {
      if (root instanceof Element && root.matches('[data-galette]')) handle(root);
      root.querySelectorAll('[data-galette]').forEach(handle);
    },
  };
}
