import { knownSettingNames } from './environment';
import { editDistance, unknownSettings } from './unknown-settings';

describe('unknownSettings', () => {
  const known = knownSettingNames();
  const check = (...names: string[]): [string, string][] => unknownSettings(names, known).map(({ name, closest }) => [name, closest]);

  it('names the setting a misspelt variable was meant to be', () => {
    expect(check('DATABSE_URL', 'JWT_SECERT', 'PORTT', 'NODE_EVN', 'LOG_LVL', 'database_url')).toEqual([
      ['DATABSE_URL', 'DATABASE_URL'],
      ['JWT_SECERT', 'JWT_SECRET'],
      ['PORTT', 'PORT'],
      ['NODE_EVN', 'NODE_ENV'],
      ['LOG_LVL', 'LOG_LEVEL'],
      ['database_url', 'DATABASE_URL'],
    ]);
  });

  it('reports any unknown variable with one of our prefixes, with the nearest known name', () => {
    expect(check('STRIPE_API_KEY', 'SMTP_HOST', 'ETALASE_PORT_NUMBER')).toEqual([
      ['STRIPE_API_KEY', 'STRIPE_API_URL'],
      ['SMTP_HOST', 'SMTP_URL'],
      ['ETALASE_PORT_NUMBER', expect.any(String) as string],
    ]);
  });

  it('says nothing about known settings or the environment every process has', () => {
    const ordinary = ['PATH', 'HOME', 'HOSTNAME', 'USER', 'SHELL', 'PWD', 'OLDPWD', 'TERM', 'LANG', 'LC_ALL', 'TZ', 'SHLVL', 'MAIL', 'LOGNAME'];
    const tooling = ['NODE_VERSION', 'YARN_VERSION', 'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'NODE', 'INIT_CWD', 'COLOR', 'EDITOR', 'npm_config_cache', 'npm_lifecycle_event', 'npm_package_name', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'PGHOST', 'PGPASSWORD', 'CI', 'DEBUG', 'TMPDIR', 'JEST_WORKER_ID'];
    expect(check(...known, ...ordinary, ...tooling)).toEqual([]);
  });

  it('leaves alone what Docker links and Kubernetes define for a service called etalase', () => {
    expect(check('ETALASE_PORT', 'ETALASE_SERVICE_HOST', 'ETALASE_SERVICE_PORT', 'ETALASE_SERVICE_PORT_HTTP', 'ETALASE_PORT_3000_TCP', 'ETALASE_PORT_3000_TCP_ADDR', 'ETALASE_PORT_3000_TCP_PORT', 'ETALASE_PORT_3000_TCP_PROTO')).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('DATABSE_URL', 'DATABASE_URL')).toBe(1);
    expect(editDistance('HOTS', 'HOST')).toBe(1);
    expect(editDistance('HOME', 'HOST')).toBe(2);
    expect(editDistance('', 'PORT')).toBe(4);
    expect(editDistance('PORT', 'PORT')).toBe(0);
  });
});
