import { v7 } from "uuid";

/**
 * The id of a row the app writes itself (the Chorus import's COPY): a UUID version 7 (RFC 9562), as Prisma's
 * `@default(uuid(7))` gives every row it creates (prisma/schema.prisma) — one kind of primary key in every
 * model. Ids that are no row's primary key (an audit action's, a cursor's name) come from node:crypto.
 * Time-ordered: rows written together get neighbouring ids, so their primary-key entries (and those of the
 * indexes and foreign keys that point at them) go to the same few pages instead of pages all over each index.
 * Measured on the bench database (0.7–1.2 M EJs), the 85 000 EJs and 85 000 movements of a 100 000-line import
 * written again by PostgreSQL alone: 2.25–2.55 s with these ids, 2.80–2.89 s with random (version 4) ones,
 * runs alternated (docs/adr/0008).
 * Never a secret (its creation time in clear, 74 random bits): tokens come from crypto.randomBytes.
 */
export const newRowId = (): string => v7();
