-- CreateTable
CREATE TABLE "convention_standing" (
    "convention_id" UUID NOT NULL,
    "rules_version" INTEGER NOT NULL,
    "computed_on" DATE NOT NULL,
    "segments" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "convention_standing_pkey" PRIMARY KEY ("convention_id")
);

-- CreateIndex
CREATE INDEX "convention_standing_rules_version_idx" ON "convention_standing"("rules_version");

-- AddForeignKey
ALTER TABLE "convention_standing" ADD CONSTRAINT "convention_standing_convention_id_fkey" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE CASCADE ON UPDATE CASCADE;
