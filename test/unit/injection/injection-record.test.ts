import { describe, expect, it } from '@jest/globals';
import { parseRecord, serializeRecord, type InjectionRecord } from '../../../operator/injection/injection-record.ts';

const record: InjectionRecord = {
  version: 1,
  sets: {
    mesh: {
      hash: 'aaaa',
      hashWithoutImages: 'bbbb',
      containers: [],
      initContainers: ['mesh-init', 'mesh-proxy'],
      volumes: ['mesh-certs'],
      imagePullSecrets: [],
      labels: ['team'],
      annotations: [],
    },
  },
  setShareProcessNamespace: true,
  setDefaultContainer: false,
};

describe('injection record', () => {
  it('round-trips', () => {
    expect(parseRecord(serializeRecord(record))).toEqual({ ok: true, record });
  });

  it('serializes with sorted keys, so equal records are equal text', () => {
    const text = serializeRecord(record);
    expect(text.indexOf('"sets"')).toBeLessThan(text.indexOf('"version"'));
    expect(text).not.toContain('"containers":[]');
  });

  it.each([
    { text: 'not json', error: /not JSON/ },
    { text: '[]', error: /expected/ },
    { text: '{"version":2,"sets":{}}', error: /expected/ },
    { text: '{"version":1,"sets":{"a":{"hash":1}}}', error: /sets.a is malformed/ },
    { text: '{"version":1,"sets":{"a":{"hash":"x","hashWithoutImages":"y","containers":[1]}}}', error: /sets.a/ },
  ])('rejects $text', ({ text, error }) => {
    const parsed = parseRecord(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});
