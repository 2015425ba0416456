// Event journey: for one eventId, where it came from, where it was stored, which subscribers it was dispatched to and
// how each copy went, each store-driven subscription's deliveries, its dead letters and redrives
// (GET /events/{eventId}/journey).
import { journey } from './api.js';
import { deadLetterColumns, h, json, link, message, table, time } from './dom.js';

export function render(main, params) {
  const input = h('input', { id: 'journey-event-id', class: 'wide', placeholder: 'eventId', value: params.id || '' });
  const form = h('form', { class: 'toolbar' }, h('label', { class: 'grow' }, 'Event ', input),
    h('button', { type: 'submit' }, 'Follow'));
  const body = h('div', { id: 'journey' });
  main.append(h('h1', {}, 'Event journey'), form, body);
  form.addEventListener('submit', e => {
    e.preventDefault();
    location.hash = `#journey/${encodeURIComponent(input.value.trim())}`;
  });
  if (!params.id) {
    body.append(h('p', { class: 'quiet' }, 'Type an eventId, or pick one in Events.'));
    return undefined;
  }
  // dispatch records its copies a moment after the event is stored, and subscriptions deliver on their own time:
  // the journey is read again while something is still on its way, for a while
  let timer = null;
  let reloads = 0;
  const load = async () => {
    try {
      const answer = await journey(params.id);
      show(body, answer);
      if (pending(answer) && reloads++ < MAX_RELOADS) {
        timer = setTimeout(load, RELOAD_MS);
      }
    } catch (e) {
      message(e.status === 404 ? `No event ${params.id} is known to this router.` : `Journey: ${e.message}`);
    }
  };
  load();
  return () => clearTimeout(timer);
}

const RELOAD_MS = 2000;
const MAX_RELOADS = 30;

function pending(answer) {
  return answer.stored && ((answer.dispatch || []).length === 0
    || answer.dispatch.some(d => d.outcome === 'unfinished')
    || (answer.subscriptions || []).some(s => s.selected && !s.delivered));
}

function show(body, answer) {
  const stored = answer.stored || null;
  body.replaceChildren(
    h('section', { class: 'step', id: 'journey-received' }, h('h2', {}, '1. Received'),
      answer.received ? fields(answer.received) : h('p', { class: 'quiet' }, 'not recorded')),
    h('section', { class: 'step', id: 'journey-stored' }, h('h2', {}, '2. Stored'),
      stored ? h('dl', {},
        h('dt', {}, 'stream'), h('dd', { id: 'journey-stream' },
          link(`#events?kind=stream&name=${encodeURIComponent(stored.stream)}`, stored.stream)),
        h('dt', {}, 'version'), h('dd', { id: 'journey-version' }, stored.version),
        h('dt', {}, 'global position'), h('dd', { id: 'journey-position' }, stored.globalPosition),
        ...extra(stored, ['stream', 'version', 'globalPosition']))
        : h('p', { class: 'warning' }, 'not stored (see the dead letters below)')),
    h('section', { class: 'step' }, h('h2', {}, '3. Dispatched to the subscribers it matched'),
      table([
        ['subscriber', d => d.subscriber || h('span', { class: 'quiet' }, 'none matched')],
        ['target', d => d.target],
        ['dispatched at', d => time(d.dispatchedAt)],
        // sent, unfinished, no-subscriber or "failed: <why>"
        ['outcome', d => h('span', { class: `outcome ${d.outcome.split(':')[0]}` }, d.outcome)]
      ], answer.dispatch || [], {
        id: 'journey-dispatch', empty: answer.stored ? 'not dispatched yet' : 'not dispatched',
        rowAttributes: d => ({ dataset: { subscriber: d.subscriber } })
      })),
    h('section', { class: 'step' }, h('h2', {}, '4. Store-driven subscriptions'),
      table([
        ['subscription', s => s.name],
        ['selects', s => s.stream],
        ['selects this event', s => (s.selected ? 'yes' : 'no')],
        ['delivered', s => (s.selected ? h('span', { class: `outcome ${s.delivered ? 'ok' : 'pending'}` },
          s.delivered ? 'yes' : 'not yet') : '')],
        ['checkpoint', s => s.checkpoint],
        ['dead letters', s => (s.deadLetters || []).join(', ')]
      ], answer.subscriptions || [], {
        id: 'journey-subscriptions', empty: 'no store-driven subscriptions',
        rowAttributes: s => ({ dataset: { subscription: s.name, delivered: String(s.delivered) } })
      })),
    h('section', { class: 'step' }, h('h2', {}, '5. Dead letters and redrives'),
      table(deadLetterColumns(), answer.deadLetters || [], { id: 'journey-dead-letters', empty: 'none' })),
    h('details', {}, h('summary', {}, 'The answer as JSON'), json(answer)));
}

function fields(object) {
  return h('dl', {}, extra(object, []));
}

function extra(object, shown) {
  return Object.entries(object).filter(([key]) => !shown.includes(key))
    .flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, cell(key, value))]);
}

function cell(key, value) {
  if (value !== null && typeof value === 'object') {
    return h('code', {}, JSON.stringify(value));
  }
  return /At$/.test(key) ? time(value) : value;
}
