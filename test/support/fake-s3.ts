import { createHash } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedS3Request {
  method: string;
  /** Decoded path: `/<bucket>/<key>`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Just enough of S3 (path-style) on 127.0.0.1: PUT stores, HEAD finds, DELETE removes, and
 * `GET /<bucket>?list-type=2` lists (ListObjectsV2) in key order, `pageSize` keys a page with a
 * continuation token. Every request is recorded.
 */
export class FakeS3 {
  readonly requests: RecordedS3Request[] = [];
  /** By path `/<bucket>/<key>`. */
  readonly objects = new Map<string, Buffer>();
  /** LastModified by path; set one to make an object look old. */
  readonly modified = new Map<string, Date>();
  /** Answer every HEAD with this status instead (e.g. 403), to see errors are not taken for "missing". */
  headStatus: number | undefined;
  /** Keys per ListObjectsV2 page (S3's is 1,000); small values exercise paging. */
  pageSize = 1000;
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://fake');
        const path = decodeURIComponent(url.pathname);
        const body = Buffer.concat(chunks);
        this.requests.push({ method: request.method ?? '', path, query: url.searchParams, headers: request.headers, body });
        if (request.method === 'PUT') {
          this.objects.set(path, body);
          this.modified.set(path, new Date());
          response.writeHead(200, { ETag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
        } else if (request.method === 'HEAD' && this.headStatus !== undefined) {
          response.writeHead(this.headStatus).end();
        } else if (request.method === 'HEAD') {
          const object = this.objects.get(path);
          response.writeHead(object ? 200 : 404, object ? { 'Content-Length': String(object.length) } : {}).end();
        } else if (request.method === 'DELETE') {
          this.objects.delete(path);
          this.modified.delete(path);
          response.writeHead(204).end();
        } else if (request.method === 'GET' && url.searchParams.get('list-type') === '2') {
          response.writeHead(200, { 'Content-Type': 'application/xml' }).end(this.list(path.replace(/^\/+|\/+$/g, ''), url.searchParams));
        } else if (request.method === 'GET') {
          const object = this.objects.get(path);
          if (object) response.writeHead(200, { 'Content-Length': String(object.length) }).end(object);
          else response.writeHead(404, { 'Content-Type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
        } else {
          response.writeHead(405).end();
        }
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  /** Keys (without the bucket) stored in `bucket`, sorted. */
  keys(bucket: string): string[] {
    const prefix = `/${bucket}/`;
    return [...this.objects.keys()].filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length)).sort();
  }

  private list(bucket: string, query: URLSearchParams): string {
    const prefix = query.get('prefix') ?? '';
    const after = query.get('continuation-token') ?? '';
    const matching = this.keys(bucket).filter((key) => key.startsWith(prefix) && key > after);
    const page = matching.slice(0, this.pageSize);
    const truncated = matching.length > page.length;
    const contents = page
      .map((key) => {
        const path = `/${bucket}/${key}`;
        const size = this.objects.get(path)?.length ?? 0;
        const modified = (this.modified.get(path) ?? new Date()).toISOString();
        return `<Contents><Key>${escapeXml(key)}</Key><LastModified>${modified}</LastModified><ETag>"x"</ETag><Size>${size}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    const next = truncated ? `<NextContinuationToken>${escapeXml(page[page.length - 1] ?? '')}</NextContinuationToken>` : '';
    return (
      '<?xml version="1.0" encoding="UTF-8"?>' +
      `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix>` +
      `<KeyCount>${page.length}</KeyCount><MaxKeys>${this.pageSize}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${next}${contents}</ListBucketResult>`
    );
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
