// A STAND-IN for Zoho's accounts server (node:http), answering with the shapes Zoho's real server uses
// (ZOHO.md): errors in HTTP 200 bodies, `api_domain`, `expires_in_sec` with `expires_in` in ms. It is not
// Zoho: it answers what each test scripts, and records what it was sent.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedZohoRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
}

export interface ZohoAnswer {
  status?: number;
  body: unknown;
}

export interface ZohoStandIn {
  url: string;
  requests: RecordedZohoRequest[];
  /** Queues the answer to the next request to `path` (e.g. `/oauth/v2/token`). */
  answer(path: string, ...answers: ZohoAnswer[]): void;
  close(): Promise<void>;
}

export async function startZohoStandIn(): Promise<ZohoStandIn> {
  const requests: RecordedZohoRequest[] = [];
  const queues = new Map<string, ZohoAnswer[]>();
  const http = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
    });
    const answer = queues.get(url.pathname)?.shift() ?? { status: 404, body: { error: 'not scripted' } };
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    requests,
    answer(path, ...answers) {
      queues.set(path, [...(queues.get(path) ?? []), ...answers]);
    },
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}
