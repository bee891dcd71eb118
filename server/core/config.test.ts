import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      DATABASE_URL: undefined,
      SCHAKEL_DATA_DIR: './data',
      SCHAKEL_REGION: 'gooi-en-vechtstreek',
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
    });
  });

  it('reads and converts values', () => {
    const config = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://u@h:5432/db', TRUST_PROXY: 'true', LOG_LEVEL: 'debug' });
    expect(config.PORT).toBe(9000);
    expect(config.DATABASE_URL).toBe('postgres://u@h:5432/db');
    expect(config.TRUST_PROXY).toBe(true);
  });

  it('names every invalid variable and what is allowed', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="eighty": allowed: a whole number from 0 to 65535');
    expect(message).toContain('LOG_LEVEL="loud": allowed: fatal, error, warn, info, debug, trace, silent');
    expect(message).toContain('DATABASE_URL="mysql://x": allowed: unset (embedded PGlite) or a postgres:// connection URL');
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000"/);
  });
});
