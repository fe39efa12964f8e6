import type { IncomingMessage, ServerResponse } from 'node:http';
import { responseLogLevel } from './logging.module';

const request = (url: string): IncomingMessage => ({ url }) as IncomingMessage;
const response = (statusCode: number): ServerResponse => ({ statusCode }) as ServerResponse;

describe('responseLogLevel', () => {
  it.each([
    ['/api/v1/products', 200, 'info'],
    ['/api/v1/products', 404, 'warn'],
    ['/api/v1/products', 500, 'error'],
    ['/api/v1/orders', 502, 'error'],
    ['/api/v1/products', 503, 'warn'],
    ['/health/ready', 200, 'silent'],
    ['/health/ready', 503, 'warn'],
  ])('logs %s answering %i at %s', (url, status, level) => {
    expect(responseLogLevel(request(url), response(status))).toBe(level);
  });
});
