import "server-only";
// Public reads: only published conventions, only the fields the publication itself shows. The public list is
// read a page at a time (the page's rows and the count of those that match, side by side), so what it sends and
// renders does not grow with the number of conventions; the open-data exports read them all (./open-data.ts).
import { db } from "../db";
import { Prisma } from "@/generated/prisma/client";
import type { IsoDate } from "@/domain/dates";
import { FOLDED_LETTERS, PUBLIC_PAGE_SIZE, pageCountOf, searchPattern, type PublicConventionsParams } from "@/domain/public-conventions";

export interface PublishedConvention {
  id: string;
  fastCall: string;
  startupName: string;
  startupSlug: string;
  fastFundingCents: bigint;
  signedOn: IsoDate | null;
  endsOn: IsoDate;
  publicationUrl: string | null;
  dataGouvUrl: string | null;
  /** Acronym of the partner's organisation ("—" if none). */
  partner: string;
  /** Acronym of the délégataire's organisation ("—" if none). */
  delegataire: string;
}

export interface PublishedConventionsPage {
  rows: PublishedConvention[];
  /** Published conventions matching the search, every page. */
  total: number;
  /** The page read: the one asked for, or the last one if it asked beyond. */
  page: number;
  pageCount: number;
  pageSize: number;
}

type Client = Pick<ReturnType<typeof db>, "$queryRaw">;

/** A text column folded as the search is (FOLDED_LETTERS, then lower case). */
const folded = (column: string) => Prisma.raw(`lower(translate(${column}, '${FOLDED_LETTERS.from}', '${FOLDED_LETTERS.to}'))`);

/** The published conventions matching the search (`c` is the convention). */
function matching(q: string): Prisma.Sql {
  const pattern = searchPattern(q);
  if (!pattern) return Prisma.sql`c.published`;
  return Prisma.sql`c.published AND (
    ${folded("c.startup_name")} LIKE ${pattern}
    OR ${folded("c.fast_call")} LIKE ${pattern}
    OR EXISTS (
      SELECT 1 FROM convention_party p JOIN organisation o ON o.id = p.organisation_id
      WHERE p.convention_id = c.id AND p.role IN ('PARTENAIRE', 'DELEGATAIRE')
        AND (${folded("o.acronym")} LIKE ${pattern} OR ${folded("o.name")} LIKE ${pattern})))`;
}

interface Row {
  id: string;
  fastCall: string;
  startupName: string;
  startupSlug: string;
  funding: string;
  signedOn: string | null;
  endsOn: string;
  publicationUrl: string | null;
  dataGouvUrl: string | null;
  partner: string | null;
  delegataire: string | null;
}

/** One page of rows, newest signature first (then by reference, so that pages never overlap). */
async function pageRows(client: Client, where: Prisma.Sql, page: number, pageSize: number): Promise<PublishedConvention[]> {
  const rows = await client.$queryRaw<Row[]>`
    SELECT c.id::text AS id, c.fast_call AS "fastCall", c.startup_name AS "startupName", c.startup_slug AS "startupSlug",
      c.fast_funding_cents::text AS funding, to_char(c.signed_on, 'YYYY-MM-DD') AS "signedOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn",
      c.publication_url AS "publicationUrl", c.data_gouv_url AS "dataGouvUrl",
      (SELECT o.acronym FROM convention_party p JOIN organisation o ON o.id = p.organisation_id WHERE p.convention_id = c.id AND p.role = 'PARTENAIRE' LIMIT 1) AS partner,
      (SELECT o.acronym FROM convention_party p JOIN organisation o ON o.id = p.organisation_id WHERE p.convention_id = c.id AND p.role = 'DELEGATAIRE' LIMIT 1) AS delegataire
    FROM convention c
    WHERE ${where}
    ORDER BY c.signed_on DESC NULLS LAST, c.reference ASC
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  return rows.map((r) => ({
    id: r.id,
    fastCall: r.fastCall,
    startupName: r.startupName,
    startupSlug: r.startupSlug,
    fastFundingCents: BigInt(r.funding),
    signedOn: r.signedOn,
    endsOn: r.endsOn,
    publicationUrl: r.publicationUrl,
    dataGouvUrl: r.dataGouvUrl,
    partner: r.partner ?? "—",
    delegataire: r.delegataire ?? "—",
  }));
}

/**
 * A page of the published conventions matching `params.q`, and how many match: the page's query and the
 * count run side by side; a page past the last reads the last one (a third query, only then).
 */
export async function publishedConventionsPage(params: PublicConventionsParams, pageSize: number = PUBLIC_PAGE_SIZE, client: Client = db()): Promise<PublishedConventionsPage> {
  const where = matching(params.q);
  const [rows, counted] = await Promise.all([
    pageRows(client, where, params.page, pageSize),
    client.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM convention c WHERE ${where}`,
  ]);
  const total = counted[0]?.total ?? 0;
  const pageCount = pageCountOf(total, pageSize);
  if (params.page <= pageCount) return { rows, total, page: params.page, pageCount, pageSize };
  return { rows: await pageRows(client, where, pageCount, pageSize), total, page: pageCount, pageCount, pageSize };
}
