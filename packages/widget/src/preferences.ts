import type { WidgetCookieRow } from '@galette/core';
import { createChoices } from './choices.js';
import { h } from './dom.js';
import { preferencesCss as css } from './preferences-styles.js';
import type { Choices, PreferencesModule, WidgetRuntime } from './preferences-module.js';

function table(columns: readonly string[], rows: readonly WidgetCookieRow[]): HTMLElement {
  return h(
    'table',
    null,
    h('thead', null, h('tr', null, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      null,
      ...rows.map((row) => h('tr', null, ...row.map((cell) => h('td', null, cell)))),
    ),
  );
}

/**
 * The preferences centre, a modal `<dialog>`: the browser keeps focus inside, closes it on
 * Escape and gives focus back to what opened it. One switch per category, none on unless the
 * visitor accepted it before; the declared cookies of each category one click away.
 */
function open(
  rt: WidgetRuntime,
  choose: Choices,
  root: HTMLElement,
  all = rt.config.prefs || {},
): void {
  const prefs = all[rt.lang] || Object.values(all)[0]!;
  const { texts, categories } = rt;
  const id = rt.state.stored?.id;
  const switches: [string, HTMLInputElement][] = [];
  const sections = prefs.categories.map((cat) => {
    const id = `glt-${cat.id}`;
    let state: HTMLElement;
    if (cat.id === 'necessary') {
      state = h('span', null, prefs.alwaysOn);
    } else {
      const input = h('input', {
        type: 'checkbox',
        role: 'switch',
        id,
        'aria-describedby': `${id}-d`,
        // Stable hooks for scripts and the scanner: which category a switch is for.
        'data-galette-category': cat.id,
      }) as HTMLInputElement;
      input.checked = rt.state.accepted(cat.id);
      switches.push([cat.id, input]);
      state = input;
      // Exempt measurement says what it is: on without consent, until the visitor objects.
      const exempt = prefs.exempt;
      if (exempt && categories.some((c) => c.id === cat.id && c.optOut)) {
        const label = h('span', { id: `${id}-s` });
        const sync = () => (label.textContent = exempt[input.checked ? 0 : 1]);
        sync();
        input.onchange = sync;
        input.setAttribute('aria-describedby', `${id}-s ${id}-d`);
        state = h('span', { class: 'o' }, label, input);
      }
    }
    return h(
      'section',
      null,
      h(
        'div',
        { class: 's' },
        h('h3', null, cat.id === 'necessary' ? cat.label : h('label', { for: id }, cat.label)),
        state,
      ),
      h('p', { id: `${id}-d` }, cat.description),
      cat.rows.length > 0 &&
        h(
          'details',
          null,
          h('summary', null, prefs.cookies.replace('{count}', String(cat.rows.length))),
          table(prefs.columns, cat.rows),
        ),
    );
  });

  const dialog = h('dialog', {
    class: 'p',
    'aria-labelledby': 'glt-pt',
    'data-galette-preferences': '',
  }) as HTMLDialogElement;
  // `data-galette-choice`, not `data-galette-action`: the page-wide handler of the latter
  // would make the choice a second time, as if from the banner.
  const action = (label: string, run: () => void, cls = 'k', choice?: string) => {
    const b = h('button', { type: 'button', class: cls, 'data-galette-choice': choice }, label);
    b.onclick = () => {
      dialog.close();
      run();
    };
    return b;
  };
  const choices = () => Object.fromEntries(switches.map(([id, input]) => [id, input.checked]));
  const gated = categories.some((c) => !c.optOut);
  dialog.append(
    h(
      'div',
      { class: 'ph' },
      action(prefs.done, () => {}, 'x'),
      h('h2', { id: 'glt-pt' }, prefs.title),
      h('p', null, `${prefs.intro} `, h('a', { href: texts.charterUrl }, texts.charter)),
      // Only a choice that needed consent is sent to the server, so only then is there a receipt.
      // Every recorded choice, an objection to exempt measurement included, has a receipt.
      id && h('p', null, h('a', { href: prefs.receiptUrl.replace('{id}', id) }, prefs.history)),
      rt.gpc && h('p', { class: 'g' }, prefs.gpc),
    ),
    h('div', { class: 'pb' }, ...sections),
    h(
      'div',
      { class: 'pf a' },
      gated && action(texts.acceptAll, () => choose.acceptAll('preferences'), 'k', 'accept-all'),
      gated && action(texts.rejectAll, () => choose.rejectAll('preferences'), 'k', 'reject-all'),
      switches.length > 0
        ? action(prefs.save, () => choose.save(choices(), 'custom', 'preferences'), 'k', 'save')
        : action(prefs.done, () => {}),
    ),
  );
  dialog.addEventListener('close', () => dialog.remove());
  root.append(dialog);
  dialog.showModal();
}

export const preferencesCentre: PreferencesModule = { open, css, choices: createChoices };
