// Rules: the subscriber table as the router loaded it (file, last reload, errors); a tester (paste or pick an event,
// see which subscribers match it and why the others do not); a preview of a candidate pattern over the last N stored
// events, next to what the current table does with them.
import { previewRule, rules, storedEvent, testRules } from './api.js';
import { h, journeyLink, json, message, parseJson, table } from './dom.js';

const EXAMPLE_EVENT = {
  eventId: '7f1c2f9e-3b1a-4c5d-9e8f-1a2b3c4d5e6f', eventType: 'OrderCreated', timestamp: '2024-01-01T00:00:00Z',
  source: 'order-service', data: { orderId: '12345', customerId: '67890', amount: 99.99 }
};

export function render(main) {
  const loaded = h('section', { id: 'rules-table' });

  const event = h('textarea', { id: 'tester-event', rows: 8 }, JSON.stringify(EXAMPLE_EVENT, null, 2));
  const pick = h('input', { id: 'tester-pick', placeholder: 'eventId of a stored event' });
  const testResult = h('div', { id: 'tester-result' });
  const tester = h('form', { class: 'panel', id: 'tester-form' }, h('h2', {}, 'Test an event'),
    h('div', { class: 'toolbar' }, h('label', { class: 'grow' }, 'pick ', pick),
      h('button', { type: 'button', id: 'tester-load' }, 'Load stored event')),
    h('label', { class: 'block' }, 'event ', event),
    h('button', { type: 'submit', id: 'tester-submit' }, 'Which subscribers match?'), testResult);

  const pattern = h('textarea', { id: 'preview-pattern', rows: 5,
    placeholder: '{"eventType": ["OrderCreated"], "data": {"amount": [{"numeric": [">", 500]}]}}' });
  const last = h('input', { id: 'preview-last', type: 'number', min: 1, max: 10000, value: 100 });
  const previewResult = h('div', { id: 'preview-result' });
  const preview = h('form', { class: 'panel', id: 'preview-form' }, h('h2', {}, 'Preview a candidate pattern'),
    h('label', { class: 'block' }, 'pattern ', pattern),
    h('div', { class: 'toolbar' }, h('label', {}, 'over the last ', last, ' stored events'),
      h('button', { type: 'submit', id: 'preview-submit' }, 'Preview')), previewResult);

  main.append(h('h1', {}, 'Rules'), loaded, tester, preview);

  rules().then(answer => loaded.replaceChildren(...loadedTable(answer)))
    .catch(e => message(`Rules: ${e.message}`));

  tester.querySelector('#tester-load').addEventListener('click', async () => {
    try {
      const stored = await storedEvent(pick.value.trim());
      event.value = JSON.stringify(stored, null, 2);
    } catch (e) {
      message(`Load: ${e.message}`);
    }
  });
  tester.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      testResult.replaceChildren(...verdicts(await testRules(parseJson(event.value, 'The event'))));
    } catch (error) {
      message(`Test: ${error.message}`);
    }
  });
  preview.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      previewResult.replaceChildren(...previewed(await previewRule(parseJson(pattern.value, 'The pattern'),
        Number(last.value))));
    } catch (error) {
      message(`Preview: ${error.message}`);
    }
  });
}

function loadedTable(answer) {
  const subscribers = answer.subscribers || [];
  const about = Object.entries(answer).filter(([key]) => key !== 'subscribers');
  return [
    h('dl', { class: 'about' }, about.flatMap(([key, value]) => [h('dt', {}, key),
      h('dd', { class: key === 'errors' && value && value.length ? 'error' : '' },
        typeof value === 'object' && value !== null ? JSON.stringify(value) : value)])),
    table([
      ['subscriber', s => s.name],
      ['pattern', s => h('code', {}, JSON.stringify(s.pattern))],
      ['goes to', s => s.target || s.topic || s.to],
      ['format', s => s.format || 'envelope']
    ], subscribers, { id: 'rules-subscribers', empty: 'no subscribers', rowAttributes: s => ({ dataset: { subscriber: s.name } }) })
  ];
}

function verdicts(answer) {
  const results = answer.subscribers || answer.results || [];
  return [table([
    ['subscriber', r => r.name || r.subscriber],
    ['matches', r => h('span', { class: r.matched ? 'outcome ok' : 'outcome no' }, r.matched ? 'yes' : 'no')],
    ['why not', r => r.reason || r.why || '']
  ], results, { id: 'tester-table', rowAttributes: r => ({ dataset: { subscriber: r.name || r.subscriber,
    matched: String(!!r.matched) } }) }), h('details', {}, h('summary', {}, 'JSON'), json(answer))];
}

function previewed(answer) {
  const events = answer.matched || answer.matches || answer.events || [];
  return [
    h('p', { id: 'preview-summary' }, `${events.length} of the last ${answer.scanned ?? answer.last ?? '?'} stored events match`),
    table([
      ['position', e => e.globalPosition],
      ['stream', e => e.stream],
      ['type', e => e.eventType],
      ['eventId', e => journeyLink(e.eventId)],
      ['today goes to', e => (e.currentSubscribers || e.subscribers || []).join(', ')]
    ], events, { id: 'preview-table', empty: 'no stored event matches',
      rowAttributes: e => ({ dataset: { eventId: e.eventId } }) }),
    h('details', {}, h('summary', {}, 'JSON'), json(answer))
  ];
}
