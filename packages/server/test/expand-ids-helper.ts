import { expandIndexed, IdIndex, type ExpandResult } from '../src/rules/expand-ids.js';

/** Expands an expression over a list of jobs, through an index built from them (as the cluster keeps one). */
export function expandIds(
  expression: string,
  items: Iterable<{ readonly id: string; readonly groups?: readonly string[] }>,
  allowNoMatch: boolean,
): ExpandResult {
  const index = new IdIndex();
  for (const item of items) index.add(item.id, item.groups ?? []);
  return expandIndexed(expression, index, allowNoMatch);
}
