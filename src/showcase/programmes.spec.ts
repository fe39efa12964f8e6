import { PROGRAMS } from '../catalog/catalog.types.js';
import { programmeOfSlug, programmeSlug } from './programmes.js';

describe('programme slugs', () => {
  it('name every programme in URL form and back', () => {
    expect(programmeSlug('KETAHANAN_PANGAN')).toBe('ketahanan-pangan');
    for (const program of PROGRAMS) expect(programmeOfSlug(programmeSlug(program))).toBe(program);
    expect(programmeOfSlug('KETAHANAN_PANGAN')).toBeUndefined();
    expect(programmeOfSlug('tidak-ada')).toBeUndefined();
  });
});
