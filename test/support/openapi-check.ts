import type { INestApplication } from '@nestjs/common';
import { appendFileSync } from 'node:fs';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { buildOpenApiDocument } from '../../src/app.openapi';
import { OpenApiValidator, recordResponse } from './openapi-validator';

/**
 * Every response of every test app is checked against the OpenAPI document (openapi-validator.ts);
 * a response that does not conform fails the test that received it, in the afterEach registered
 * below (jest.config.js setupFilesAfterEnv). Requests Jest sends outside a test (beforeAll) fail
 * the next test to finish, or the file's afterAll.
 */
const state = globalThis as typeof globalThis & { openApiViolations?: string[]; openApiValidator?: OpenApiValidator };

/** CORS preflights are answered by the cors middleware before any route: not API operations. */
const UNCHECKED_METHODS = new Set(['OPTIONS', 'HEAD']);

export function checkResponsesAgainstOpenApi(app: INestApplication): void {
  state.openApiValidator ??= new OpenApiValidator(buildOpenApiDocument(app));
  const validator = state.openApiValidator;
  const server = app.getHttpServer() as Server;
  server.prependListener('request', (request, response) => {
    if (UNCHECKED_METHODS.has(request.method ?? '')) return;
    recordResponse(request, response, (exchange) => record(validator.check(exchange)));
  });
}

function record(problems: string[]): void {
  if (problems.length === 0) return;
  (state.openApiViolations ??= []).push(...problems);
  // For working through a whole suite's findings at once: OPENAPI_VIOLATIONS_FILE=/tmp/x.jsonl npx jest
  const file = process.env.OPENAPI_VIOLATIONS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ test: expect.getState().currentTestName ?? expect.getState().testPath, problems })}\n`);
}

/** A webhook a test receiver got (webhook-receiver.ts), against the document's `webhooks`. */
export function checkWebhookAgainstOpenApi(headers: IncomingHttpHeaders, body: Buffer): void {
  if (state.openApiValidator) record(state.openApiValidator.checkWebhook(headers, body));
}

function takeViolations(): string[] {
  const found = state.openApiViolations ?? [];
  state.openApiViolations = [];
  return found;
}

function failOnViolations(): void {
  const found = [...new Set(takeViolations())];
  if (found.length > 0) throw new Error(`Responses that do not match the OpenAPI document:\n- ${found.slice(0, 20).join('\n- ')}`);
}

// Only where Jest's hooks exist (an e2e test file), not when a script imports test support.
if (typeof afterEach === 'function') {
  afterEach(failOnViolations);
  afterAll(failOnViolations);
}
