// Every call the console makes to the router, grouped by the view that makes it: the one place to adjust when an
// answer's shape changes (docs/http-api.md).

const TOKEN_KEY = 'eda-router.token';

/** The API's root: the path the console is served under, without /console (camel.server.path may add a prefix). */
export const root = location.pathname.replace(/\/console(\/.*)?$/, '');

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.detail ? `${body.error}: ${body.detail}` : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

let asking = null;
let declined = false;

/** After a cancelled prompt the console stops asking (views refresh every few seconds) until the next view. */
export function mayAskForToken() {
  declined = false;
}

/** Asks the operator for the token once, however many calls were refused meanwhile; resolves false on cancel. */
function askForToken(refused) {
  if (declined) {
    return Promise.resolve(false);
  }
  if (!asking) {
    const dialog = document.getElementById('token-dialog');
    const input = document.getElementById('token-input');
    document.getElementById('token-refused').hidden = !refused;
    input.value = '';
    asking = new Promise(resolve => {
      const done = ok => {
        dialog.removeEventListener('close', onClose);
        document.getElementById('token-cancel').onclick = null;
        asking = null;
        resolve(ok);
      };
      const onClose = () => {
        if (dialog.returnValue === 'ok' && input.value) {
          sessionStorage.setItem(TOKEN_KEY, input.value);
          done(true);
        } else {
          declined = true;
          done(false);
        }
      };
      dialog.addEventListener('close', onClose);
      document.getElementById('token-cancel').onclick = () => dialog.close('cancel');
      dialog.returnValue = '';
      dialog.showModal();
      input.focus();
    });
  }
  return asking;
}

/** A call to the API; a 401 asks for the token and tries again with it. Answers the parsed JSON (or null). */
export async function call(method, path, body) {
  for (;;) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (token()) {
      headers.Authorization = `Bearer ${token()}`;
    }
    const response = await fetch(root + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store'
    });
    if (response.status === 401) {
      const hadToken = !!token();
      if (await askForToken(hadToken)) {
        continue;
      }
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = { error: 'not-json', detail: text.slice(0, 200) };
    }
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }
    return json;
  }
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// --- Overview ---

/**
 * {eventsInPerSecond, eventsOutPerSecond (null until the router has two samples), headPosition,
 * subscriptions: [{name, checkpoint, lag}], deadLettersPending, readiness: {status, down: [check ids]}}
 */
export const overview = () => call('GET', '/overview');

// --- Events ---

/**
 * A page of stored events of $all, $ce-<category>, $et-<type> or a stream: {events, next}. With a pattern (an
 * EventBridge pattern as text) the router searches, and next is where the search goes on the same way (null: no
 * further); without one, next is undefined and the page's own positions tell where to go on.
 */
export async function readStream(stream, { from, limit, direction, pattern } = {}) {
  const answer = await call('GET', `/streams/${encodeURIComponent(stream)}${query({ from, limit, direction, pattern })}`);
  return Array.isArray(answer) ? { events: answer, next: undefined } : { events: answer.events, next: answer.next };
}

export const storedEvent = eventId => call('GET', `/events/${encodeURIComponent(eventId)}`);

/**
 * Follows the newly stored events (server-sent events, each a stored event as JSON). EventSource sends no headers, so
 * the token goes as ?token=; a refused stream closes, and a call with the token tells whether it was the token.
 */
export function liveEvents(pattern, onEvent, onState) {
  let source = null;
  let stopped = false;
  const open = () => {
    source = new EventSource(root + '/events/live' + query({ pattern, token: token() }));
    source.onopen = () => onState('live');
    source.onmessage = message => onEvent(JSON.parse(message.data));
    source.onerror = async () => {
      if (stopped || source.readyState !== EventSource.CLOSED) {
        onState('reconnecting');
        return;
      }
      onState('closed');
      const probe = await fetch(root + '/events/live', {
        headers: token() ? { Authorization: `Bearer ${token()}` } : {}, signal: AbortSignal.timeout(2000)
      }).catch(() => null);
      if (probe && probe.body) {
        probe.body.cancel();
      }
      if (!stopped && probe && probe.status === 401 && await askForToken(!!token())) {
        open();
      }
    };
  };
  open();
  return () => {
    stopped = true;
    source.close();
  };
}

// --- Event journey ---

/**
 * {eventId, received: {system, topic, partition, offset | messageId, receivedAt}, stored: {stream, version,
 * globalPosition, eventType, recordedAt}, dispatch: [{subscriber, target, dispatchedAt, outcome}],
 * subscriptions: [{name, stream, selected, delivered, checkpoint, deadLetters: [ids]}], deadLetters: [as GET /dlq]}
 */
export const journey = eventId => call('GET', `/events/${encodeURIComponent(eventId)}/journey`);

// --- Subscriptions ---

export const subscriptions = () => call('GET', '/subscriptions');

/** from: {fromPosition: N} or {fromTime: ISO-8601}; pattern: an object or undefined. */
export const replay = (name, from, pattern) =>
  call('POST', `/subscriptions/${encodeURIComponent(name)}/replay`, pattern ? { ...from, pattern } : from);

// --- Dead letters ---

export const deadLetters = ({ kind, subscription, pending }) =>
  call('GET', `/dlq${query({ kind, subscription, pending, payload: true, limit: 1000 })}`);

/** ids: the entries to redrive; or all: {kind, subscription} (the pending ones the filter selects). */
export const redrive = ({ ids, all }) =>
  call('POST', '/dlq/redrive', ids ? { ids } : { all: true, ...withoutBlanks(all) });

// --- Rules ---

/** {file, lastReload, errors: [text], subscribers: [{name, pattern, target, format, line}]} */
export const rules = () => call('GET', '/rules');

/** {subscribers: [{name, matched, why: {field, pattern, value} | {pattern}}]} */
export const testRules = event => call('POST', '/rules/test', { event });

/**
 * {scanned, candidateMatches, events: [{globalPosition, stream, eventId, eventType, recordedAt, candidate,
 * subscribers, event}]}: the last stored events, newest first, whether the candidate matches each, and which
 * subscribers of the current table do.
 */
export const previewRule = (pattern, last) => call('POST', '/rules/preview', { pattern, last });

function withoutBlanks(object) {
  return Object.fromEntries(Object.entries(object || {}).filter(([, value]) => value !== undefined && value !== ''));
}
