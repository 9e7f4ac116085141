-- CreateTable
CREATE TABLE "SettingsVersion" (
    "seq" SERIAL NOT NULL,
    "section" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "document" TEXT,
    "kind" TEXT NOT NULL,
    "undoOf" INTEGER,
    "staffId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SettingsVersion_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "SettingsVersion_section_seq_idx" ON "SettingsVersion"("section", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "SettingsVersion_section_version_key" ON "SettingsVersion"("section", "version");
