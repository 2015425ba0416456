// Small DOM helpers shared by the views: elements built with text nodes only (never innerHTML), so no stored event
// or dead letter can inject markup into the page.

/** h('td', {class: 'x', dataset: {eventId}}, 'text', childNode, ...) */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'dataset') {
      for (const [name, data] of Object.entries(value)) {
        if (data !== undefined && data !== null) {
          element.dataset[name] = data;
        }
      }
    } else if (key.startsWith('on')) {
      element.addEventListener(key.slice(2), value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else {
      element.setAttribute(key, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
}

/**
 * A table: columns are [heading, row => cell content]; rowAttributes(row) gives each row's attributes. An empty list
 * shows `empty` in one cell.
 */
export function table(columns, rows, { rowAttributes = () => ({}), empty = 'nothing', id } = {}) {
  return h('table', { id },
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', {}, heading)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, empty))
      : rows.map(row => h('tr', rowAttributes(row), columns.map(([, cell]) => h('td', {}, cell(row)))))));
}

/** The columns a dead letter is listed with, in every view that lists them; `more` go between reason and attempts. */
export function deadLetterColumns(more = []) {
  return [
    ['id', d => d.id],
    ['at', d => time(d.createdAt)],
    ['kind', d => d.kind],
    ['subscription', d => d.subscription],
    ['stage', d => d.stage],
    ['reason', d => h('span', { class: 'reason' }, d.reason)],
    ...more,
    ['attempts', d => d.attempts],
    ['redriven', d => time(d.redrivenAt)]
  ];
}

/** JSON, indented, in a <pre>. */
export function json(value, attributes) {
  return h('pre', { class: 'json', ...attributes }, JSON.stringify(value, null, 2));
}

export function time(value) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : h('time', { datetime: value, title: value },
    date.toLocaleString(undefined, { hour12: false }));
}

export function link(href, text, attributes) {
  return h('a', { href, ...attributes }, text);
}

export function journeyLink(eventId) {
  return link(`#journey/${encodeURIComponent(eventId)}`, eventId, { class: 'event-id' });
}

/** Shows a failure (or clears the message with null) in the bar under the navigation. */
export function message(text, kind = 'error') {
  const bar = document.getElementById('message');
  bar.hidden = !text;
  bar.className = kind;
  bar.textContent = text || '';
}

/** A pattern or event typed by the operator, parsed; throws naming the field when it is not JSON. */
export function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not JSON: ${e.message}`);
  }
}
