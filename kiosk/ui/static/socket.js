// The one WebSocket to the daemon (ws://<host>/ui/socket). Messages are proto3
// canonical JSON: UiRequest out, UiUpdate in. Reconnects by itself with a
// growing pause; the page is never reloaded (a reload would lose what the agent
// is typing, and the daemon keeps the state anyway).
//
// The daemon opens the socket only to a page that shows this start's token: the
// browser is started on the address in DATA_DIR/page-url, whose fragment is
// "#token=<hex>". A fragment is never sent in an HTTP request or a Referer. The
// token goes to the daemon as a second offered subprotocol
// ("minegate-token.<hex>") rather than as a ?token= query on the socket's URL,
// so that it is not part of any request line either; the daemon answers with
// "minegate-ui-v1" only and never echoes it.

const REPLY_TIMEOUT_MS = 15000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;
const UI_PROTOCOL = 'minegate-ui-v1';
const TOKEN_PROTOCOL_PREFIX = 'minegate-token.';

/// The page token from the address's fragment ("#token=<32 hex digits>"), or ''.
export function pageToken() {
  const match = /(?:^#|&)token=([0-9a-f]{32})(?:&|$)/.exec(location.hash);
  return match ? match[1] : '';
}

export class KioskSocket {
  constructor({ onState, onTap, onConnection }) {
    this.onState = onState;
    this.onTap = onTap;
    this.onConnection = onConnection;
    this.ws = null;
    this.nextId = 1;
    this.pending = new Map();
    this.retryMs = RETRY_MIN_MS;
    this.connected = false;
  }

  connect() {
    const token = pageToken();
    const ws = new WebSocket(`ws://${location.host}/ui/socket`, [UI_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token]);
    this.ws = ws;
    ws.addEventListener('open', () => {
      this.retryMs = RETRY_MIN_MS;
      this.setConnected(true);
    });
    ws.addEventListener('message', (event) => this.receive(event.data));
    ws.addEventListener('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.setConnected(false);
      this.failPending('UI_ERROR_CODE_CONNECTION_LOST');
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    });
    // An error is always followed by close, which schedules the retry.
    ws.addEventListener('error', () => {});
  }

  setConnected(value) {
    if (this.connected === value) return;
    this.connected = value;
    this.onConnection(value);
  }

  receive(text) {
    let update;
    try {
      update = JSON.parse(text);
    } catch (error) {
      console.warn('UiUpdate illisible / unreadable', error);
      return;
    }
    if (update.state) this.onState(update.state);
    else if (update.tap) this.onTap(update.tap);
    else if (update.reply) {
      const id = String(update.reply.requestId ?? '0');
      const waiter = this.pending.get(id);
      if (waiter) {
        this.pending.delete(id);
        clearTimeout(waiter.timer);
        waiter.resolve(update.reply);
      }
    }
  }

  failPending(code) {
    for (const [, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.resolve({ ok: false, error: code });
    }
    this.pending.clear();
  }

  /// Sends one UiRequest ({signIn: {...}} etc.) and resolves with its UiReply.
  /// Never rejects: a lost connection or a timeout resolves as a failed reply.
  request(body) {
    const id = String(this.nextId++);
    return new Promise((resolve) => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        resolve({ ok: false, error: 'UI_ERROR_CODE_CONNECTION_LOST' });
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: 'UI_ERROR_CODE_NO_ANSWER' });
      }, REPLY_TIMEOUT_MS);
      this.pending.set(id, { resolve, timer });
      this.ws.send(JSON.stringify({ requestId: id, ...body }));
    });
  }
}
