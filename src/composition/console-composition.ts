/**
 * The staff console's part of the composition root: the console modules, each with the repositories and the
 * bot's wording it needs, and the shell's own parts. `app.ts` registers the result; nothing else imports both
 * the console and the infrastructure.
 *
 * A feature's console pages are mounted by its module (`AppModule.console`, src/modules/<feature>.ts); this file
 * holds the shell's parts and the core pages.
 */
import { easyJapaneseCheck } from './easy-japanese-check';
import { recipientsFor } from '../bot/broadcasts/run-broadcasts';
import { mount } from '../console/console-module';
import type { ConsoleOptions } from '../console/console-plugin';
import { auditModule } from '../console/audit';
import { easyJapaneseModule } from '../console/easy-japanese';
import { retentionModule } from '../console/retention';
import { PrismaHousekeepingRuns } from '../infra/prisma/prisma-retention';
import { auditActionLabel } from '../console/audit/audit-routes';
import { broadcastsModule, type BroadcastConsole } from '../console/broadcasts';
import { countByLanguage } from '../console/broadcasts/language-counts';
import { homeModule } from '../console/home';
import { residentsModule, type ResidentsConsole } from '../console/residents';
import { staffModule, type StaffConsole } from '../console/staff';
import { consoleLabels, threadsModule, type ThreadsConsoleDeps } from '../console/threads';
import type { ThreadActionDeps } from '../usecases/threads/thread-deps';
import { Argon2PasswordHasher } from '../infra/argon2-password-hasher';
import { PROJECT_ROOT } from '../infra/prisma/migrations';
import { corePersonalData } from '../infra/prisma/core-personal-data';
import { ERASURE_RULES } from '../infra/prisma/erasure-rules';
import { erasureRepositories, PrismaResidentData, type PersonalDataPart } from '../infra/prisma/personal-data';
import { PrismaAuditLog } from '../infra/prisma/prisma-audit-log';
import { PrismaDataRequests } from '../infra/prisma/prisma-data-requests';
import { broadcastRepositories, PrismaBroadcastAdmin } from '../infra/prisma/prisma-broadcast-admin';
import { PrismaBroadcastStore } from '../infra/prisma/prisma-broadcast-store';
import { prismaDeliveryCounts } from '../infra/prisma/prisma-delivery-counts';
import { prismaDayAtGlance } from '../infra/prisma/prisma-day-at-glance';
import type { SalonSchedule } from '../domain/salon-schedule';
import { PrismaUnitOfWork } from '../infra/prisma/prisma-unit-of-work';
import { prismaMeasuresSource } from '../infra/prisma/prisma-measures-source';
import { prismaQuotaRefusals } from '../infra/prisma/prisma-quota-refusals';
import { prismaSafetyReplies } from '../infra/prisma/prisma-safety-replies';
import { PrismaSessionStore } from '../infra/prisma/prisma-session-store';
import { PrismaLoginThrottle } from '../infra/prisma/prisma-login-throttle';
import { databaseKind } from '../infra/prisma/database';
import { PrismaStaffAccounts, PrismaStaffStore, staffAccountRepositories } from '../infra/prisma/prisma-staff-store';
import { PrismaStaffThreadStore } from '../infra/prisma/prisma-staff-threads';
import { PrismaTwoFactorStore, twoFactorRepositories } from '../infra/prisma/prisma-two-factor';
import { OtpauthAuthenticator } from '../infra/otpauth-authenticator';
import { SecretBox } from '../infra/secret-box';
import { threadActionDeps } from './staff-actions';
import { PrismaReferrals } from '../infra/prisma/prisma-referrals';
import { threadRepositories } from '../infra/prisma/prisma-staff-threads';
import { referralAskNotice, referredNotice } from '../bot/consultation/notices';
import type { ReferralDeps } from '../usecases/threads/refer-consultation';
import type { AppModule } from './modules/module';
import { sharedParts, type ConsoleParts, type SharedParts } from './console-parts';
import { annualReport } from './annual-report';
import { settingsModule, type ResidentPreview, type ResidentScenario, type SettingsConsole } from '../console/settings';
import { previewConversation } from '../bot/preview/resident-preview';
import { councilView } from '../bot/render/council-view';
import type { ProcessorDeps } from '../bot/pipeline/plan-webhook-event';
import { PROFILE_TEXT_LANGUAGES, type CouncilProfile } from '../domain/council-profile';
import { LANGUAGE_NAMES } from '../console/shared/language-names';
import { PrismaSettings } from '../infra/prisma/prisma-settings';
import { exportProfileYaml, readProfileText } from '../infra/settings-file';



/**
 * The console plugin's options: the shell's stores and the console modules, in the order of their navigation — the
 * core pages (home, inbox and threads, the audit log, announcements), then each feature module's pages.
 */
export function composeConsole(parts: ConsoleParts, features: readonly AppModule[], box: SecretBox = new SecretBox(undefined)): ConsoleOptions {
  const { db } = parts;
  const shared = sharedParts(parts);
  return {
    twoFactor: { store: new PrismaTwoFactorStore(db, box), work: new PrismaUnitOfWork(db, twoFactorRepositories(box)), auth: new OtpauthAuthenticator(), get issuer() { return parts.profile.council.name; } },
    staff: new PrismaStaffStore(db),
    sessions: new PrismaSessionStore(db),
    audit: new PrismaAuditLog(db),
    hasher: new Argon2PasswordHasher(),
    clock: parts.clock,
    projectRoot: PROJECT_ROOT,
    quotaRefusals: prismaQuotaRefusals(db),
    // Several instances may serve the console on PostgreSQL: they count failed logins together. SQLite has one.
    ...(databaseKind(parts.databaseUrl) === 'postgresql' ? { loginThrottle: new PrismaLoginThrottle(db) } : {}),
    modules: [
      mount(homeModule, parts.live(() => ({ delivery: prismaDeliveryCounts(db), glance: prismaDayAtGlance(db, parts.profile.salons.map((s) => ({ code: s.code, schedule: s.schedule as SalonSchedule })), parts.profile.messaging.monthlyPushBudget) }))),
      mount(threadsModule, parts.live(() => threadsDeps(parts))),
      mount(auditModule, {}),
      mount(retentionModule, parts.live(() => ({ policy: parts.profile.retention, runs: new PrismaHousekeepingRuns(db) }))),
      mount(staffModule, parts.live(() => staffDeps(parts, box))),
      mount(residentsModule, residentsDeps(parts, features)),
      mount(broadcastsModule, parts.live(() => broadcastsDeps(parts, shared))),
      mount(settingsModule, settingsDeps(parts)),
      ...features.flatMap((m) => m.console?.(parts, shared) ?? []),
      annualReport(parts, features),
      mount(easyJapaneseModule, { projectRoot: PROJECT_ROOT }),
    ],
  };
}

function staffDeps({ db, profile }: ConsoleParts, box: SecretBox): StaffConsole {
  return {
    accounts: new PrismaStaffAccounts(db),
    work: new PrismaUnitOfWork(db, staffAccountRepositories),
    twoFactorWork: new PrismaUnitOfWork(db, (tx) => ({ ...staffAccountRepositories(tx), twoFactor: new PrismaTwoFactorStore(tx, box) })),
    hasher: new Argon2PasswordHasher(),
    teams: profile.teams.map((t) => ({ code: t.code, name: t.name })),
  };
}

/** A resident's data on request: the core's personal data and every module's, and what the erasure rules keep. */
function residentsDeps({ db }: ConsoleParts, features: readonly AppModule[]): ResidentsConsole {
  const parts: PersonalDataPart[] = [corePersonalData, ...features.flatMap((m) => (m.personalData ? [m.personalData] : []))];
  const rules = Object.entries(ERASURE_RULES);
  return {
    data: new PrismaResidentData(db, parts),
    requests: new PrismaDataRequests(db),
    erasure: new PrismaUnitOfWork(db, erasureRepositories(parts)),
    requestWork: new PrismaUnitOfWork(db, (tx) => ({ requests: new PrismaDataRequests(tx), audit: new PrismaAuditLog(tx) })),
    actionLabel: auditActionLabel,
    rules: {
      kept: rules.flatMap(([, r]) => (r.rule === 'anonymise' ? [r.staff] : [])),
      deleted: rules.flatMap(([, r]) => (r.rule === 'delete' ? [r.staff] : [])),
    },
  };
}

function threadsDeps(parts: ConsoleParts): ThreadsConsoleDeps {
  const { db, profile, bot } = parts;
  const threads = new PrismaStaffThreadStore(db);
  let actions: ThreadActionDeps | undefined;
  return {
    threads,
    labels: consoleLabels(profile),
    actions: () => (actions ??= threadActionDeps(bot(), db)),
    measures: prismaMeasuresSource(db, profile.businessHours),
    safetyReplies: prismaSafetyReplies(db),
    referrals: referralsDeps(parts),
  };
}

/** Consents and referrals on the conversation page: the store, the use case's dependencies and the profile's partners. */
function referralsDeps({ db, profile, bot }: ConsoleParts): NonNullable<ThreadsConsoleDeps['referrals']> {
  let actions: ReferralDeps | undefined;
  const topics = new Map(profile.consultationCategories.map((c) => [c.code, c.consentTopics]));
  return {
    reader: new PrismaReferrals(db),
    partners: profile.partners.map((p) => ({ code: p.code, name: p.name, kind: p.kind })),
    topicsOf: (code) => topics.get(code) ?? [],
    // Built on first use: the bot's translator and council view exist only once the service is built.
    actions: () => {
      if (actions) return actions;
      const b = bot();
      actions = {
        work: new PrismaUnitOfWork(db, (tx) => ({ ...threadRepositories(tx), referrals: new PrismaReferrals(tx) })),
        clock: b.clock,
        ids: b.ids,
        partners: b.council.partners ?? [],
        notices: { ask: (p, ref, id) => referralAskNotice(b.translator, p, ref, id), referred: (p, ref) => referredNotice(b.translator, p, ref) },
      };
      return actions;
    },
  };
}

function broadcastsDeps({ db, databaseUrl, profile, translator }: ConsoleParts, { eventAdmin, districts }: SharedParts): BroadcastConsole {
  const admin = new PrismaBroadcastAdmin(db);
  const followers = new PrismaBroadcastStore(db, databaseUrl);
  return {
    admin,
    easyJapanese: easyJapaneseCheck,
    quietHours: profile.messaging.quietHours,
    districts,
    salons: profile.salons.map((s) => ({ code: s.code, name: s.name, district: s.district })),
    readMore: (language) => translator.t(language, 'common:readMore'),
    events: async (now) =>
      (await eventAdmin.upcoming(now)).map((e) => ({ id: e.id, title: e.title.ja, startsAt: e.startsAt })),
    useCases: {
      work: new PrismaUnitOfWork(db, broadcastRepositories),
      admin,
      estimate: async (targeting) => (await recipientsFor(followers, targeting)).length,
      monthlyPushBudget: profile.messaging.monthlyPushBudget,
    },
    recipientLanguages: async (targeting) => countByLanguage(await recipientsFor(followers, targeting)),
    sentLanguages: (ids) => admin.sentByLanguage(ids),
  };
}

/** The settings pages: the store, saves in one transaction with their audit row, and the profile file's text. */
function settingsDeps({ db, settings, bot }: ConsoleParts): SettingsConsole {
  return {
    current: () => settings.profile,
    stamp: () => settings.stamp,
    refresh: () => settings.tryRefresh(),
    useCases: { work: new PrismaUnitOfWork(db, (tx) => ({ settings: new PrismaSettings(tx), audit: new PrismaAuditLog(tx) })), history: new PrismaSettings(db), file: settings.file },
    file: { write: exportProfileYaml, read: readProfileText },
    residentView: (profile, s) => residentView(bot(), profile, s),
    easyJapanese: easyJapaneseCheck,
  };
}

/**
 * The preview of settings not saved yet, through the bot's real flows and renderer, in each language the profile has
 * texts of its own for (the other languages read the easy-Japanese texts within their own wording).
 */
async function residentView(b: ProcessorDeps, profile: CouncilProfile, s: ResidentScenario): Promise<ResidentPreview> {
  const council = councilView(profile);
  return Promise.all(
    PROFILE_TEXT_LANGUAGES.map(async (language) => ({
      language: LANGUAGE_NAMES[language],
      bubbles: await previewConversation(b, council, { ...s, language }).catch((e: unknown) => {
        b.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'settings preview could not be drawn');
        return null;
      }),
    })),
  );
}
