import type { WidgetTexts } from '@galette/core';
import { h } from './dom.js';

/** Placeholder of a blocked frame, sized like it so the page does not move when it loads. */
export function renderPlaceholder(
  frame: Element,
  categories: readonly string[],
  texts: WidgetTexts,
  theme: string,
  once: () => void,
  always: () => void,
): HTMLElement {
  const onceButton = h('button', { type: 'button' }, texts.once);
  const alwaysButton = h('button', { type: 'button' }, texts.always);
  onceButton.onclick = once;
  alwaysButton.onclick = always;
  const label = categories.map((id) => texts.labels[id] || id).join(', ');
  const title = frame.getAttribute('title');
  const ph = h(
    'div',
    { class: `glt glt-ph ${theme}`, role: 'group', 'aria-label': title || label },
    title && h('strong', null, title),
    h('p', null, texts.placeholder.replace('{category}', label)),
    h('div', null, onceButton, alwaysButton),
  );
  const width = frame.getAttribute('width');
  const height = frame.getAttribute('height');
  // CSSOM, unlike a style attribute, is allowed under `style-src 'self'`.
  if (width && height && +width > 0 && +height > 0) {
    ph.style.width = `${+width}px`;
    ph.style.aspectRatio = `${+width}/${+height}`;
  }
  return ph;
}
