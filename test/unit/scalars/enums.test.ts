import { type WarnLogger, defineEnum, enumOut, enumOutRequired } from '../../../src/core/enums.js';

function recorder(): WarnLogger & { entries: [object, string][] } {
  const entries: [object, string][] = [];
  return { entries, warn: (obj, msg) => entries.push([obj, msg]) };
}

const Colour = defineEnum<'RED' | 'EMPTY'>('Colour', { RED: 'Red', EMPTY: '' });

describe('enum mapping helpers', () => {
  test('null stays null; known values map; unknown values become UNKNOWN', () => {
    const log = recorder();
    expect(enumOut(Colour, null, log)).toBeNull();
    expect(enumOut(Colour, undefined, log)).toBeNull();
    expect(enumOut(Colour, 'Red', log)).toBe('RED');
    expect(enumOut(Colour, '', log)).toBe('EMPTY');
    expect(enumOut(Colour, 'Teal', log)).toBe('UNKNOWN');
  });

  test('an unknown value is logged once per (enum, value) per process, across loggers', () => {
    const first = recorder();
    const second = recorder();
    enumOut(Colour, 'Mauve', first);
    enumOut(Colour, 'Mauve', first);
    enumOut(Colour, 'Mauve', second);
    enumOut(Colour, 'Ochre', second);
    const Other = defineEnum<'A'>('Other', { A: 'a' });
    enumOut(Other, 'Mauve', second);
    expect(first.entries).toEqual([
      [{ enum: 'Colour', value: 'Mauve' }, 'Unknown SailPoint enum value mapped to UNKNOWN'],
    ]);
    expect(second.entries.map(([obj]) => obj)).toEqual([
      { enum: 'Colour', value: 'Ochre' },
      { enum: 'Other', value: 'Mauve' },
    ]);
  });

  test('prototype names are not enum values', () => {
    expect(Colour.fromUpstream('toString')).toBe('UNKNOWN');
    expect(Colour.fromUpstream('__proto__')).toBe('UNKNOWN');
  });

  test('required fields: a missing value is looked up as "" (so an empty-string member wins), else UNKNOWN', () => {
    expect(enumOutRequired(Colour, undefined, recorder())).toBe('EMPTY');
    const Strict = defineEnum<'A'>('Strict', { A: 'a' });
    expect(enumOutRequired(Strict, null, recorder())).toBe('UNKNOWN');
  });

  test('a map with one upstream value twice is refused at definition time', () => {
    expect(() => defineEnum<'A' | 'B'>('Dup', { A: 'x', B: 'x' })).toThrow(/mapped twice/);
  });
});
