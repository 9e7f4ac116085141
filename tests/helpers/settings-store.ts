import { fileURLToPath } from 'node:url';
import type { CouncilProfile } from '../../src/domain/council-profile';
import type { Db } from '../../src/infra/prisma/database';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { PrismaAuditLog } from '../../src/infra/prisma/prisma-audit-log';
import { PrismaSettings } from '../../src/infra/prisma/prisma-settings';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import type { SettingsDeps } from '../../src/usecases/settings/settings-deps';

/** The demo profile file's path. */
export const DEMO_PROFILE_PATH = fileURLToPath(new URL('../../profiles/demo-council.yaml', import.meta.url));

/** The demo profile as the loader reads it. */
export function demoProfile(): CouncilProfile {
  return loadCouncilProfile(DEMO_PROFILE_PATH);
}

/** The settings use cases' dependencies on `db`, laid over `file`: the store and the audit log in one transaction. */
export function settingsDeps(db: Db, file: CouncilProfile): SettingsDeps {
  return {
    work: new PrismaUnitOfWork(db, (tx) => ({ settings: new PrismaSettings(tx), audit: new PrismaAuditLog(tx) })),
    history: new PrismaSettings(db),
    file,
  };
}
