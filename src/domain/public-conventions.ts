// The public list of published conventions (/publiques/conventions): its search params (a free text and a
// page), read with zod from the URL — anything invalid falls back to its default, never throws — and the URL
// of a page of it. The list is read page by page in SQL (src/server/repositories/public.ts); the open-data
// exports stay whole.
import { z } from "zod";
import { normalizeText } from "./portfolio";

/** Rows per page: a page anyone can read, and HTML that stays small whatever the number of conventions. */
export const PUBLIC_PAGE_SIZE = 50;

export const PUBLIC_CONVENTIONS_PATH = "/publiques/conventions";

/** The longest search kept (longer text is cut). */
export const PUBLIC_QUERY_MAX = 100;

/** The highest page number read from a URL (a higher one is not a page number). */
export const PUBLIC_PAGE_MAX = 100_000;

export interface PublicConventionsParams {
  /** Free text on the startup, the FAST call and the partner's or délégataire's organisation; "" for none. */
  q: string;
  /** 1-based page; one past the last is shown as the last (the repository says which page it read). */
  page: number;
}

export const DEFAULT_PUBLIC_PARAMS: PublicConventionsParams = { q: "", page: 1 };

/** Names of the search params in the URL. */
export const PUBLIC_PARAM_NAMES = { q: "q", page: "page" } as const satisfies Record<keyof PublicConventionsParams, string>;

type RawParams = Record<string, string | string[] | undefined>;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const publicConventionsParamsSchema = z.object({
  [PUBLIC_PARAM_NAMES.q]: z.preprocess(first, z.string().transform((s) => s.trim().replace(/\s+/g, " ").slice(0, PUBLIC_QUERY_MAX).trim())).catch(DEFAULT_PUBLIC_PARAMS.q),
  [PUBLIC_PARAM_NAMES.page]: z.preprocess(first, z.string().trim().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().int().min(1).max(PUBLIC_PAGE_MAX))).catch(DEFAULT_PUBLIC_PARAMS.page),
});

/** The params of a URL or of Next's searchParams; whatever is missing or invalid is its default. */
export function parsePublicConventionsParams(raw: RawParams | URLSearchParams | null | undefined): PublicConventionsParams {
  const record: RawParams = {};
  if (raw instanceof URLSearchParams) {
    for (const key of new Set(raw.keys())) record[key] = raw.getAll(key);
  } else if (raw) {
    Object.assign(record, raw);
  }
  const parsed = publicConventionsParamsSchema.safeParse(record);
  return parsed.success ? { q: parsed.data[PUBLIC_PARAM_NAMES.q], page: parsed.data[PUBLIC_PARAM_NAMES.page] } : { ...DEFAULT_PUBLIC_PARAMS };
}

/** The page's URL for these params, defaults left out ("/publiques/conventions" for the first page of all). */
export function publicConventionsHref(params: PublicConventionsParams, overrides: Partial<PublicConventionsParams> = {}): string {
  const p = { ...params, ...overrides };
  const search = new URLSearchParams();
  if (p.q) search.set(PUBLIC_PARAM_NAMES.q, p.q);
  if (p.page !== DEFAULT_PUBLIC_PARAMS.page) search.set(PUBLIC_PARAM_NAMES.page, String(p.page));
  const text = search.toString();
  return text ? `${PUBLIC_CONVENTIONS_PATH}?${text}` : PUBLIC_CONVENTIONS_PATH;
}

/**
 * The LIKE pattern of a search: lower case without accents (as the SQL compares the columns), LIKE's own
 * characters escaped, "%" around; null when there is nothing to search.
 */
export function searchPattern(q: string): string | null {
  const text = normalizeText(q);
  if (!text) return null;
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The letters the SQL search folds (PostgreSQL's translate(), then lower()), and what they become: the same
 * folding as normalizeText's for French text, so a search typed with or without accents finds the same rows
 * without the unaccent extension (absent from the embedded database).
 */
export const FOLDED_LETTERS = { from: "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝŸýÿŒÆ", to: "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYYyyœæ" } as const;

/** The number of pages of `total` rows (1 when there are none: the empty first page). */
export function pageCountOf(total: number, pageSize: number = PUBLIC_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
