-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "deactivated_at" TIMESTAMP(3);

-- Written by hand (the engine would add "kind" NOT NULL at once, which fails on a database holding
-- organisations): an existing organisation's kind is the party it already is in a convention (délégant first,
-- then délégataire), administration partenaire otherwise. Accounts already inactive count as deactivated.
ALTER TABLE "organisation" ADD COLUMN     "kind" "party_role",
ADD COLUMN     "siret" TEXT;
UPDATE "organisation" o SET "kind" = COALESCE(
  (SELECT p."role" FROM "convention_party" p WHERE p."organisation_id" = o."id"
    ORDER BY CASE p."role" WHEN 'DELEGANT' THEN 0 WHEN 'DELEGATAIRE' THEN 1 ELSE 2 END LIMIT 1),
  'PARTENAIRE');
ALTER TABLE "organisation" ALTER COLUMN "kind" SET NOT NULL;
UPDATE "app_user" SET "deactivated_at" = CURRENT_TIMESTAMP WHERE NOT "active";

-- CreateTable
CREATE TABLE "invitation" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "created_by_id" UUID,

    CONSTRAINT "invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitation_token_hash_key" ON "invitation"("token_hash");

-- CreateIndex
CREATE INDEX "invitation_user_id_idx" ON "invitation"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "organisation_siret_key" ON "organisation"("siret");

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Not expressible in the Prisma schema: a SIRET is 14 digits, a token hash a SHA-256 in hexadecimal, and a
-- link expires after it is created.
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_siret_check" CHECK ("siret" ~ '^[0-9]{14}$');
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_token_hash_check" CHECK ("token_hash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_expiry_check" CHECK ("expires_at" > "created_at");
