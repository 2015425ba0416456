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
  let timer = null;
  let stopped = false;

  const refresh = async () => {
    try {
      const now = await overview();
      const rate = value => (value === null || value === undefined ? '…' : value);
      const up = now.readiness && now.readiness.status === 'UP';
      cards.replaceChildren(
        card('ov-in', 'events in / s', rate(now.eventsInPerSecond), 'stored, over the last seconds'),
        card('ov-out', 'events out / s', rate(now.eventsOutPerSecond), 'dispatched copies'),
        // the head is the position the next event gets: the number of events stored
        card('ov-head', 'store head', now.headPosition, link('#events', `${now.headPosition} events stored`)),
        card('ov-dead-letters', 'dead letters pending', now.deadLettersPending,
          link('#dead-letters', 'open dead letters'), now.deadLettersPending > 0 ? 'bad' : ''),
        card('ov-ready', 'readiness', up ? 'UP' : 'DOWN',
          up ? 'ready' : `down: ${(now.readiness && now.readiness.down || []).join(', ')}`, up ? 'good' : 'bad'));
      lag.replaceChildren(table([
        ['subscription', s => link('#subscriptions', s.name)],
        ['checkpoint', s => s.checkpoint],
        ['lag', s => s.lag]
      ], now.subscriptions, {
        empty: 'no store-driven subscriptions', id: 'overview-subscriptions',
        rowAttributes: s => ({ dataset: { subscription: s.name } })
      }));
      updated.textContent = `updated ${new Date().toLocaleTimeString(undefined, { hour12: false })}`;
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
