import type { WidgetTexts } from '@galette/core';
import { h } from './dom.js';

const button = (action: string, label: string, cls = 'k') =>
  h('button', { type: 'button', class: cls, 'data-galette-action': action }, label);

/**
 * The first layer: a non-modal dialog fixed over the page (it never moves content), with the
 * three choices side by side in the same style and the same single click each.
 */
export function renderBanner(texts: WidgetTexts, note?: string): HTMLElement {
  return h(
    'div',
    {
      class: 'b',
      role: 'dialog',
      'aria-labelledby': 'glt-t',
      'aria-describedby': 'glt-d',
      tabindex: '-1',
      'data-galette-banner': '',
    },
    button('close', `${texts.close} →`, 'x'),
    h('h2', { id: 'glt-t' }, texts.title),
    h('p', { id: 'glt-d' }, `${texts.text} `, h('a', { href: texts.charterUrl }, texts.charter)),
    note && h('p', { class: 'g' }, note),
    h(
      'div',
      { class: 'a' },
      button('accept-all', texts.acceptAll),
      button('reject-all', texts.rejectAll),
      button('customise', texts.customise),
    ),
  );
}
