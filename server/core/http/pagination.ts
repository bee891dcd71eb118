import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/** Page-based pagination (NLGov): `page` and `pageSize` in, HAL `_links` and `page` out. */
export const pageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1).describe('Page number, from 1'),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).describe('Items per page, 1 to 100'),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

const linkSchema = z.object({ href: z.string() });

export const pageLinksSchema = z
  .object({
    self: linkSchema,
    first: linkSchema,
    last: linkSchema,
    prev: linkSchema.optional(),
    next: linkSchema.optional(),
  })
  .meta({ id: 'PageLinks' });

export const pageInfoSchema = z
  .object({
    number: z.number().int(),
    size: z.number().int(),
    totalElements: z.number().int(),
    totalPages: z.number().int(),
    totalElementsCapped: z.boolean().optional().describe('A search that counts at most totalElements: true when more match (only those can be paged; narrow the search)'),
  })
  .meta({ id: 'PageInfo' });

/** The response schema of a paged list whose items are embedded under `name`. */
export function pagedSchema<N extends string, T extends z.ZodType>(name: N, item: T) {
  return z.object({
    _embedded: z.object({ [name]: z.array(item) } as Record<N, z.ZodArray<T>>),
    _links: pageLinksSchema,
    page: pageInfoSchema,
  });
}

export function offsetOf(query: PageQuery): number {
  return (query.page - 1) * query.pageSize;
}

/** Builds the `_links` and `page` of a page, keeping the request's other query parameters. */
export function pageOf<N extends string, T>(request: FastifyRequest, name: N, items: T[], total: number, query: PageQuery, options: { capped?: boolean } = {}) {
  const totalPages = Math.max(1, Math.ceil(total / query.pageSize));
  // Keep the other query parameters; build the links by concatenation (URLSearchParams.set re-serializes per call).
  const [path = '', search = ''] = request.url.split('?', 2);
  const others = new URLSearchParams(search);
  others.delete('page');
  others.delete('pageSize');
  const prefix = `${path}?${others.size > 0 ? `${others.toString()}&` : ''}pageSize=${query.pageSize}&page=`;
  const href = (page: number) => ({ href: `${prefix}${page}` });
  return {
    _embedded: { [name]: items } as Record<N, T[]>,
    _links: {
      self: href(query.page),
      first: href(1),
      last: href(totalPages),
      ...(query.page > 1 ? { prev: href(Math.min(query.page - 1, totalPages)) } : {}),
      ...(query.page < totalPages ? { next: href(query.page + 1) } : {}),
    },
    page: { number: query.page, size: query.pageSize, totalElements: total, totalPages, ...(options.capped === undefined ? {} : { totalElementsCapped: options.capped }) },
  };
}
