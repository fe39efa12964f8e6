import { PROGRAMS, type Program } from '../catalog/catalog.types.js';

/** Programme pages are named by the programme in URL form: `KETAHANAN_PANGAN` is `/program/ketahanan-pangan`. */
export function programmeSlug(program: Program): string {
  return program.toLowerCase().replaceAll('_', '-');
}

export function programmeOfSlug(slug: string): Program | undefined {
  return PROGRAMS.find((program) => programmeSlug(program) === slug);
}
