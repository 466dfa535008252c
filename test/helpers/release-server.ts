import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';

export interface ReleaseServer {
  /** Serves the files whole, or from a `Range: bytes=N-` offset (206), as release hosts do. */
  okUrl: string;
  /** Announces the full length, sends the first half, then drops the connection. */
  truncatingUrl: string;
  /** Answers 404 for everything. */
  missingUrl: string;
  /** The Range header of every request to `okUrl` (null when there was none). */
  ranges: (string | null)[];
  close(): Promise<void>;
}

/** A stand-in for an upstream release page, on loopback, serving the files of `dir`. */
export async function startReleaseServer(dir: string): Promise<ReleaseServer> {
  const ranges: (string | null)[] = [];
  const server: Server = createServer((request, response) => {
    const [, mode = '', name = ''] = new URL(request.url ?? '/', 'http://x').pathname.split('/');
    let body: Buffer;
    try {
      body = mode === 'missing' ? Buffer.alloc(0) : readFileSync(join(dir, basename(name)));
    } catch {
      body = Buffer.alloc(0);
    }
    if (mode === 'missing' || body.length === 0) return void response.writeHead(404).end('Not Found');
    if (mode === 'truncating') {
      response.writeHead(200, { 'content-length': body.length });
      // Let the first half reach the client before the connection drops, as a real cut-off would.
      response.write(body.subarray(0, body.length >> 1), () => setTimeout(() => response.destroy(), 100));
      return;
    }
    const range = request.headers.range ?? null;
    ranges.push(range);
    const from = range === null ? 0 : Number(/^bytes=(\d+)-$/.exec(range)?.[1] ?? 0);
    if (from >= body.length) return void response.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
    if (range === null) {
      response.writeHead(200, { 'content-length': body.length }).end(body);
    } else {
      response
        .writeHead(206, { 'content-length': body.length - from, 'content-range': `bytes ${from}-${body.length - 1}/${body.length}` })
        .end(body.subarray(from));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    okUrl: `${base}/ok`,
    truncatingUrl: `${base}/truncating`,
    missingUrl: `${base}/missing`,
    ranges,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
