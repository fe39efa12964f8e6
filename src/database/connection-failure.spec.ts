import { connectionFailure } from './connection-failure';

const failure = (code: string | undefined, message = 'failed'): Error => Object.assign(new Error(message), code === undefined ? {} : { code });
const URL_ = 'postgres://etalase:s3cret-pa55@db.example:6432/shop';

describe('connectionFailure', () => {
  it('turns each way of failing into one line saying what to change', () => {
    expect(connectionFailure(failure('ENOTFOUND'), URL_).message).toBe(
      'DATABASE_URL names the host "db.example", which does not resolve (ENOTFOUND): correct the host name (with Docker Compose, the database\'s service name)',
    );
    expect(connectionFailure(failure('ECONNREFUSED'), URL_).message).toBe('Nothing accepts connections at db.example:6432 (DATABASE_URL): start PostgreSQL there, or correct the host and port');
    expect(connectionFailure(failure('28P01'), URL_).message).toBe(
      'PostgreSQL at db.example:6432 refused user "etalase": password authentication failed. Correct the user and password in DATABASE_URL',
    );
    expect(connectionFailure(failure('28000', 'role "etalase" does not exist'), URL_).message).toMatch(/refused user "etalase" \(role "etalase" does not exist\): correct the user/);
    expect(connectionFailure(failure('3D000'), URL_).message).toBe(
      'Database "shop" does not exist on db.example:6432: create it (createdb "shop") or correct the database name at the end of DATABASE_URL',
    );
    expect(connectionFailure(failure(undefined, 'Connection terminated due to connection timeout'), URL_).message).toMatch(/^db\.example:6432 does not answer/);
    expect(connectionFailure(failure(undefined, 'The server does not support SSL connections'), URL_).message).toBe(
      'Cannot connect to PostgreSQL at db.example:6432 (DATABASE_URL): The server does not support SSL connections',
    );
  });

  it('never repeats the password', () => {
    for (const code of ['ENOTFOUND', 'ECONNREFUSED', '28P01', '28000', '3D000', 'ETIMEDOUT', undefined]) {
      expect(connectionFailure(failure(code), URL_).message).not.toContain('s3cret');
    }
  });

  it('fills in what the URL leaves to defaults', () => {
    expect(connectionFailure(failure('ECONNREFUSED'), 'postgres://localhost/etalase').message).toMatch(/at localhost:5432 /);
  });
});
