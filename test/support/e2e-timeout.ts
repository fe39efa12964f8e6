// End-to-end hooks start a whole application on its own database; on a busy 2-core machine that
// can take longer than Jest's 5 s default.
jest.setTimeout(30_000);
