// Small local HTTP and TCP servers for the registry tests: a route table answering JSON, a request
// log, and a server that accepts connections and never answers.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface MockServer {
  url: string;
  requests: Array<{ url: string; accept?: string; authorization?: string }>;
  close(): Promise<void>;
}

export function json(res: ServerResponse, status: number, body: unknown, delayMs = 0): void {
  const send = () => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (delayMs) setTimeout(send, delayMs);
  else send();
}

/** An HTTP server on 127.0.0.1 dispatching on the path; unknown paths go to `fallback`, else answer 404. */
export function mockServer(routes: Record<string, Route>, fallback?: Route): Promise<MockServer> {
  const requests: MockServer['requests'] = [];
  const server: Server = createHttpServer((req, res) => {
    requests.push({ url: req.url ?? '', accept: req.headers.accept, authorization: req.headers.authorization });
    const route = routes[(req.url ?? '').split('?')[0]] ?? fallback;
    if (route) void route(req, res);
    else json(res, 404, { error: 'not found' });
  });
  return listen(server, requests);
}

/** Accepts TCP connections and never writes a byte: a registry that hangs. */
export function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      done({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((r) => {
          for (const s of sockets) s.destroy();
          server.close(() => r());
        }),
      });
    });
  });
}

/** Listens on a free port of 127.0.0.1; `close` drops open connections first. */
function listen(server: Server, requests: MockServer['requests']): Promise<MockServer> {
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      done({
        url: `http://127.0.0.1:${port}/`,
        requests,
        close: () => new Promise((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}

/** A recording reverse proxy on 127.0.0.1 in front of `target`: what a registry there received. */
export function recordingProxy(target: string): Promise<MockServer> {
  const requests: MockServer['requests'] = [];
  const server: Server = createHttpServer((req, res) => {
    requests.push({ url: req.url ?? '', accept: req.headers.accept, authorization: req.headers.authorization });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
    fetch(new URL((req.url ?? '/').replace(/^\//, ''), target), { headers, redirect: 'manual' }).then(async (up) => {
      const body = Buffer.from(await up.arrayBuffer());
      res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
      res.end(body);
    }, () => {
      res.writeHead(502);
      res.end();
    });
  });
  return listen(server, requests);
}
