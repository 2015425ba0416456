// Subscriptions: each store-driven subscription's checkpoint, the head, its lag and which instance is active; replay
// from a position or a time, optionally only the events a pattern matches.
import { replay, subscriptions } from './api.js';
import { h, json, message, parseJson, table, time } from './dom.js';

const REFRESH_MS = 2000;

export function render(main) {
  const list = h('section', {});
  const name = h('select', { id: 'replay-subscription' });
  const mode = h('select', { id: 'replay-mode' },
    h('option', { value: 'fromPosition' }, 'from position'), h('option', { value: 'fromTime' }, 'from time'));
  const from = h('input', { id: 'replay-from', placeholder: '0 or 2024-01-01T00:00:00Z', required: true });
  const pattern = h('textarea', { id: 'replay-pattern', rows: 3,
    placeholder: 'optional: only the events this pattern matches, e.g. {"eventType": ["OrderCreated"]}' });
  const result = h('div', { id: 'replay-result' });
  const form = h('form', { class: 'panel', id: 'replay-form' }, h('h2', {}, 'Replay'),
    h('div', { class: 'toolbar' }, h('label', {}, 'subscription ', name), mode, from,
      h('button', { type: 'submit', id: 'replay-submit' }, 'Replay')),
    h('label', { class: 'block' }, 'pattern ', pattern), result);
  main.append(h('h1', {}, 'Subscriptions'), list, form);

  let timer = null;
  let stopped = false;
  const refresh = async () => {
    try {
      const all = await subscriptions();
      list.replaceChildren(table([
        ['subscription', s => s.name],
        ['selects', s => s.stream],
        ['checkpoint', s => s.position],
        ['head', s => s.head],
        ['lag', s => s.lag],
        ['active', s => (s.active ? 'yes' : 'no') + (s.consumerHere ? ' (this instance)' : '')],
        ['in flight', s => s.inFlight],
        ['checkpoint moved', s => time(s.updatedAt)]
      ], all, {
        id: 'subscriptions-table', empty: 'no store-driven subscriptions in this router\'s routes',
        rowAttributes: s => ({ dataset: { subscription: s.name } })
      }));
      // only when the list changed, so a refresh does not close the list under the operator's pointer
      if ([...name.options].map(o => o.value).join('\n') !== all.map(s => s.name).join('\n')) {
        const chosen = name.value;
        name.replaceChildren(...all.map(s => h('option', { value: s.name, selected: s.name === chosen }, s.name)));
      }
    } catch (e) {
      message(`Subscriptions: ${e.message}`);
    }
    if (!stopped) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  };
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const start = mode.value === 'fromPosition' ? { fromPosition: Number(from.value) }
        : { fromTime: new Date(from.value).toISOString() };
      const filter = pattern.value.trim() ? parseJson(pattern.value, 'The pattern') : undefined;
      result.replaceChildren(h('p', {}, 'Replay started:'), json(await replay(name.value, start, filter)));
    } catch (error) {
      message(`Replay: ${error.message}`);
    }
  });
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
