import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');

/** Every request DTO file: `*.dto.ts` anywhere, and whatever sits in a `dto/` folder. */
function dtoFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return dtoFiles(path);
    const isDto = entry.name.endsWith('.dto.ts') || (directory.endsWith(`${'/'}dto`) && entry.name.endsWith('.ts'));
    return isDto && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by constructor
function exportedClasses(file: string): [string, Function][] {
  const exports = require(file) as Record<string, unknown>; // eslint-disable-line @typescript-eslint/no-require-imports
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  return Object.entries(exports).filter((entry): entry is [string, Function] => typeof entry[1] === 'function');
}

describe('request DTOs', () => {
  const files = dtoFiles(SRC);

  it('are found (the check below would pass vacuously otherwise)', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('bound every list with @ArrayMaxSize, so validation work and error lists cannot grow with the input', () => {
    const unbounded: string[] = [];
    let lists = 0;
    for (const file of files) {
      for (const [name, dto] of exportedClasses(file)) {
        const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
        const byProperty = getMetadataStorage().groupByPropertyName(rules);
        for (const [property, propertyRules] of Object.entries(byProperty)) {
          const isList = propertyRules.some((rule) => rule.name === 'isArray' || rule.each);
          if (!isList) continue;
          lists += 1;
          if (!propertyRules.some((rule) => rule.name === 'arrayMaxSize')) unbounded.push(`${relative(SRC, file)}: ${name}.${property}`);
        }
      }
    }
    expect(lists).toBeGreaterThan(5);
    expect(unbounded).toEqual([]);
  });
});
