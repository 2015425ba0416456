// Dead letters: what ingest or a store-driven subscriber refused, filtered by kind, subscription and stage, with its
// payload and headers; redrive the selected ones or all pending ones the filter selects.
import { deadLetters, redrive } from './api.js';
import { deadLetterColumns, h, journeyLink, json, message, table } from './dom.js';

export function render(main, params) {
  const kind = h('select', { id: 'dlq-kind' }, ['', 'ingest', 'subscriber'].map(value =>
    h('option', { value, selected: value === (params.kind || '') }, value || 'any kind')));
  const subscription = h('input', { id: 'dlq-subscription', placeholder: 'subscription', value: params.subscription || '' });
  const stage = h('select', { id: 'dlq-stage' }, h('option', { value: '' }, 'any stage'));
  const pending = h('input', { type: 'checkbox', id: 'dlq-pending', checked: params.pending !== 'false' });
  const list = h('section', { id: 'dlq-list' });
  const selectedButton = h('button', { type: 'button', id: 'redrive-selected' }, 'Redrive selected');
  const allButton = h('button', { type: 'button', id: 'redrive-all' }, 'Redrive all pending');
  const result = h('div', { id: 'redrive-result' });
  const form = h('form', { class: 'toolbar', id: 'dlq-form' }, kind, subscription, stage,
    h('label', {}, pending, ' pending only'), h('button', { type: 'submit' }, 'Show'));
  main.append(h('h1', {}, 'Dead letters'), form, h('div', { class: 'toolbar' }, selectedButton, allButton), result, list);

  let entries = [];
  const load = async () => {
    try {
      entries = await deadLetters({ kind: kind.value, subscription: subscription.value.trim(), pending: pending.checked });
      const stages = [...new Set(entries.map(d => d.stage))].sort();
      const chosen = stage.value;
      stage.replaceChildren(h('option', { value: '' }, 'any stage'),
        ...stages.map(s => h('option', { value: s, selected: s === chosen }, s)));
      const shown = entries.filter(d => !stage.value || d.stage === stage.value);
      list.replaceChildren(table([
        ['', d => h('input', { type: 'checkbox', class: 'dlq-select', value: d.id, disabled: !!d.redrivenAt,
          'aria-label': `select dead letter ${d.id}` })],
        ...deadLetterColumns([['event', d => d.eventId ? journeyLink(d.eventId) : '']]),
        ['payload and headers', d => h('details', {}, h('summary', {}, 'show'),
          h('h4', {}, 'payload'), payload(d.payload), h('h4', {}, 'headers'), json(d.headers || {}),
          h('h4', {}, 'source'), json(d.source || {}))]
      ], shown, {
        id: 'dlq-table', empty: 'no dead letters',
        rowAttributes: d => ({ dataset: { id: d.id, eventId: d.eventId || '' }, class: d.redrivenAt ? 'done' : '' })
      }));
    } catch (e) {
      message(`Dead letters: ${e.message}`);
    }
  };
  const run = async request => {
    try {
      const answer = await redrive(request);
      const skipped = (answer.skipped || []).map(s => `${s.id}: ${s.reason}`).join('; ');
      result.replaceChildren(h('p', { class: 'info' }, `Redriven: ${(answer.redriven || []).join(', ') || 'none'}`
        + (skipped ? `. Skipped: ${skipped}` : '')));
      await load();
    } catch (e) {
      message(`Redrive: ${e.message}`);
    }
  };

  form.addEventListener('submit', e => {
    e.preventDefault();
    load();
  });
  stage.addEventListener('change', load);
  selectedButton.addEventListener('click', () => {
    const ids = [...list.querySelectorAll('.dlq-select:checked')].map(box => Number(box.value));
    if (ids.length === 0) {
      message('Select the dead letters to redrive first.', 'info');
      return;
    }
    run({ ids });
  });
  allButton.addEventListener('click', () => {
    const scope = [kind.value || 'any kind', subscription.value.trim()].filter(Boolean).join(', ');
    if (confirm(`Redrive every pending dead letter (${scope})?`)) {
      run({ all: { kind: kind.value, subscription: subscription.value.trim() } });
    }
  });
  load();
}

/** The payload as sent (base64 in the answer): JSON indented when it is JSON, else its text. */
function payload(base64) {
  if (!base64) {
    return h('p', { class: 'quiet' }, 'none');
  }
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  try {
    return json(JSON.parse(text), { class: 'json payload' });
  } catch (e) {
    return h('pre', { class: 'payload' }, text);
  }
}
