import { inEveryLanguage } from '../../bot/render/i18n';
import { disasterPersonalData } from '../../infra/prisma/disaster-personal-data';
import { randomInt } from 'node:crypto';
import { DRILL_MARK } from '../../domain/disaster/centre';
import { disasterPipeline } from '../../bot/disaster/pipeline';
import { disasterSettings } from '../../bot/disaster/settings';
import { switchRichMenu } from '../../bot/rich-menu/deploy-rich-menu';
import { disasterWriter } from '../../infra/prisma/disaster-statements';
import { PrismaDisasterStore } from '../../infra/prisma/prisma-disaster-store';
import { placeNotices } from '../../bot/disaster/place-notices';
import { mount } from '../../console/console-module';
import { disasterModule as disasterConsole, type DisasterConsole } from '../../console/disaster';
import { PrismaDisasterAdmin, disasterRepositories } from '../../infra/prisma/prisma-disaster-admin';
import { PrismaUnitOfWork } from '../../infra/prisma/prisma-unit-of-work';
import type { DisasterJobDeps, MenuName } from '../../usecases/disaster/disaster-deps';
import { drawDueDays } from '../../usecases/disaster/draw-due-days';
import { followUpNeeds } from '../../usecases/disaster/follow-up-needs';
import type { NeedsDeps } from '../../usecases/disaster/needs-deps';
import type { AlertThreadDeps } from '../../usecases/threads/open-alert-threads';
import { renderOutMessages } from '../../bot/render/render-message';
import { msg } from '../../domain/message-text';
import { localizedName } from '../../domain/council-profile';
import { randomIds } from '../../infra/system';
import { needNotices } from '../../bot/disaster/need-notices';
import { dispatchNotices } from '../../bot/disaster/dispatch-notices';
import { PrismaTeamsRepository, teamsRepositories } from '../../infra/prisma/prisma-teams';
import type { TeamsDeps } from '../../usecases/disaster/teams-deps';
import { PrismaNeedsRepository, needsRepositories } from '../../infra/prisma/prisma-needs-admin';
import { PrismaNeedsYear } from '../../infra/prisma/prisma-needs-report';
import { PrismaFieldRepository, PrismaFieldTeams, fieldRepositories } from '../../infra/prisma/prisma-field-reports';
import type { FieldDeps } from '../../usecases/disaster/field-deps';
import { fileFieldReport } from '../../usecases/disaster/file-field-report';
import { raiseFieldAlert } from '../../usecases/disaster/raise-field-alert';
import type { DisasterWrite } from '../../domain/disaster/store';
import type { StepCommit } from '../../domain/stores';
import type { Db } from '../../infra/prisma/database';
import type { ModuleWriter } from '../../infra/prisma/module-writer';
import { offerReleasedPlaces } from '../../usecases/disaster/offer-released-places';
import { named, type ConsoleParts, type SharedParts } from '../console-parts';
import { recipientsFor } from '../../bot/broadcasts/run-broadcasts';
import { figuresSummary } from '../../bot/disaster/figures-summary';
import { safetyNotices } from '../../bot/disaster/safety-notices';
import { PrismaBroadcastAdmin, broadcastRepositories } from '../../infra/prisma/prisma-broadcast-admin';
import { PrismaBroadcastStore } from '../../infra/prisma/prisma-broadcast-store';
import { PrismaDailyFigures } from '../../infra/prisma/prisma-daily-figures';
import { PrismaFieldSafety, fieldSafetyRepositories } from '../../infra/prisma/prisma-field-safety';
import type { SafetyConsole } from '../../console/disaster/safety-routes';
import type { FieldSafetyDeps } from '../../usecases/disaster/field-safety-deps';
import { flagOverdueTeams } from '../../usecases/disaster/flag-overdue-teams';
import { remindTeams } from '../../usecases/disaster/remind-teams';
import type { AppModule, ModuleDeps } from './module';

/** What the disaster module is wired with besides the module parts: the LINE menu switch, and randomness. */
export interface DisasterWiring {
  /**
   * Switches every resident's LINE menu. Default: `switchRichMenu` of src/bot/rich-menu over the console's LINE
   * adapter; tests record the switches instead.
   */
  richMenu?(to: MenuName): Promise<void>;
  /** Values in [0, 1): draw seeds and check-in codes. */
  random(): number;
}

const RANDOM_RANGE = 2 ** 47;

/** Cryptographic randomness in [0, 1): nobody can foresee a draw's seed or a day's check-in code. */
export function secureRandom(): number {
  return randomInt(RANDOM_RANGE) / RANDOM_RANGE;
}

/**
 * The disaster volunteer centre: in LINE, disaster mode while a centre runs, its pool, applications and check-in
 * (pipeline and writer); its console pages (centres, pool, dates, reception) and its jobs (the draw when a window
 * closes; releasing places not reconfirmed and offering them to the waitlist). `wiring` lets tests record the
 * menu switches and fix the randomness.
 */
export function disasterModuleWith(wiring: DisasterWiring): AppModule {
  return {
    id: 'disaster',
    personalData: disasterPersonalData,
    pipeline: (d) =>
      disasterPipeline({
        store: new PrismaDisasterStore(d.db),
        settings: disasterSettings(d.profile),
        translator: d.translator,
        field: { teams: new PrismaFieldTeams(d.db), monthlyPushBudget: d.profile.messaging.monthlyPushBudget, onDutyLineUserIds: d.profile.consultation.onDutyLineUserIds },
      }),
    writer: fieldWriter,
    console: (parts, shared) => (parts.profile.disaster ? [mount(disasterConsole, parts.live(() => disasterDeps(parts, shared, wiring)))] : []),
    jobs: (d) => {
      const deps = jobDeps(d, wiring);
      const needs = d.profile.disaster ? needsDeps(d, wiring) : null;
      const safety = d.profile.disaster ? safetyDeps(d) : null;
      return [
        {
          name: 'disaster centre: draw dates whose window closed',
          every: 'minute',
          async run() {
            const drawn = await drawDueDays(deps, d.clock.now());
            if (drawn) d.logger.info({ drawn }, 'disaster centre: dates drawn');
          },
        },
        {
          name: 'disaster centre: release places not reconfirmed, offer them to the waitlist',
          every: 'minute',
          async run() {
            const { released, offered } = await offerReleasedPlaces(deps, d.clock.now());
            if (released || offered) d.logger.info({ released, offered }, 'disaster centre: places released and offered');
          },
        },
        ...(needs
          ? [
              {
                name: 'disaster centre: ask households some days after 完了 whether anything is still needed',
                every: 'minute' as const,
                async run() {
                  const asked = await followUpNeeds(needs, d.clock.now());
                  if (asked) d.logger.info({ asked }, 'disaster centre: needs followed up');
                },
              },
            ]
          : []),
        ...(safety
          ? [
              {
                name: 'disaster centre: break and water reminders to the leaders of teams out',
                every: 'minute' as const,
                async run() {
                  const reminded = await remindTeams(safety, d.clock.now());
                  if (reminded) d.logger.info({ reminded }, 'disaster centre: leaders reminded');
                },
              },
              {
                name: 'disaster centre: flag teams not back by the day\'s end',
                every: 'minute' as const,
                async run() {
                  const overdue = await flagOverdueTeams(safety, d.clock.now());
                  if (overdue) d.logger.warn({ overdue }, 'disaster centre: teams not back by the day\'s end');
                },
              },
            ]
          : []),
      ];
    },
  };
}

/** The safety use cases' dependencies (console and jobs alike). */
export function safetyDeps(d: Pick<ModuleDeps, 'db' | 'profile' | 'translator'>): FieldSafetyDeps {
  return { work: new PrismaUnitOfWork(d.db, fieldSafetyRepositories), notices: safetyNotices(d.translator), monthlyPushBudget: d.profile.messaging.monthlyPushBudget, teamsBackBy: d.profile.disaster!.teamsBackBy, reminderMinutes: d.profile.disaster!.heat.reminderMinutes };
}

function safetyConsole({ db, databaseUrl, profile, translator }: ConsoleParts): SafetyConsole {
  const broadcastAdmin = new PrismaBroadcastAdmin(db);
  const followers = new PrismaBroadcastStore(db, databaseUrl);
  return {
    admin: new PrismaDisasterAdmin(db),
    reads: new PrismaFieldSafety(db),
    useCases: safetyDeps({ db, profile, translator }),
    figures: new PrismaDailyFigures(db),
    broadcasts: { work: new PrismaUnitOfWork(db, broadcastRepositories), admin: broadcastAdmin, estimate: async (t) => (await recipientsFor(followers, t)).length, monthlyPushBudget: profile.messaging.monthlyPushBudget },
    summary: (facts) => figuresSummary(translator, facts),
    templates: (kind) => inEveryLanguage(translator, `disasterSafety:urgent.${kind}`),
    staleHours: profile.disaster!.needs.staleHours,
    bring: profile.disaster!.orientation.bring,
  };
}
/**
 * The field's LINE writes through their use cases, each in its own transaction before the step's statements: the
 * leader's report (refused when the team has one, so a retried event files nothing twice) and the 緊急 alert (taps
 * close together raise one).
 */
async function fieldWrites(db: Db, data: unknown, c: StepCommit): Promise<void> {
  const w = data as DisasterWrite;
  const work = new PrismaUnitOfWork(db, fieldRepositories);
  if (w.fieldReport) {
    const { teamId, report, notices, monthlyPushBudget } = w.fieldReport;
    const deps: FieldDeps = { work, notices: { status: (kind) => notices[kind === 'done' ? 'done' : 'continuing'] }, monthlyPushBudget };
    await fileFieldReport(deps, teamId, report, { channel: 'line', residentId: c.residentId, at: c.now });
  }
  if (w.fieldAlert) await raiseFieldAlert(work, w.fieldAlert.teamId, c.residentId, c.now, { ids: randomIds, ...w.fieldAlert.onDuty });
}

const fieldWriter: ModuleWriter = { ...disasterWriter, before: fieldWrites };

export const disasterModule: AppModule = disasterModuleWith({ random: secureRandom });

function jobDeps(d: ModuleDeps, wiring: DisasterWiring): DisasterJobDeps {
  return {
    work: new PrismaUnitOfWork(d.db, disasterRepositories),
    notices: { place: placeNotices(d.translator) },
    random: wiring.random,
    monthlyPushBudget: d.profile.messaging.monthlyPushBudget,
    quietHours: d.profile.messaging.quietHours,
  };
}

/** The needs use cases' dependencies (console and job alike). */
function needsDeps(d: Pick<ModuleDeps, 'db' | 'profile' | 'translator'>, wiring: DisasterWiring): NeedsDeps {
  const n = d.profile.disaster!.needs;
  return {
    work: new PrismaUnitOfWork(d.db, needsRepositories),
    notices: needNotices(d.translator),
    random: wiring.random,
    monthlyPushBudget: d.profile.messaging.monthlyPushBudget,
    settings: { screening: n.screening, staleHours: n.staleHours, followUpDays: n.followUpDays, duplicateRadiusMetres: n.duplicateRadiusMetres },
    alerts: alertThreadDeps(d),
  };
}

/** The field use cases' dependencies (the return report, the 緊急 alert): console and LINE alike. */
export function fieldDeps(d: Pick<ModuleDeps, 'db' | 'profile' | 'translator'>): FieldDeps {
  return { work: new PrismaUnitOfWork(d.db, fieldRepositories), notices: needNotices(d.translator), monthlyPushBudget: d.profile.messaging.monthlyPushBudget };
}

/**
 * The core's alert threads as this module raises them (危機介入): on-duty staff get the console's urgent notice, in
 * Japanese, marked 【訓練】 when the centre is a drill.
 */
export function alertThreadDeps({ profile, translator }: Pick<ModuleDeps, 'profile' | 'translator'>): AlertThreadDeps {
  const notice = renderOutMessages([{ lines: [msg('handoff:onDutyAlertRaised', { council: localizedName(profile.council, 'ja') })] }], translator.forLanguage('ja'));
  const drillNotice = notice.map((m, i) => (i === 0 && m.type === 'text' ? { ...m, text: `${DRILL_MARK}${m.text}` } : m));
  return { ids: randomIds, onDuty: { lineUserIds: profile.consultation.onDutyLineUserIds, notice, drillNotice } };
}

/** The teams use cases' dependencies. */
export function teamsDeps(d: Pick<ModuleDeps, 'db' | 'profile' | 'translator'>): TeamsDeps {
  return { work: new PrismaUnitOfWork(d.db, teamsRepositories), dispatch: dispatchNotices(d.translator), needNotices: needNotices(d.translator), monthlyPushBudget: d.profile.messaging.monthlyPushBudget };
}

function disasterDeps(parts: ConsoleParts, { districts }: SharedParts, wiring: DisasterWiring): DisasterConsole {
  const { db, profile, richMenus, translator } = parts;
  const disaster = profile.disaster!;
  const richMenu = wiring.richMenu ?? (async (to: MenuName) => void (await switchRichMenu(richMenus(), to)));
  return {
    admin: new PrismaDisasterAdmin(db),
    useCases: { work: new PrismaUnitOfWork(db, disasterRepositories), richMenu, random: wiring.random },
    districts,
    skills: named(disaster.skills),
    disasterPlans: [...disaster.insurance.disasterPlans],
    lineBasicId: disaster.lineBasicId,
    monthlyPushBudget: profile.messaging.monthlyPushBudget,
    quietHours: profile.messaging.quietHours,
    needs: { read: new PrismaNeedsRepository(db), year: new PrismaNeedsYear(db), useCases: needsDeps({ db, profile, translator }, wiring), districts },
    safety: safetyConsole(parts),
    fieldSafety: new PrismaFieldSafety(db),
    heatReminderMinutes: disaster.heat.reminderMinutes,
    teams: { read: new PrismaTeamsRepository(db), needs: new PrismaNeedsRepository(db), useCases: teamsDeps({ db, profile, translator }), skills: named(disaster.skills) },
    field: { read: new PrismaFieldRepository(db), useCases: fieldDeps({ db, profile, translator }) },
  };
}

