import "server-only";
import { db } from "../db";

/** The notices between the parties of a convention, latest first: the year and credits they are about, who answered. */
export async function listNotices(conventionId: string) {
  const rows = await db().partyNotice.findMany({
    where: { conventionId },
    orderBy: { sentAt: "desc" },
    include: { author: { select: { fullName: true } }, answeredBy: { select: { fullName: true } } },
  });
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    year: n.year,
    creditType: n.creditType,
    amountCents: n.amountCents,
    message: n.message,
    authorName: n.author.fullName,
    sentAt: n.sentAt,
    answeredAt: n.answeredAt,
    answer: n.answer,
    answeredByName: n.answeredBy?.fullName ?? null,
  }));
}
