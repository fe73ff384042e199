/**
 * Loaded by the preview's sample page before the widget. The sample runs on the console's own
 * origin, where the operator has real cookies (`csrftoken`, `galette_lang`, and the console's own
 * `cookies_preferences`): the draft's widget must not read that consent (it would not ask
 * again), nor write its choice over it, nor delete a real cookie or storage key that the draft
 * happens to declare in a refused category. So `document.cookie`, `localStorage` and
 * `sessionStorage` are replaced, for this page only, by empty stores in memory: every visit of
 * the sample starts as a first visit, and nothing outlives it. The widget itself is unchanged.
 */
export const PREVIEW_JAR_SCRIPT = `(function () {
  'use strict';
  var jar = {};
  function expired(attributes) {
    return attributes.some(function (a) {
      var pair = a.trim().split('=');
      var key = pair[0].toLowerCase();
      if (key === 'max-age') return Number(pair.slice(1).join('=')) <= 0;
      if (key === 'expires') return Date.parse(pair.slice(1).join('=')) <= Date.now();
      return false;
    });
  }
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: function () {
      return Object.keys(jar).map(function (name) { return name + '=' + jar[name]; }).join('; ');
    },
    set: function (text) {
      var parts = String(text).split(';');
      var eq = parts[0].indexOf('=');
      if (eq < 1) return;
      var name = parts[0].slice(0, eq).trim();
      if (expired(parts.slice(1))) delete jar[name];
      else jar[name] = parts[0].slice(eq + 1).trim();
    }
  });
  function memoryStorage() {
    var items = {};
    return {
      get length() { return Object.keys(items).length; },
      key: function (i) { var keys = Object.keys(items); return i < keys.length ? keys[i] : null; },
      getItem: function (k) { return Object.prototype.hasOwnProperty.call(items, k) ? items[k] : null; },
      setItem: function (k, v) { items[String(k)] = String(v); },
      removeItem: function (k) { delete items[k]; },
      clear: function () { items = {}; }
    };
  }
  ['localStorage', 'sessionStorage'].forEach(function (name) {
    try {
      Object.defineProperty(window, name, { configurable: true, value: memoryStorage() });
    } catch (e) {
      // Left as it is: the widget only removes the keys a refused category declares.
    }
  });
  document.documentElement.setAttribute('data-galette-preview', 'isolated');
})();
`;
