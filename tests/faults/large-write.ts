// A large write in one transaction, as the Chorus import will make it (issue 4): the convention locked,
// one import record, then N legal commitments (EJ) each with its initial movement and its audit entry,
// all under one actionId, committed at the end or not at all. Run by the fault tests, which kill it
// (SIGKILL) in the middle; it prints "ligne <n>" every 100 lines so they know where it is.
// Uses the app's own data layer (client, audit): DATABASE_URL for PostgreSQL, else PGLITE_DATA_DIR.
//   npx tsx tests/faults/large-write.ts [lines=2000]
import { parseEnv } from "../../src/server/env";
import { databaseTarget, openDatabase } from "../../src/server/db/client";
import { newAuditContext, recordAudit } from "../../src/server/db/audit";

const lines = Number(process.argv[2] ?? 2000);
const env = parseEnv(process.env);
const open = openDatabase(databaseTarget(env));
const prisma = open.prisma;

const convention = await prisma.convention.findUniqueOrThrow({ where: { reference: "FAST14-FCU" } });
const user = await prisma.user.findUniqueOrThrow({ where: { email: "gestionnaire@dnum-mte.example.fr" } });
const audit = newAuditContext({ userId: user.id, organisationId: user.organisationId, role: user.role });

await prisma.$transaction(
  async (tx) => {
    await tx.$queryRaw`SELECT id FROM "convention" WHERE id = ${convention.id}::uuid FOR UPDATE`;
    const run = await tx.chorusImport.create({
      data: {
        conventionId: convention.id,
        fileName: "extrait-pannes.csv",
        fileSha256: "0".repeat(64),
        format: "INF-BUD-53",
        linesRead: lines,
        linesCreated: lines,
        linesKnown: 0,
        linesIgnored: 0,
        importedById: user.id,
      },
    });
    await recordAudit(tx, audit, { kind: "chorus.import", conventionId: convention.id, entity: "chorusImport", entityId: run.id, after: { lines } });
    for (let i = 1; i <= lines; i++) {
      const ej = await tx.engagementJuridique.create({
        data: {
          conventionId: convention.id,
          chorusNumber: String(2_100_000_000 + i),
          lineNumber: 1,
          orderedOn: new Date("2024-06-03T00:00:00Z"),
          supplierName: `Fournisseur ${i}`,
          object: `Ligne d'essai ${i}`,
          marche: convention.marche,
          domaineFonctionnel: convention.domaineFonctionnel,
          centreFinancier: convention.centreFinancier,
          activite: convention.activite,
          centreDeCout: convention.centreDeCout,
          source: "IMPORT",
          chorusImportId: run.id,
          createdById: user.id,
          movements: { create: { kind: "INITIAL", movedOn: new Date("2024-06-03T00:00:00Z"), amountCents: 100n, createdById: user.id } },
        },
      });
      await recordAudit(tx, audit, { kind: "expenditure.ej", conventionId: convention.id, entity: "engagementJuridique", entityId: ej.id, after: { amountCents: 100 } });
      if (i % 100 === 0) console.log(`ligne ${i}`);
    }
  },
  { timeout: 600_000, maxWait: 60_000 },
);
console.log("fini");
await open.close();
