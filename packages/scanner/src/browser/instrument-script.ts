/** Name of the binding the instrumentation reports through (exposed on every frame). */
export const REPORT_BINDING = '__galetteScanReport';

/**
 * Runs in every frame before any of the page's scripts: wraps the `document.cookie` setter,
 * `cookieStore.set`, `Storage.prototype.setItem` and `indexedDB.open` so each write reports
 * what was written and the stack of the code that wrote it, then does the write unchanged.
 * Plain JavaScript in a string: it must not depend on how this package is compiled.
 */
export const INSTRUMENT_SCRIPT = `(() => {
  if (window.__galetteScanInstrumented) return;
  Object.defineProperty(window, '__galetteScanInstrumented', { value: true });
  const send = (payload) => {
    try {
      const report = window.${REPORT_BINDING};
      if (typeof report === 'function') report(payload);
    } catch (e) {}
  };
  const stack = () =>
    String(new Error().stack || '')
      .split('\\n')
      .slice(1)
      .map((line) => line.trim())
      .filter((line) => /(https?|file):\\/\\//.test(line))
      .slice(0, 12);
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie && cookie.set) {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: cookie.enumerable,
      get() { return cookie.get.call(this); },
      set(value) {
        send({ kind: 'cookie', text: String(value), stack: stack(), time: Date.now() });
        return cookie.set.call(this, value);
      },
    });
  }
  if (typeof CookieStore !== 'undefined' && CookieStore.prototype.set) {
    const set = CookieStore.prototype.set;
    CookieStore.prototype.set = function (a, b) {
      const o = typeof a === 'object' && a ? a : { name: a, value: b };
      const text = String(o.name) + '=' + String(o.value) +
        (o.expires ? '; expires=' + new Date(o.expires).toUTCString() : '') +
        (o.domain ? '; domain=' + o.domain : '') + (o.path ? '; path=' + o.path : '');
      send({ kind: 'cookie', text, stack: stack(), time: Date.now() });
      return set.apply(this, arguments);
    };
  }
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    let area = 'sessionStorage';
    try { if (this === window.localStorage) area = 'localStorage'; } catch (e) {}
    send({ kind: area, name: String(key), stack: stack(), time: Date.now() });
    return setItem.apply(this, arguments);
  };
  if (typeof IDBFactory !== 'undefined') {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (name) {
      send({ kind: 'indexedDB', name: String(name), stack: stack(), time: Date.now() });
      return open.apply(this, arguments);
    };
  }
})();`;
