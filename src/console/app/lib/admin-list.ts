import { useEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from './api';

/** One page of a cursor-paged admin list as the API sends it (`total` only where the list asks for it). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  total?: number;
}

/** What the typed client answers for one page: the body when there is one, the problem when not, the response for its status. */
export type PageAnswer<T> = Promise<{ data?: Page<T>; error?: Problem; response: Response }>;

export interface AdminList<T> {
  /** Undefined while the first page loads. */
  items: T[] | undefined;
  /** The last page's `total`, where the list asked for one. */
  total: number | undefined;
  /** No page came: the API could not be reached or refused (a 403 counts here too). */
  failed: boolean;
  /** The API answered 403: the reader's role may not see this list at all. */
  refused: boolean;
  /** The API's problem+json when it answered one instead of a page; undefined when it could not be reached. */
  problem: Problem | undefined;
  /** Loads the first page again (what the offline alert's button does). */
  retry: () => void;
  /** Adds the next page below the ones shown; undefined on the last page. */
  more: (() => void) | undefined;
}

/**
 * A cursor-paged admin list (`limit` + `cursor`, `nextCursor` back) narrowed by `params`, the
 * query as the screen's URL has it: whenever they change the list starts again from its first
 * page. `fetchPage` asks for a page with those params, spreading `after` (the `cursor` of the
 * page to add, none for the first) into its query.
 */
export function useAdminList<T>(params: object, fetchPage: (after: { cursor?: string }) => PageAnswer<T>): AdminList<T> {
  const [items, setItems] = useState<T[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | undefined>();
  const [failed, setFailed] = useState(false);
  const [refused, setRefused] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  // Which list the screen shows now: every first page starts a new one. On a slow connection the
  // answer for an earlier search (or its next page) can arrive after the one for the search
  // typed since; it must not replace or extend the list the admin asked for last.
  const shown = useRef(0);

  async function load(from: string | null): Promise<void> {
    const list = from === null ? ++shown.current : shown.current;
    setFailed(false);
    try {
      const { data, error, response } = await fetchPage(from === null ? {} : { cursor: from });
      if (list !== shown.current) return;
      if (response.status === 403) setRefused(true);
      setProblem(data ? undefined : error);
      if (!data) return setFailed(true);
      setTotal(data.total);
      setItems((before) => (from === null ? data.data : [...(before ?? []), ...data.data]));
      setCursor(data.nextCursor);
    } catch {
      if (list !== shown.current) return;
      setProblem(undefined);
      setFailed(true);
    }
  }

  useEffect(() => {
    setItems(undefined);
    void load(null);
    // fetchPage reads the params, and nothing else that changes.
  }, [JSON.stringify(params)]);

  return { items, total, failed, refused, problem, retry: () => void load(null), more: cursor === null ? undefined : () => void load(cursor) };
}

/**
 * A list's search form as typed: it starts from the URL's `params` and goes back to them
 * whenever they change (a search sent, a link followed, the back button), like the list itself.
 */
export function useSearchForm<F extends object>(params: F): [F, (change: Partial<F>) => void] {
  const [form, setForm] = useState(params);
  const key = JSON.stringify(params);
  useEffect(() => setForm(params), [key]);
  return [form, (change) => setForm({ ...form, ...change })];
}
