-- Issue 15: FAST promotions, conventions drafted and signed in the app (brouillon → en signature → signée).

-- AlterTable
ALTER TABLE "convention" ADD COLUMN     "promotion_id" UUID,
ADD COLUMN     "sent_for_signature_on" DATE,
ADD COLUMN     "service_executant" TEXT,
ADD COLUMN     "startup_beta_url" TEXT;

-- CreateTable
CREATE TABLE "fast_promotion" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "envelope_cents" BIGINT NOT NULL,
    "announced_on" DATE NOT NULL,
    "starts_on" DATE,
    "ends_on" DATE,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fast_promotion_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "fast_promotion_envelope_not_negative" CHECK ("envelope_cents" >= 0),
    CONSTRAINT "fast_promotion_dates_in_order" CHECK ("starts_on" IS NULL OR "ends_on" IS NULL OR "starts_on" <= "ends_on")
);

-- CreateTable
CREATE TABLE "convention_signature" (
    "id" UUID NOT NULL,
    "convention_id" UUID NOT NULL,
    "party" "party_role" NOT NULL,
    "signed_on" DATE NOT NULL,
    "signatory_name" TEXT NOT NULL,
    "signatory_title" TEXT NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "convention_signature_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "convention_signature_signatory_given" CHECK (length(trim("signatory_name")) > 0 AND length(trim("signatory_title")) > 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "fast_promotion_name_key" ON "fast_promotion"("name");

-- CreateIndex
CREATE UNIQUE INDEX "convention_signature_convention_id_party_key" ON "convention_signature"("convention_id", "party");

-- AddForeignKey
ALTER TABLE "convention" ADD CONSTRAINT "convention_promotion_id_fkey" FOREIGN KEY ("promotion_id") REFERENCES "fast_promotion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "convention_signature" ADD CONSTRAINT "convention_signature_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "convention_signature" ADD CONSTRAINT "convention_signature_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill: a database that already holds conventions gets one promotion per FAST call they name (its envelope
-- the sum of their FAST funding, announced on the earliest signature), and each convention points to it.
INSERT INTO "fast_promotion" ("id", "name", "envelope_cents", "announced_on")
SELECT gen_random_uuid(), "fast_call", SUM("fast_funding_cents"), MIN(COALESCE("signed_on", "created_at"::date))
FROM "convention" GROUP BY "fast_call";
UPDATE "convention" c SET "promotion_id" = p."id" FROM "fast_promotion" p WHERE p."name" = c."fast_call";
