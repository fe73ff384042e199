/* global process, Buffer */
// The reference for bench/charter.mjs: the smallest node:http server answering with fixed bytes
// and headers. Reads {status, headers, bodyBase64} as JSON on stdin, prints its port.
import { createServer } from 'node:http';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { status, headers, bodyBase64 } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const body = Buffer.from(bodyBase64, 'base64');

const server = createServer((req, res) => {
  res.writeHead(status, headers);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
