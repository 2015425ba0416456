// Overview: events in and out per second, the store's head, subscriptions' lag, dead letters pending, readiness;
// refreshed every few seconds while shown.
import { overview } from './api.js';
import { h, link, message, table } from './dom.js';

const REFRESH_MS = 2000;

export function render(main) {
  const cards = h('section', { class: 'cards' });
  const lag = h('section', {});
  const updated = h('p', { class: 'quiet', id: 'overview-updated' });
  main.append(h('h1', {}, 'Overview'), cards, h('h2', {}, 'Subscriptions'), lag, updated);
  let previous = null;
  let timer = null;
  let stopped = false;

  const refresh = async () => {
    try {
      const now = await overview();
      const rate = (field) => previous && now.at > previous.at
        ? ((now[field] - previous[field]) / ((now.at - previous.at) / 1000)).toFixed(1) : '…';
      cards.replaceChildren(
        card('ov-in', 'events in / s', rate('eventsIn'), `${now.eventsIn} stored since start`),
        card('ov-out', 'events out / s', rate('eventsOut'), `${now.eventsOut} dispatched since start`),
        card('ov-head', 'store head', now.head === null ? 'empty' : now.head, link('#events', 'browse events')),
        card('ov-dead-letters', 'dead letters pending', now.deadLettersPending,
          link('#dead-letters?pending=true', 'open dead letters')),
        card('ov-ready', 'readiness', now.ready ? 'UP' : 'DOWN', now.readyDetail, now.ready ? 'good' : 'bad'));
      lag.replaceChildren(table([
        ['subscription', s => link(`#subscriptions`, s.name)],
        ['selects', s => s.stream],
        ['checkpoint', s => s.position],
        ['head', s => s.head],
        ['lag', s => s.lag],
        ['active', s => s.active ? 'yes' : 'no']
      ], now.subscriptions, { empty: 'no store-driven subscriptions', id: 'overview-subscriptions' }));
      updated.textContent = `updated ${new Date(now.at).toLocaleTimeString(undefined, { hour12: false })}`;
      previous = now;
      message(null);
    } catch (e) {
      message(`Overview: ${e.message}`);
    }
    if (!stopped) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  };
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function card(id, title, value, detail, tone) {
  return h('div', { class: `card ${tone || ''}`, id },
    h('div', { class: 'card-title' }, title),
    h('div', { class: 'card-value' }, value),
    h('div', { class: 'card-detail' }, detail));
}
