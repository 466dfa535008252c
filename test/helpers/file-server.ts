import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface FileServer {
  url: string;
  /** Adds a handler for an exact path (takes precedence over files). */
  route(path: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

/**
 * A static file server on 127.0.0.1 standing in for the web hosts audio URLs point at. Serves files
 * under `root`, plus test-defined routes (HTML pages, errors, redirects).
 */
export async function startFileServer(root: string): Promise<FileServer> {
  const routes = new Map<string, RouteHandler>();
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const handler = routes.get(path);
    if (handler) return handler(request, response);
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    try {
      const { size } = statSync(file);
      response.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
