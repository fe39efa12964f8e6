import { pageFor } from './showcase-error-pages';

describe('pageFor: the status and page of a failure on the website', () => {
  it.each([
    [400, 404, 'notFound'],
    [404, 404, 'notFound'],
    [410, 410, 'gone'],
    [403, 403, 'forbidden'],
    [429, 429, 'busy'],
    [503, 503, 'unavailable'],
  ] as const)('%i is shown as %i (%s)', (status, shown, kind) => {
    expect(pageFor(status)).toEqual([shown, kind]);
  });

  it.each([405, 409, 413, 415, 422])('keeps the client\'s own mistake %i a 4xx, never a 500', (status) => {
    expect(pageFor(status)).toEqual([status, 'badRequest']);
  });

  it.each([500, 502, 504])('shows the server\'s own failure %i as 500', (status) => {
    expect(pageFor(status)).toEqual([500, 'unavailable']);
  });
});
