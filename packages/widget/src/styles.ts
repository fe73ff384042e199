/**
 * Stylesheet of the first layer, the persistent control and the embed placeholders (which share
 * the banner's buttons), attached as a constructed stylesheet (no `<style>`, allowed by
 * `style-src 'self'`). Written minified by hand because the bundle carries it as a string.
 * Rules are scoped under `#glt` (and `.glt-ph`) so that page styles rarely win; `--a`/`--at`
 * (button colours) are appended at run time from the configuration, whose contrast the server
 * has checked.
 *
 * Cheap to lay out: the page's own font family (DSFR's Marianne in that theme) at one size, in
 * two weights, so the first layout reuses fonts the page already loaded instead of resolving
 * new ones (measured: six sizes and weights cost 2.7 ms more layout than two); no animation, as
 * a slide-in costs the page a main-thread frame every 16 ms while it runs.
 */
export const css =
  '.glt{--fg:#1f2937;--bd:#9ca3af;--r:8px}' +
  '#glt,.glt-ph{font-size:16px;font-weight:400;font-style:normal;line-height:1.5;color:var(--fg)}' +
  '.dsfr{--fg:#161616;--bd:#929292;--r:0;font-family:Marianne,arial,sans-serif}' +
  '#glt *,.glt-ph *{box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit;letter-spacing:0;text-transform:none;text-align:left}' +
  '#glt [hidden]{display:none!important}' +
  '#glt .b{position:fixed;z-index:2147483647;inset:auto 8px 8px;max-width:720px;max-height:90vh;overflow:auto;margin:auto;padding:12px 20px 20px;background:#fff;border:1px solid var(--bd);border-radius:var(--r);box-shadow:0 8px 32px #0004}' +
  '#glt h2,#glt .g{font-weight:700}' +
  '#glt p{margin:8px 0 12px}' +
  '#glt a{text-decoration:underline}' +
  '#glt .a,.glt-ph div{display:flex;flex-wrap:wrap;gap:8px}' +
  '#glt .k,.glt-ph button{flex:1 1 150px;min-height:44px;padding:8px 16px;border:2px solid var(--a);border-radius:var(--r);background:var(--a);color:var(--at);font-weight:700;text-align:center;cursor:pointer}' +
  '#glt .x{display:block;margin-left:auto;background:0;border:0;text-decoration:underline;cursor:pointer}' +
  '#glt :focus-visible,.glt-ph :focus-visible{outline:3px solid var(--a);outline-offset:2px}' +
  '#glt .c{position:fixed;z-index:2147483646;bottom:12px;left:12px;padding:6px 14px;background:#fff;border:1px solid var(--bd);border-radius:99px;cursor:pointer}' +
  '#glt .right{left:auto;right:12px}' +
  '.glt-ph{box-sizing:border-box;display:flex;flex-direction:column;justify-content:center;gap:8px;max-width:100%;min-height:150px;padding:16px;background:#f3f4f6;border:1px dashed #6b7280}' +
  '.glt-ph button+button{background:#fff;color:var(--fg)}';
