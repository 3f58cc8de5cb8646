// Portkey's list convention: 0-based `current_page` and `page_size`.
export interface Paging {
  limit: number;
  offset: number;
}

export const MAX_PAGE_SIZE = 1000;

export function paging(currentPage: number | undefined, pageSize: number | undefined, defaultSize = 50): Paging {
  const limit = Math.min(Math.max(pageSize ?? defaultSize, 1), MAX_PAGE_SIZE);
  const page = Math.max(currentPage ?? 0, 0);
  return { limit, offset: page * limit };
}

/** `a,b, c` -> ['a','b','c']; empty or missing -> undefined. */
export function csv(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}
