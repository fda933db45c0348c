// French full-text search, shared by offers, events and the commons library.
// Migration 0006 creates the `maillage_fr` configuration: each word is
// unaccented, then stemmed by the French Snowball stemmer, so "velo" finds
// "vélo" and "perceuse" finds "perceuses". Query words match as prefixes of
// stems, so "jardin" also finds "jardinage".
import { sql, type SQL } from "drizzle-orm";
import { customType, type AnyPgColumn } from "drizzle-orm/pg-core";

export const SEARCH_CONFIG = "maillage_fr";

/** A `tsvector` column; declare it `.generatedAlwaysAs(searchDocument(...))`. */
export const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

/**
 * The generated-column expression for a searchable row. Earlier arguments
 * weigh more (A, B, C, D): pass the title first, then the body.
 * to_tsvector(regconfig, text) is immutable, as generated columns require.
 */
export function searchDocument(...columns: AnyPgColumn[]): SQL {
  const weights = ["A", "B", "C", "D"];
  const parts = columns.map(
    (column, i) =>
      sql`setweight(to_tsvector('maillage_fr'::regconfig, coalesce(${column}, '')), '${sql.raw(weights[Math.min(i, 3)])}')`,
  );
  return sql.join(parts, sql` || `);
}

/** The words of what a person typed, or [] when there is nothing to search. */
export function searchWords(text: string): string[] {
  return (text.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/**
 * The tsquery for what a person typed: every word must match, as a prefix of
 * a stem. Null when there is nothing to search. Words are reduced to letters
 * and digits, so nothing the person types reaches the tsquery syntax.
 */
export function searchQuery(text: string): SQL | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  const terms = words.map((word) => {
    const term = sql`to_tsquery('maillage_fr'::regconfig, ${word + ":*"})`;
    // The stemmer keeps some plurals ("vélos" stays "velos"): also try the
    // word without its final s or x, so a plural finds the singular.
    const singular = /^(.{3,})[sx]$/iu.exec(word)?.[1];
    return singular ? sql`(${term} || to_tsquery('maillage_fr'::regconfig, ${singular + ":*"}))` : term;
  });
  return sql`(${sql.join(terms, sql` && `)})`;
}

/** `vector @@ query`: use in a WHERE clause. */
export function matches(vector: AnyPgColumn | SQL, query: SQL): SQL {
  return sql`${vector} @@ ${query}`;
}

/** A relevance score for ORDER BY ... DESC (title matches weigh more). */
export function relevance(vector: AnyPgColumn | SQL, query: SQL): SQL<number> {
  return sql<number>`ts_rank_cd(${vector}, ${query})`;
}

/** The rows of a raw `db.execute`: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows);
}
