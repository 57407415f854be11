// Subscribers over WebSockets through the gateway. Each VU opens a socket with subprotocol graphql-transport-ws,
// sends connection_init carrying the API key in its payload (browsers cannot set headers on WebSockets), expects
// connection_ack, subscribes to a live query (its first result comes at once, then one per change), holds the socket
// open for HOLD_SECONDS, then completes and closes.
//
// Thresholds, each naming the failure it catches:
//   ws_connection_acked rate==1     a handshake or connection_init refused (bad key, 429 WEBSOCKET_LIMIT, 4403)
//   ws_first_result rate==1         a subscription that never produced its first result (not served, too slow)
//   ws_protocol_errors count==0     an error message, unparsable JSON or an unexpected message type
//   ws_closed_by_server count==0    the server closing a socket we meant to keep (limits, slow consumer 1008, 4403)
//   ws_connection_ack_time, ws_connecting   latency of the handshake and the acknowledgement
//
//   k6 run loadtests/websocket-subscriptions.js
//   SOCKETS=200 HOLD_SECONDS=20 WS_QUERY='subscription { … }' k6 run loadtests/websocket-subscriptions.js
//
// Project limits assumed (see `assumes`): maxWebSockets >= SOCKETS (the meetup demo allows 100); subscriptions per
// project (realtime.maxSubscriptions, default 1000) >= SOCKETS.
//   WS_KEY_IN     "payload" (default: connection_init's payload.apiKey) or "query" (?api_key=)
//   WS_QUERY      the subscription; the default is a live query any anonymous meetup visitor may run
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import { ANON_KEY, GATEWAY_URL, intEnv, requireKey } from './common.js';

const key = requireKey('ANON_KEY', __ENV.KEY || ANON_KEY);
const sockets = intEnv('SOCKETS', 50, 5000);
const holdSeconds = intEnv('HOLD_SECONDS', 10, 300);
const keyIn = __ENV.WS_KEY_IN || 'payload';
const query = __ENV.WS_QUERY || 'subscription { allGroups { totalCount } }';

// Every socket open at once (over it, 429 WEBSOCKET_LIMIT at the handshake).
export const assumes = { maxWebSockets: sockets };

const acked = new Rate('ws_connection_acked');
const ackTime = new Trend('ws_connection_ack_time', true);
const protocolErrors = new Counter('ws_protocol_errors');
const earlyCloses = new Counter('ws_closed_by_server');
const events = new Counter('ws_subscription_events');
const firstResult = new Rate('ws_first_result');

export const options = {
  scenarios: {
    subscribers: {
      executor: 'per-vu-iterations',
      vus: sockets,
      iterations: 1,
      // Each iteration holds its socket for HOLD_SECONDS; the cap keeps a stuck handshake from running on. Sized from
      // the hold, not from DURATION: a shorter DURATION would cut every socket before its hold ends.
      maxDuration: `${holdSeconds + 30}s`,
      gracefulStop: '10s',
    },
  },
  thresholds: {
    ws_connection_acked: ['rate==1'],
    ws_first_result: ['rate==1'],
    ws_connection_ack_time: ['p(95)<500', 'p(99)<1000'],
    ws_connecting: ['p(95)<500'],
    ws_protocol_errors: ['count==0'],
    ws_closed_by_server: ['count==0'],
    checks: ['rate==1'],
  },
};
const base = GATEWAY_URL.replace(/^http/, 'ws');
const url = keyIn === 'query' ? `${base}/graphql?api_key=${encodeURIComponent(key)}` : `${base}/graphql`;
const initPayload = keyIn === 'query' ? {} : { apiKey: key };

// Header names come back in whatever case the Go side canonicalised them to.
function header(res, name) {
  const wanted = name.toLowerCase();
  const found = Object.keys(res.headers || {}).find((h) => h.toLowerCase() === wanted);
  return found ? res.headers[found] : undefined;
}

export default function () {
  let ackedAt = 0;
  let results = 0;
  let closingOurselves = false;
  const opened = Date.now();

  const res = ws.connect(url, { headers: { 'Sec-WebSocket-Protocol': 'graphql-transport-ws' } }, (socket) => {
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init', payload: initPayload }));
    });

    socket.on('message', (raw) => {
      let msg;
      try {
        msg = JSON.parse(raw);
      } catch (e) {
        protocolErrors.add(1, { reason: 'not json' });
        return;
      }
      switch (msg.type) {
        case 'connection_ack':
          ackedAt = Date.now();
          ackTime.add(ackedAt - opened);
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
          break;
        case 'ping':
          socket.send(JSON.stringify({ type: 'pong' }));
          break;
        case 'pong':
          break;
        case 'next':
          results++;
          events.add(1);
          break;
        case 'error':
          protocolErrors.add(1, { reason: 'error message' });
          break;
        case 'complete':
          break;
        default:
          protocolErrors.add(1, { reason: `unexpected type ${msg.type}` });
      }
    });

    socket.on('close', () => {
      if (!closingOurselves) {
        earlyCloses.add(1);
      }
    });

    socket.on('error', () => {
      protocolErrors.add(1, { reason: 'socket error' });
    });

    // Socket timers belong to this connection (no global setTimeout in k6 v0.48).
    socket.setTimeout(() => {
      if (ackedAt === 0) {
        return;
      }
      socket.send(JSON.stringify({ id: '1', type: 'complete' }));
      closingOurselves = true;
      socket.close();
    }, holdSeconds * 1000);

    // A server that never acknowledges gets closed after 10 s instead of holding the VU for the whole run.
    socket.setTimeout(() => {
      if (ackedAt === 0) {
        closingOurselves = true;
        socket.close();
      }
    }, 10000);
  });

  acked.add(ackedAt > 0);
  firstResult.add(results > 0);
  check(res, {
    'upgraded (101)': (r) => r && r.status === 101,
    'subprotocol graphql-transport-ws': (r) => r && header(r, 'Sec-WebSocket-Protocol') === 'graphql-transport-ws',
  });
}
