import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { admissionLogger, createLogger, parseLogLevel } from '../../../operator/logging/logger.ts';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, logger: createLogger({ level, destination }) };
}

describe('logger', () => {
  it('writes JSON lines with the level as a word and the request identity on children', () => {
    const { lines, logger } = capture('info');
    admissionLogger(logger, { uid: 'u-1', operation: 'CREATE', namespace: 'shop', generateName: 'web-' }).info('admitted pod');
    logger.debug('hidden');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', uid: 'u-1', operation: 'CREATE', namespace: 'shop', generateName: 'web-', msg: 'admitted pod' });
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('redacts credentials even when an object carrying them is logged', () => {
    const { lines, logger } = capture('info');
    logger.info({ user: { token: 'sekret', name: 'me' }, headers: { authorization: 'Bearer sekret' } }, 'x');
    expect(JSON.stringify(lines)).not.toContain('sekret');
    expect(lines[0]).toMatchObject({ user: { token: '[redacted]', name: 'me' } });
  });

  it.each(['info', 'DEBUG', ' warn ', 'silent'])('accepts the level %j', (text) => {
    expect(parseLogLevel(text)).toBe(text.trim().toLowerCase());
  });

  it('refuses an unknown level, listing the valid ones', () => {
    expect(() => parseLogLevel('loud')).toThrow('log level "loud" is not one of fatal, error, warn, info, debug, trace, silent');
  });
});
