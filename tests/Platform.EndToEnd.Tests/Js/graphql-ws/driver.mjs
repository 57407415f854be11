// Reads one JSON command per line on stdin and writes one JSON event per line on stdout.
// Clients made with graphql-ws's createClient ("client"), or raw ws sockets ("raw") for messages no client would send.
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';

const clients = new Map();
const raws = new Map();
const subscriptions = new Map();
const emit = (event) => process.stdout.write(JSON.stringify({ at: Date.now(), ...event }) + '\n');

function errorOf(e) {
  if (Array.isArray(e)) return { errors: e };
  if (e && typeof e.code === 'number') return { code: e.code, reason: e.reason };
  return { message: String(e && e.message ? e.message : e) };
}

const handlers = {
  client({ name, url, params, retry }) {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      connectionParams: params,
      retryAttempts: retry ? 200 : 0,
      shouldRetry: () => !!retry,
      retryWait: async () => new Promise((r) => setTimeout(r, 500)),
      onNonLazyError: (e) => emit({ event: 'nonlazy-error', client: name, ...errorOf(e) }),
      on: {
        connected: () => emit({ event: 'connected', client: name }),
        closed: (e) => emit({ event: 'closed', client: name, code: e?.code, reason: e?.reason }),
      },
    });
    clients.set(name, client);
  },
  subscribe({ client, id, payload }) {
    const stop = clients.get(client).subscribe(payload, {
      next: (value) => emit({ event: 'next', id, payload: value }),
      error: (e) => emit({ event: 'error', id, ...errorOf(e) }),
      complete: () => emit({ event: 'complete', id }),
    });
    subscriptions.set(id, stop);
  },
  unsubscribe({ id }) {
    subscriptions.get(id)?.();
  },
  dispose({ client }) {
    clients.get(client)?.dispose();
  },
  // quiet: "next" messages are only counted (the count comes with the close), for floods.
  raw({ name, url, quiet }) {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    raws.set(name, ws);
    let nexts = 0;
    ws.on('open', () => emit({ event: 'open', client: name }));
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (quiet && message.type === 'next') nexts++;
      else emit({ event: 'message', client: name, data: message });
    });
    ws.on('close', (code, reason) => emit({ event: 'closed', client: name, code, reason: reason.toString(), nexts }));
    ws.on('error', (e) => emit({ event: 'socket-error', client: name, message: e.message }));
  },
  send({ client, text }) {
    raws.get(client).send(text);
  },
  // A client that stops reading: the socket's incoming data is no longer consumed.
  pause({ client }) {
    raws.get(client)._socket.pause();
  },
  resume({ client }) {
    raws.get(client)._socket.resume();
  },
  exit() {
    process.exit(0);
  },
};

createInterface({ input: process.stdin }).on('line', (line) => {
  try {
    const command = JSON.parse(line);
    handlers[command.cmd](command);
  } catch (e) {
    emit({ event: 'driver-error', message: String(e && e.stack ? e.stack : e) });
  }
});
process.stdin.on('end', () => process.exit(0));
emit({ event: 'ready' });
