import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, toPage, type Page } from './cursor.js';
import { DEFAULT_PAGE_SIZE } from './page-query.dto.js';

/**
 * One keyset page of an admin list, newest first by `created_at, id`, for any entity that has
 * both. The cursor is the last row's id; the row's timestamp is read back in SQL, because in
 * JavaScript it would lose its microseconds and rows of the same millisecond would be skipped.
 */
export async function newestFirstPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  page: { limit?: number; cursor?: string },
): Promise<Page<T>> {
  const alias = qb.alias;
  const table = qb.expressionMap.mainAlias?.metadata.tableName;
  if (!table) throw new Error('newestFirstPage needs a query builder over an entity');
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (page.cursor) {
    const [cursorId] = decodeCursor(page.cursor, ['uuid'] as const);
    qb.andWhere(`(${alias}.created_at, ${alias}.id) < (SELECT c.created_at, c.id FROM ${table} c WHERE c.id = :cursorId)`, { cursorId });
  }
  const rows = await qb.orderBy(`${alias}.created_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').limit(limit + 1).getMany();
  return toPage(rows, limit, (row) => [row.id], (row) => row);
}
