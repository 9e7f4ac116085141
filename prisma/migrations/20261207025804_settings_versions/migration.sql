-- CreateTable
CREATE TABLE "SettingsVersion" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "section" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "document" TEXT,
    "kind" TEXT NOT NULL,
    "undoOf" INTEGER,
    "staffId" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SettingsVersion_section_seq_idx" ON "SettingsVersion"("section", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "SettingsVersion_section_version_key" ON "SettingsVersion"("section", "version");
