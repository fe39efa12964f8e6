/**
 * The harness itself: an end-to-end hook may take longer than Jest's 5 s default (an application
 * start on a busy machine does), whether this file runs alone or with the whole suite.
 */
describe('the e2e harness', () => {
  beforeAll(() => new Promise((resolve) => setTimeout(resolve, 5_500)));

  it('lets a hook run past five seconds', () => {
    expect(true).toBe(true);
  });
});
