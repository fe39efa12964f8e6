import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents a `{ data: [...], nextCursor }` page of the given view; `withTotal` adds the optional `total` (includeTotal=true). */
export function ApiPage(view: Type<unknown>, options: { withTotal?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(view),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['data', 'nextCursor'],
        properties: {
          data: { type: 'array', items: { $ref: getSchemaPath(view) } },
          nextCursor: { type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' },
          ...(options.withTotal && { total: { type: 'integer', minimum: 0, description: 'How many items match, on every page; only with includeTotal=true' } }),
        },
      },
    }),
  );
}
