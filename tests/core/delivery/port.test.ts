import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryError } from '../../../src/core/delivery/port';
import { jsonLogger, silentLogger } from '../../../src/core/log';

afterEach(() => vi.restoreAllMocks());

describe('loggers', () => {
  it('the JSON logger writes one JSON line per event on stderr, with its level, message and data', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((s: string) => void lines.push(s));
    jsonLogger.info('ready', { adapters: ['console'] });
    jsonLogger.warn('slow', { ms: 3 });
    jsonLogger.error('failed');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { level: 'info', msg: 'ready', adapters: ['console'] },
      { level: 'warn', msg: 'slow', ms: 3 },
      { level: 'error', msg: 'failed' },
    ]);
  });
  it('the silent logger writes nothing', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    silentLogger.info('x');
    silentLogger.warn('x');
    silentLogger.error('x');
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('DeliveryError', () => {
  it('is an Error named for what it is, with no options unless given', () => {
    const e = new DeliveryError('HTTP 500');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DeliveryError');
    expect(e.message).toBe('HTTP 500');
    expect(e.opts).toEqual({});
    expect(new DeliveryError('429', { retryAfterMs: 5 }).opts).toEqual({ retryAfterMs: 5 });
  });
});
