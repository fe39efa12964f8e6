/** Set by global-setup, read by every worker. */
export const TEST_SERVER_URL_ENV = 'ETALASE_TEST_SERVER_URL';
export const TEST_RUN_PREFIX_ENV = 'ETALASE_TEST_RUN_PREFIX';
