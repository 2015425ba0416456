// The console's navigation: each view is a module rendering into <main> from the location's hash
// (#events?stream=$all, #journey/<eventId>, ...) and handing back what stops its timers and streams.
import { forgetToken, mayAskForToken, token } from './api.js';
import { message } from './dom.js';
import * as overview from './view-overview.js';
import * as events from './view-events.js';
import * as journey from './view-journey.js';
import * as subscriptions from './view-subscriptions.js';
import * as deadLetters from './view-dead-letters.js';
import * as rules from './view-rules.js';

const VIEWS = { overview, events, journey, subscriptions, 'dead-letters': deadLetters, rules };

let stop = () => {};

function route() {
  const hash = location.hash.slice(1) || 'overview';
  const [pathPart, queryPart] = hash.split('?');
  const [name, ...rest] = pathPart.split('/');
  const view = VIEWS[name] || VIEWS.overview;
  const params = Object.fromEntries(new URLSearchParams(queryPart || ''));
  if (rest.length) {
    params.id = decodeURIComponent(rest.join('/'));
  }
  stop();
  mayAskForToken();
  message(null);
  const main = document.getElementById('view');
  main.replaceChildren();
  main.dataset.view = name in VIEWS ? name : 'overview';
  for (const item of document.querySelectorAll('#nav a')) {
    item.classList.toggle('current', item.dataset.view === main.dataset.view);
  }
  document.getElementById('forget-token').hidden = !token();
  stop = view.render(main, params) || (() => {});
}

document.getElementById('forget-token').addEventListener('click', () => {
  forgetToken();
  route();
});
window.addEventListener('hashchange', route);
route();
