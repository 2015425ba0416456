// Events: $all, one stream, a category or an event type, newest first, paged both ways; a search box taking an
// EventBridge pattern (evaluated by the router) or an eventId; a live tail of the newly stored events.
import { liveEvents, readStream, storedEvent } from './api.js';
import { h, journeyLink, json, message, parseJson, table } from './dom.js';

const KINDS = [['all', '$all'], ['stream', 'stream'], ['category', 'category ($ce-)'], ['type', 'event type ($et-)']];

export function render(main, params) {
  const kind = h('select', { id: 'events-kind' },
    KINDS.map(([value, label]) => h('option', { value, selected: value === (params.kind || 'all') }, label)));
  const name = h('input', { id: 'events-name', placeholder: 'order-12345, order, OrderCreated', value: params.name || '' });
  const search = h('input', {
    id: 'events-search', class: 'wide', value: params.search || '',
    placeholder: 'an eventId, or a pattern such as {"eventType": ["OrderCreated"]}'
  });
  // #events?limit=N adds its own page size to the usual ones
  const sizes = [...new Set([20, 50, 100, Number(params.limit) || 20])].sort((a, b) => a - b);
  const limit = h('select', { id: 'events-limit' },
    sizes.map(n => h('option', { value: n, selected: n === (Number(params.limit) || 20) }, n)));
  const newer = h('button', { type: 'button', id: 'events-newer' }, '← newer');
  const older = h('button', { type: 'button', id: 'events-older' }, 'older →');
  const liveToggle = h('button', { type: 'button', id: 'live-toggle' }, 'Start live tail');
  const liveState = h('span', { id: 'live-state', class: 'quiet' });
  const page = h('section', { id: 'events-page' });
  const live = h('section', { id: 'live-tail', hidden: true }, h('h2', {}, 'Live tail'),
    table(columns(), [], { empty: 'waiting for newly stored events', id: 'live-table' }));

  const form = h('form', { class: 'toolbar', id: 'events-form' },
    h('label', {}, 'Read ', kind), h('label', {}, 'name ', name), h('label', { class: 'grow' }, 'search ', search),
    h('label', {}, 'page ', limit), h('button', { type: 'submit', id: 'events-go' }, 'Show'));
  main.append(h('h1', {}, 'Events'), form, h('div', { class: 'toolbar' }, newer, older, liveToggle, liveState),
    live, page);

  let shown = [];
  let next;
  let stopLive = null;

  const selected = () => {
    switch (kind.value) {
      case 'stream': return name.value.trim();
      case 'category': return `$ce-${name.value.trim()}`;
      case 'type': return `$et-${name.value.trim()}`;
      default: return '$all';
    }
  };
  // $all, categories and types are in global order; a stream by its own versions
  const position = event => (selected().startsWith('$') ? event.globalPosition : event.streamVersion);

  const load = async (from, direction) => {
    const text = search.value.trim();
    try {
      if (text && !text.startsWith('{')) {
        next = undefined;
        show([await storedEvent(text)]);
        return;
      }
      const answer = await readStream(selected(), { from, direction, limit: limit.value, pattern: pattern() });
      if (answer.events.length === 0 && from !== undefined) {
        message(direction === 'forward' ? 'No newer events.' : 'No older events.', 'info');
        return;
      }
      // a backward search goes on where it stopped scanning; a newer page is read forward, shown newest first
      next = direction === 'backward' ? answer.next : undefined;
      show(direction === 'forward' ? answer.events.reverse() : answer.events);
    } catch (e) {
      message(`Events: ${e.message}`);
    }
  };
  const pattern = () => {
    const text = search.value.trim();
    return text.startsWith('{') ? JSON.stringify(parseJson(text, 'The pattern')) : undefined;
  };
  const show = events => {
    message(null);
    shown = events;
    const positions = events.map(position);
    const what = selected().startsWith('$') ? 'positions' : 'versions';
    page.replaceChildren(h('h2', {}, `Stored events of ${selected()}`, events.length > 1
      ? h('span', { class: 'quiet' }, ` (${what} ${Math.max(...positions)} to ${Math.min(...positions)})`) : ''),
    table(columns(), events, {
      id: 'events-table', empty: 'no stored events here',
      rowAttributes: event => ({ dataset: { eventId: event.eventId } })
    }));
  };

  form.addEventListener('submit', e => {
    e.preventDefault();
    load(undefined, 'backward');
  });
  newer.addEventListener('click', () => shown.length && load(Math.max(...shown.map(position)) + 1, 'forward'));
  older.addEventListener('click', () => {
    const oldest = next !== undefined ? next : (shown.length ? Math.min(...shown.map(position)) - 1 : -1);
    if (oldest !== null && oldest >= 0) {
      load(oldest, 'backward');
    } else {
      message('No older events.', 'info');
    }
  });
  liveToggle.addEventListener('click', () => {
    if (stopLive) {
      stopLive();
      stopLive = null;
      liveToggle.textContent = 'Start live tail';
      liveState.textContent = '';
      return;
    }
    let filter;
    try {
      filter = pattern();
    } catch (e) {
      message(e.message);
      return;
    }
    live.hidden = false;
    liveToggle.textContent = 'Stop live tail';
    stopLive = liveEvents(filter, event => {
      if (!selects(selected(), event)) {
        return;
      }
      const body = live.querySelector('tbody');
      body.querySelector('tr.empty')?.remove();
      const row = table(columns(), [event], { rowAttributes: e => ({ dataset: { eventId: e.eventId } }) })
        .querySelector('tbody tr');
      body.prepend(row);
      while (body.rows.length > 200) {
        body.deleteRow(-1);
      }
    }, state => { liveState.textContent = state; liveState.dataset.state = state; });
  });

  load(undefined, 'backward');
  if (params.live === 'true') {
    liveToggle.click();
  }
  return () => stopLive && stopLive();
}

/** Whether the selected stream ($all, $ce-, $et- or a name) holds this stored event. */
function selects(stream, event) {
  if (stream === '$all') {
    return true;
  }
  if (stream.startsWith('$ce-')) {
    return event.stream.split('-')[0] === stream.slice(4);
  }
  if (stream.startsWith('$et-')) {
    return event.eventType === stream.slice(4);
  }
  return event.stream === stream;
}

function columns() {
  return [
    ['position', e => e.globalPosition],
    ['stream', e => `${e.stream} @ ${e.streamVersion}`],
    ['type', e => e.eventType],
    ['eventId', e => journeyLink(e.eventId)],
    ['timestamp', e => e.timestamp],
    ['source', e => e.source],
    ['event', e => h('details', {}, h('summary', {}, 'JSON'), json(e))]
  ];
}
