import { prettyMessage, resolveLogFormat } from './log-destination';

describe('resolveLogFormat', () => {
  it('reads auto as pretty on a terminal and JSON anywhere else', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
  });

  it('lets LOG_FORMAT override the terminal guess either way', () => {
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });
});

describe('prettyMessage', () => {
  it('puts the context in front of the message', () => {
    expect(prettyMessage({ context: 'RoutesResolver', msg: 'Mapped 76 routes in 24 controllers' }, 'msg')).toBe('[RoutesResolver] Mapped 76 routes in 24 controllers');
    expect(prettyMessage({ msg: 'Etalase is ready' }, 'msg')).toBe('Etalase is ready');
  });

  it('folds a request line into method, path, status and time', () => {
    const line = { req: { id: 'r1', method: 'GET', url: '/api/v1/regions' }, res: { statusCode: 200 }, responseTime: 12, msg: 'request completed' };
    expect(prettyMessage(line, 'msg')).toBe('GET /api/v1/regions 200 12 ms');
    expect(prettyMessage({ ...line, res: { statusCode: 503 }, msg: 'request answered 503: a dependency is unavailable' }, 'msg')).toBe(
      'GET /api/v1/regions 503 12 ms request answered 503: a dependency is unavailable',
    );
  });
});
