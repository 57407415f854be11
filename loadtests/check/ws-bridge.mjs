// One WebSocket for a virtual user of the k6 stand-in (k6-stubs.mjs): the handshake through node:http so its status
// and headers reach the script as k6 reports them, then RFC 6455 text/ping/pong/close frames (client frames masked).
// Events go out as JSON lines on the first FIFO; commands (send, ping, close, timer, exit) come in on the second.
//   node ws-bridge.mjs URL HEADERS_JSON EVENTS_FIFO COMMANDS_FIFO
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

const [url, headersJson, eventsPath, commandsPath] = process.argv.slice(2);
// Same order as the stub opens them, or both sides wait for each other forever.
const eventsFd = fs.openSync(eventsPath, 'w');
const commandsFd = fs.openSync(commandsPath, 'r');
const emit = (ev) => fs.writeSync(eventsFd, JSON.stringify(ev) + '\n');
let socket = null;
let closed = false;
// A close frame goes out once: the answer to the server's, or ours that the server's then answers (RFC 6455 5.5.1).
let closeSent = false;

function finish(code) {
  if (closed) return;
  closed = true;
  emit({ ev: 'close', code });
}

function frame(opcode, payload) {
  const data = Buffer.from(payload);
  const mask = crypto.randomBytes(4);
  const len = data.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, 0x80 | len])
    : len < 65536 ? Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 255])
      : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
  const masked = Buffer.alloc(len);
  for (let i = 0; i < len; i++) masked[i] = data[i] ^ mask[i % 4];
  return Buffer.concat([head, mask, masked]);
}

let inbound = Buffer.alloc(0);
let fragments = [];
function onData(chunk) {
  inbound = Buffer.concat([inbound, chunk]);
  for (;;) {
    if (inbound.length < 2) return;
    const fin = (inbound[0] & 0x80) !== 0;
    const opcode = inbound[0] & 0x0f;
    let len = inbound[1] & 0x7f;
    let offset = 2;
    if (len === 126) {
      if (inbound.length < 4) return;
      len = inbound.readUInt16BE(2);
      offset = 4;
    } else if (len === 127) {
      if (inbound.length < 10) return;
      len = Number(inbound.readBigUInt64BE(2));
      offset = 10;
    }
    if (inbound.length < offset + len) return;
    const payload = inbound.subarray(offset, offset + len);
    inbound = inbound.subarray(offset + len);
    if (opcode === 0x8) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      if (!closeSent) {
        closeSent = true;
        socket.write(frame(0x8, payload.subarray(0, 2)));
      }
      finish(code);
      socket.end();
    } else if (opcode === 0x9) {
      socket.write(frame(0xa, payload));
      emit({ ev: 'ping' });
    } else if (opcode === 0xa) {
      emit({ ev: 'pong' });
    } else {
      fragments.push(payload);
      if (fin) {
        emit({ ev: 'message', data: Buffer.concat(fragments).toString('utf8') });
        fragments = [];
      }
    }
  }
}

const target = new URL(url.replace(/^ws/, 'http'));
const headers = {
  ...JSON.parse(headersJson),
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64'),
};
const req = http.request({ hostname: target.hostname, port: target.port, path: target.pathname + target.search, headers });
req.on('upgrade', (res, sock, head) => {
  socket = sock;
  emit({ ev: 'handshake', status: res.statusCode, headers: res.headers });
  sock.on('data', onData);
  sock.on('close', () => finish(1006));
  sock.on('error', (e) => emit({ ev: 'error', message: e.message }));
  if (head && head.length) onData(head);
});
req.on('response', (res) => {
  emit({ ev: 'handshake', status: res.statusCode, headers: res.headers });
  res.resume();
  res.on('end', () => finish(1006));
});
req.on('error', (e) => {
  emit({ ev: 'handshake', status: 0, headers: {} });
  emit({ ev: 'error', message: e.message });
  finish(1006);
});
req.end();

const timers = new Set();
let pending = '';
const commands = fs.createReadStream(null, { fd: commandsFd, encoding: 'utf8' });
commands.on('data', (chunk) => {
  pending += chunk;
  for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
    const cmd = JSON.parse(pending.slice(0, nl));
    pending = pending.slice(nl + 1);
    if (cmd.op === 'send' && socket && !closed && !closeSent) socket.write(frame(0x1, cmd.data));
    else if (cmd.op === 'ping' && socket && !closed) socket.write(frame(0x9, ''));
    else if (cmd.op === 'close') {
      if (socket && !closed && !closeSent) {
        closeSent = true;
        const code = Buffer.alloc(2);
        code.writeUInt16BE(cmd.code || 1000);
        socket.write(frame(0x8, code));
        // The server's close frame ends it; a server that never answers is not waited on for long.
        setTimeout(() => { finish(cmd.code || 1000); socket.destroy(); }, 2000).unref();
      } else if (!closeSent) finish(cmd.code || 1000);
    } else if (cmd.op === 'timer') {
      const t = setTimeout(() => { timers.delete(t); if (!closed) emit({ ev: 'timer', id: cmd.id }); }, cmd.ms);
      timers.add(t);
    } else if (cmd.op === 'exit') {
      for (const t of timers) clearTimeout(t);
      if (socket) socket.destroy();
      process.exit(0);
    }
  }
});
commands.on('end', () => process.exit(0));
