/** A page number, or a gap in the row of page links. */
export type PageSlot = number | 'gap';

/**
 * The page links to show: always the first and last page, and the pages around the current one.
 * Seven slots at most, so the row fits on a phone.
 */
export function pageWindow(current: number, total: number): PageSlot[] {
  if (total <= 7) return Array.from({ length: total }, (_, i) => i + 1);
  const start = Math.max(2, Math.min(current - 1, total - 4));
  const end = Math.min(total - 1, Math.max(current + 1, 5));
  const slots: PageSlot[] = [1];
  if (start > 2) slots.push('gap');
  for (let page = start; page <= end; page += 1) slots.push(page);
  if (end < total - 1) slots.push('gap');
  slots.push(total);
  return slots;
}
