/**
 * The widget editor's live contrast check: as the operator types a colour (or changes the
 * theme), the `<output>` beside the field shows its contrast ratio on the banner's background
 * and whether it reaches the minimum. Served as a same-origin file (the console's policy allows
 * no inline script); the page says the same without it, computed on the server at each save.
 * The formula is WCAG's relative luminance, as `contrastRatio` in `@galette/core`.
 */
export const CONTRAST_SCRIPT = `(function () {
  'use strict';
  var field = document.querySelector('input[data-galette-contrast]');
  if (!field) return;
  var out = document.getElementById(field.getAttribute('data-galette-contrast'));
  var theme = document.getElementById('theme');
  if (!out) return;
  var backgrounds = JSON.parse(out.getAttribute('data-backgrounds') || '{}');
  var min = Number(out.getAttribute('data-min'));
  function channel(hex, i) {
    var v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }
  function luminance(hex) {
    return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
  }
  function update() {
    var colour = field.value.trim();
    var background = backgrounds[theme && theme.value] || backgrounds.neutral;
    if (!/^#[0-9a-fA-F]{6}$/.test(colour)) {
      out.textContent = out.getAttribute('data-none');
      out.className = 'fr-message fr-message--info';
      return;
    }
    var a = luminance(colour);
    var b = luminance(background);
    var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    var shown = (Math.floor(ratio * 100) / 100).toFixed(2);
    var ok = ratio >= min;
    out.textContent = out
      .getAttribute(ok ? 'data-ok' : 'data-low')
      .replace('{ratio}', shown)
      .replace('{background}', background)
      .replace('{min}', String(min));
    out.className = 'fr-message ' + (ok ? 'fr-message--valid' : 'fr-message--error');
  }
  field.addEventListener('input', update);
  if (theme) theme.addEventListener('change', update);
})();
`;
