/**
 * The annual report's composition: the core sections (read by `prismaAnnualReportRows`, labelled with the profile's
 * names) followed by every feature module's own sections (`AppModule.reportSections`, e.g. complaints), mounted as
 * the `annual-report` console module.
 */
import { mount, type MountedModule } from '../console/console-module';
import { annualReportModule, coreReportSections, type ReportNames } from '../console/annual-report';
import { prismaAnnualReportRows } from '../infra/prisma/prisma-annual-report-rows';
import type { SalonSchedule } from '../domain/salon-schedule';
import type { ConsoleParts } from './console-parts';
import type { AppModule } from './modules/module';

/** The profile's names the core sections label their rows with. */
export function reportNames({ profile }: ConsoleParts): ReportNames {
  const named = (items: ReadonlyArray<{ code: string; name: string }>) => items.map(({ code, name }) => ({ code, name }));
  return {
    categories: named(profile.consultationCategories),
    districts: named(profile.districts),
    skills: named(profile.volunteer?.skills ?? []),
    plans: (profile.donations?.allocationPlans ?? []).map((p) => ({ fiscalYear: p.fiscalYear, purposes: p.purposes.map((x) => ({ code: x.code, name: x.name, budgetYen: x.budgetYen })) })),
    salons: profile.salons.map((s) => ({ code: s.code, name: s.name, schedule: s.schedule as SalonSchedule })),
  };
}

/** The report page with the core's sections and each feature's. */
export function annualReport(parts: ConsoleParts, features: readonly AppModule[]): MountedModule {
  const rows = prismaAnnualReportRows(parts.db);
  return mount(annualReportModule, parts.live(() => ({ sources: [coreReportSections(rows, reportNames(parts)), ...features.flatMap((m) => m.reportSections?.(parts) ?? [])] })));
}
