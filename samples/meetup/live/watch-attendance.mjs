// Prints an event's title and attendance count now and each time it changes: a live query (a subscription over a
// query field) on the platform's graphql-transport-ws endpoint, the API key in connection_init's payload.
//   node watch-attendance.mjs GATEWAY_URL ANON_KEY EVENT_ID [TOKEN]
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';

const [gateway, apiKey, eventId, token] = process.argv.slice(2);
if (!gateway || !apiKey || !eventId) {
  console.error('usage: node watch-attendance.mjs GATEWAY_URL ANON_KEY EVENT_ID [TOKEN]');
  process.exit(2);
}

const client = createClient({
  url: gateway.replace(/^http/, 'ws') + '/graphql',
  webSocketImpl: WebSocket,
  connectionParams: token ? { apiKey, Authorization: `Bearer ${token}` } : { apiKey },
});

client.subscribe(
  {
    query: 'subscription ($id: Int!) { eventById(id: $id) { title attendancesByEventId { totalCount } } }',
    variables: { id: Number(eventId) },
  },
  {
    next: ({ data, errors }) => console.log(JSON.stringify(errors ? { errors } : data.eventById)),
    error: (e) => {
      console.error(JSON.stringify(e.code ? { code: e.code, reason: e.reason } : e));
      process.exit(1);
    },
    complete: () => process.exit(0),
  },
);
