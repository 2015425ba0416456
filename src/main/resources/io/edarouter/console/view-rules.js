// Rules: the subscriber table as the router loaded it (file, last reload, errors); a tester (paste or pick an event,
// see which subscribers match it and why the others do not); a preview of a candidate pattern over the last N stored
// events, next to what the current table does with them.
import { previewRule, rules, storedEvent, testRules } from './api.js';
import { h, journeyLink, json, message, parseJson, table, time } from './dom.js';

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
  const subscribers = answer.subscribers;
  return [
    h('dl', { class: 'about' },
      h('dt', {}, 'file'), h('dd', { id: 'rules-file' }, answer.file || 'no subscriber table loaded'),
      h('dt', {}, 'last reload'), h('dd', {}, time(answer.lastReload)),
      h('dt', {}, 'errors'), h('dd', { id: 'rules-errors', class: answer.errors.length ? 'error' : '' },
        answer.errors.length ? answer.errors.join('; ') : 'none')),
    table([
      ['subscriber', s => s.name],
      ['pattern', s => h('code', {}, JSON.stringify(s.pattern))],
      ['goes to', s => s.target],
      ['format', s => s.format],
      ['line', s => s.line]
    ], subscribers, { id: 'rules-subscribers', empty: 'no subscribers', rowAttributes: s => ({ dataset: { subscriber: s.name } }) })
  ];
}

function verdicts(answer) {
  return [table([
    ['subscriber', r => r.name],
    ['matches', r => h('span', { class: r.matched ? 'outcome ok' : 'outcome no' }, r.matched ? 'yes' : 'no')],
    ['why not', r => whyNot(r.why)]
  ], answer.subscribers, {
    id: 'tester-table', empty: 'no subscribers',
    rowAttributes: r => ({ dataset: { subscriber: r.name, matched: String(r.matched) } })
  })];
}

/** {field, pattern, value}: the first field the event fails on; {pattern}: only the whole pattern tells. */
function whyNot(why) {
  if (!why) {
    return '';
  }
  if (!why.field) {
    return h('span', {}, 'the pattern as a whole: ', h('code', {}, JSON.stringify(why.pattern)));
  }
  return h('span', {}, h('code', {}, why.field), ' is ', h('code', {}, why.value === undefined ? 'absent'
    : JSON.stringify(why.value)), ', the pattern wants ', h('code', {}, JSON.stringify(why.pattern)));
}

function previewed(answer) {
  return [
    h('p', { id: 'preview-summary' },
      `The candidate matches ${answer.candidateMatches} of the last ${answer.scanned} stored events.`),
    table([
      ['candidate', e => h('span', { class: e.candidate ? 'outcome ok' : 'outcome no' }, e.candidate ? 'matches' : 'no')],
      ['position', e => e.globalPosition],
      ['stream', e => e.stream],
      ['type', e => e.eventType],
      ['eventId', e => journeyLink(e.eventId)],
      ['today goes to', e => e.subscribers.join(', ') || h('span', { class: 'quiet' }, 'no subscriber')],
      ['event', e => h('details', {}, h('summary', {}, 'JSON'), json(e.event))]
    ], answer.events, {
      id: 'preview-table', empty: 'no stored events yet',
      rowAttributes: e => ({ dataset: { eventId: e.eventId, candidate: String(e.candidate) },
        class: e.candidate ? 'candidate' : 'quiet' })
    })
  ];
}
