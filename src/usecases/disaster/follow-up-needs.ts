/**
 * The follow-up after 完了, run by the module's job: each need done for the profile's `followUpDays` and not yet
 * followed up since it was done (`followUpDue`) is asked once, in one transaction per need: its LINE reporters get
 * "is anything still needed?" with three answers (more, fine, talk — the LINE side answers them), followedUpAt is
 * set, and an audit row says so. A need without a LINE reporter is marked followed up all the same (staff phone
 * those households). A second run, or a second process, finds it followed up and asks nothing.
 */
import { DAY_MS } from '../../domain/japan-time';
import { followUpDue } from '../../domain/disaster/needs';
import { tellReporters } from './move-need';
import type { NeedsDeps } from './needs-deps';

/** Follows up every need due at `now`; returns how many. */
export async function followUpNeeds(deps: NeedsDeps, now: Date): Promise<number> {
  const days = deps.settings.followUpDays;
  const candidates = await deps.work.run(({ needs }) => needs.doneNeeds(new Date(now.getTime() - days * DAY_MS)));
  let done = 0;
  for (const c of candidates.filter((n) => followUpDue({ status: 'done', statusSince: n.statusSince, followedUpAt: n.followedUpAt }, now, days))) {
    const asked = await deps.work.run(async (repos) => {
      if (!(await repos.needs.markFollowedUp(c.id, c.statusSince, now))) return false;
      const need = await repos.needs.need(c.id);
      const notice = deps.notices.followUp(c.id, { centreName: c.centreName, referenceNo: c.referenceNo });
      const told = await tellReporters(repos, deps, await repos.needs.reporters(c.id), notice, { drill: c.drill, needId: c.id, centreId: need?.centreId ?? '', now, reason: 'needFollowUp' });
      await repos.audit.record({ staffId: null, action: 'disaster.need.followUp', subjectType: 'need', subjectId: c.id, detail: { told, drill: c.drill }, at: now });
      return true;
    });
    if (asked) done += 1;
  }
  return done;
}
