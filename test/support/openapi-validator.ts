import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderObject, OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, RequestBodyObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * Checks real responses against the OpenAPI document (issue 14): the operation found by method and
 * path template must document the status, the content type, every header sent (past the generic
 * transport and security ones) and the body, with no field the schema does not name. Every e2e
 * test's responses pass through it (test-app.ts); what it finds fails the test (openapi-check.ts).
 */

/** Headers every response may carry whatever the operation: transport, helmet, CORS. */
const GENERIC_HEADERS = new Set([
  'connection',
  'content-length',
  'content-type',
  'date',
  'keep-alive',
  'transfer-encoding',
  'vary',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]);

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments first: /admin/products/{id}/stock wins over a hypothetical /admin/products/{id}/{x}. */
  params: number;
  operation: OperationObject;
}

export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'components', $defs: closeObjects(rewriteRefs(document.components?.schemas ?? {})) as Record<string, unknown> });
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        METHODS.filter((method) => item[method]).map((method) => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`),
          params: (template.match(/\{/g) ?? []).length,
          operation: item[method] as OperationObject,
        })),
      )
      .sort((a, b) => a.params - b.params);
  }

  /** What is wrong with this response by the document; empty when it conforms. */
  check(exchange: Exchange): string[] {
    const path = exchange.url.split('?')[0] ?? '';
    const route = this.routes.find((candidate) => candidate.method === exchange.method && candidate.pattern.test(path));
    if (!route) return this.checkUnrouted(exchange);
    const where = `${exchange.method} ${route.template} -> ${exchange.status}`;
    const responses = route.operation.responses as Record<string, ResponseObject | ReferenceObject | undefined>;
    const statusKey = [String(exchange.status), `${String(exchange.status)[0]}XX`, 'default'].find((key) => responses[key]);
    if (!statusKey) return [`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`];
    const response = this.resolve(responses[statusKey]);
    const problems = [...this.checkHeaders(exchange, response), ...this.checkBody(exchange, response, `#/paths/${route.template}/${exchange.method}/${statusKey}`)];
    return problems.map((problem) => `${where}: ${problem}`);
  }

  /** What is wrong with a webhook Etalase POSTed, by the document's `webhooks` entry for its type. */
  checkWebhook(headers: Record<string, string | string[] | undefined>, body: Buffer): string[] {
    const type = String(headers['etalase-event-type']);
    const operation = this.document.webhooks?.[type]?.post;
    if (!operation) return [`webhook ${type}: not in the document's webhooks`];
    const problems: string[] = [];
    for (const parameter of (operation.parameters ?? []).map((p) => this.resolve<ParameterObject>(p))) {
      if (parameter.in === 'header' && parameter.required && headers[parameter.name.toLowerCase()] === undefined) problems.push(`header ${parameter.name} missing`);
    }
    const schema = this.resolve<RequestBodyObject>(operation.requestBody).content['application/json']?.schema;
    const exchange: Exchange = { method: 'POST', url: type, status: 0, headers: {}, body };
    problems.push(...this.validate(`webhook:${type}`, schema, exchange));
    return problems.map((problem) => `webhook ${type}: ${problem}`);
  }

  /**
   * A path the document does not describe (unknown routes, /media, /docs): an error must still be a
   * Problem, except the showcase website's HTML error pages (gone, not found) outside /api/.
   */
  private checkUnrouted(exchange: Exchange): string[] {
    if (exchange.status < 400) return [];
    const type = mediaType(exchange.headers['content-type']);
    if (type === 'text/html' && !exchange.url.startsWith('/api/')) return [];
    if (type !== 'application/problem+json') return [`${exchange.method} ${exchange.url} -> ${exchange.status}: an error that is not application/problem+json (${type ?? 'none'})`];
    return this.validate('Problem', { $ref: '#/components/schemas/ProblemView' }, exchange).map((problem) => `${exchange.method} ${exchange.url} -> ${exchange.status}: ${problem}`);
  }

  private checkHeaders(exchange: Exchange, response: ResponseObject): string[] {
    const problems: string[] = [];
    const documented = new Map<string, HeaderObject>();
    for (const [name, header] of Object.entries(response.headers ?? {})) documented.set(name.toLowerCase(), this.resolve(header));
    for (const [name, value] of Object.entries(exchange.headers)) {
      if (value === undefined || GENERIC_HEADERS.has(name)) continue;
      const header = documented.get(name);
      if (!header) {
        problems.push(`header ${name} not documented`);
        continue;
      }
      const schema = header.schema as SchemaObject | undefined;
      if (schema) {
        const validate = this.compiledFor(`header:${JSON.stringify(schema)}`, schema);
        if (!validate(String(value))) problems.push(`header ${name}: ${this.ajv.errorsText(validate.errors)}`);
      }
    }
    for (const [name, header] of documented) {
      if (header.required && exchange.headers[name] === undefined) problems.push(`required header ${name} missing`);
    }
    return problems;
  }

  private checkBody(exchange: Exchange, response: ResponseObject, key: string): string[] {
    const type = mediaType(exchange.headers['content-type']);
    const content = response.content ?? {};
    if (exchange.body.length === 0) {
      // A documented body that never came is wrong unless the status has none (204, 304).
      return Object.keys(content).length > 0 && exchange.method !== 'HEAD' ? ['documented body missing'] : [];
    }
    if (!type) return ['a body without Content-Type'];
    const media = content[type];
    if (!media) return [`content type ${type} not documented (documented: ${Object.keys(content).join(', ') || 'no body'})`];
    if (!type.endsWith('json')) return [];
    return this.validate(`${key}/${type}`, media.schema, exchange);
  }

  private validate(key: string, schema: SchemaObject | ReferenceObject | undefined, exchange: Exchange): string[] {
    if (!schema) return [];
    let body: unknown;
    try {
      body = JSON.parse(exchange.body.toString('utf8'));
    } catch {
      return ['body is not JSON'];
    }
    const validate = this.compiledFor(key, schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((error) => `body${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }

  private compiledFor(key: string, schema: SchemaObject | ReferenceObject): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(closeObjects(rewriteRefs(schema)) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private resolve<T>(value: T | ReferenceObject | undefined): T {
    if (value && typeof value === 'object' && '$ref' in value) {
      const target = value.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')], this.document);
      return target as T;
    }
    return (value ?? {}) as T;
  }
}

function mediaType(header: Exchange['headers'][string]): string | undefined {
  if (header === undefined) return undefined;
  return String(header).split(';')[0]?.trim().toLowerCase();
}

/** `#/components/schemas/X` becomes `components#/$defs/X`: the shared schemas are added to Ajv under that id. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', 'components#/$defs/') : rewriteRefs(value),
    ]),
  );
}

/**
 * An object schema that names its properties allows no others: a field the document does not
 * describe fails, so the document cannot fall behind what the server sends.
 */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'example' || key === 'examples' || key === 'default' || key === 'enum' || key === 'const' ? value : closeObjects(value)]));
  if (copy.properties && typeof copy.properties === 'object' && !('additionalProperties' in copy) && !('unevaluatedProperties' in copy)) {
    copy.unevaluatedProperties = false;
  }
  return copy;
}

/** Wraps a response so that, once sent, its status, headers and body are handed to `onFinish`. */
export function recordResponse(request: IncomingMessage, response: ServerResponse, onFinish: (exchange: Exchange) => void): void {
  const method = request.method ?? 'GET';
  const url = request.url ?? '/';
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown): void => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.write = ((...args: unknown[]) => {
    keep(args[0], args[1]);
    return write(...args);
  }) as typeof response.write;
  response.end = ((...args: unknown[]) => {
    keep(args[0], args[1]);
    return end(...args);
  }) as typeof response.end;
  response.once('finish', () => {
    onFinish({ method, url, status: response.statusCode, headers: response.getHeaders(), body: Buffer.concat(chunks) });
  });
}
