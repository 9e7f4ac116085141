// Under test: the return report's use case (fileFieldReport) on a temp SQLite file — the need moved with the report
// (完了 / 継続 with what remains on the need), equipment returned or marked missing, hours credited per member and
// counted in the linked volunteer's yearly hours (PrismaAnnualReport), the household's notice queued once, a second
// report refused with nothing written twice, a report with problems refused, a need the report cannot move kept
// apart for staff. Faked: the clock (values passed in), LINE (nothing is sent here: notices are rows).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PrismaAnnualReport } from '../../src/infra/prisma/prisma-annual-report';
import { fileFieldReport, type FieldReportInput } from '../../src/usecases/disaster/file-field-report';
import { createDisasterApp, poolMember, type DisasterTestApp } from '../helpers/disaster';
import { seedCentre } from '../helpers/disaster-centre';
import { lineResident, needNoticesQueued, seedNeed } from '../helpers/disaster-needs';
import { fieldDeps, seedTeam, volunteerFor } from '../helpers/disaster-field';

let t: DisasterTestApp;
beforeEach(async () => {
  t = await createDisasterApp();
});
afterEach(async () => {
  await t.close();
});

const at = new Date('2026-11-24T15:30:00+09:00');
const report = (o: Partial<FieldReportInput> = {}): FieldReportInput => ({ back: true, people: 3, hours: 4, done: '泥出しと家財の運び出し', outcome: 'done', allReturned: true, missing: [], ...o });

/** A centre, a need a LINE resident asked for (活動中), and a team of a leader, a member and a group of 2 out there with equipment. */
async function scene(needStatus = 'active') {
  const { centreId } = await seedCentre(t.db);
  const requester = await lineResident(t.db);
  const need = await seedNeed(t.db, centreId, { status: needStatus, reporters: [requester] });
  const leader = await poolMember(t.db, centreId, { name: '班長 一郎' });
  const member = await poolMember(t.db, centreId, { name: '班員 二郎' });
  const group = await poolMember(t.db, centreId, { kind: 'group', size: 2, groupName: '海岸町会' });
  const { teamId } = await seedTeam(t.db, { centreId, needId: need.id, memberIds: [leader.memberId, member.memberId, group.memberId], equipment: [{ code: 'shovel', count: 4 }, { code: 'wheelbarrow', count: 1 }] });
  return { centreId, need, requester, leader, member, group, teamId };
}

describe('fileFieldReport', () => {
  test('完了, everything returned: the need is done, the team back, hours per member, the household told once, the audit row without personal text', async () => {
    const s = await scene();
    const out = await fileFieldReport(fieldDeps(t), s.teamId, report({ remarks: '押し入れの奥がまだ濡れている' }), { channel: 'line', residentId: s.leader.residentId, at });
    expect(out).toEqual({ ok: true, needFrom: 'active', needTo: 'done', told: 1 });
    const team = await t.db.team.findUniqueOrThrow({ where: { id: s.teamId }, include: { members: { orderBy: { leader: 'desc' } }, report: true } });
    expect(team).toMatchObject({ status: 'back', backAt: at, equipment: '[]', missingEquipment: '[]' });
    expect(team.report).toMatchObject({ outcome: 'done', people: 3, hours: 4, channel: 'line', residentId: s.leader.residentId, remarks: '押し入れの奥がまだ濡れている' });
    expect(JSON.parse(team.report!.returned)).toEqual([{ code: 'shovel', count: 4 }, { code: 'wheelbarrow', count: 1 }]);
    const hours = new Map(team.members.map((m) => [m.memberId, [m.hours, m.personHours]]));
    expect(hours.get(s.leader.memberId)).toEqual([4, 4]);
    expect(hours.get(s.group.memberId)).toEqual([4, 8]);
    expect(await t.db.need.findUniqueOrThrow({ where: { id: s.need.id } })).toMatchObject({ status: 'done' });
    const notices = await needNoticesQueued(t.db);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to).toEqual([s.requester]);
    expect(notices[0]!.content.ja).toContain(s.need.referenceNo);
    const audit = await t.db.auditLog.findMany({ where: { action: 'disaster.team.report' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain('押し入れ');
    expect(audit[0]!.detail).not.toContain('泥出し');
  });

  test('継続 with a missing shovel: the need continues with what remains on it, one shovel written off, the rest returned', async () => {
    const s = await scene();
    const out = await fileFieldReport(fieldDeps(t), s.teamId, report({ outcome: 'continuing', remaining: '床下の泥が残っている', allReturned: false, missing: [{ code: 'shovel', count: 1 }] }), { channel: 'line', residentId: s.leader.residentId, at });
    expect(out).toMatchObject({ ok: true, needTo: 'continuing', told: 1 });
    const need = await t.db.need.findUniqueOrThrow({ where: { id: s.need.id }, include: { events: true } });
    expect(need.status).toBe('continuing');
    expect(need.notes).toContain('床下の泥が残っている');
    expect(need.events.find((e) => e.kind === 'status' && e.to === 'continuing')?.note).toBe('床下の泥が残っている');
    const team = await t.db.team.findUniqueOrThrow({ where: { id: s.teamId }, include: { report: true } });
    expect(JSON.parse(team.equipment)).toEqual([]);
    expect(JSON.parse(team.missingEquipment)).toEqual([{ code: 'shovel', count: 1 }]);
    expect(JSON.parse(team.report!.returned)).toEqual([{ code: 'shovel', count: 3 }, { code: 'wheelbarrow', count: 1 }]);
    expect((await needNoticesQueued(t.db))[0]!.content.ja).toMatch(/続き|継続/);
  });

  test('a second report (a second tap, or staff entering the paper one) is refused and writes nothing twice', async () => {
    const s = await scene();
    const deps = fieldDeps(t);
    expect((await fileFieldReport(deps, s.teamId, report(), { channel: 'line', residentId: s.leader.residentId, at })).ok).toBe(true);
    const again = await fileFieldReport(deps, s.teamId, report({ hours: 6 }), { channel: 'line', residentId: s.leader.residentId, at: new Date(at.getTime() + 60_000) });
    expect(again).toEqual({ ok: false, refused: 'reported' });
    const staff = await fileFieldReport(deps, s.teamId, report({ hours: 6 }), { channel: 'console', staff: { staffId: 'staff-1', ip: '127.0.0.1', at } });
    expect(staff).toEqual({ ok: false, refused: 'reported' });
    expect(await t.db.fieldReport.count()).toBe(1);
    expect(await needNoticesQueued(t.db)).toHaveLength(1);
    expect(await t.db.auditLog.count({ where: { action: 'disaster.team.report' } })).toBe(1);
    expect((await t.db.teamMember.findFirstOrThrow({ where: { memberId: s.leader.memberId } })).hours).toBe(4);
  });

  test('refused without writing: not the leader, problems (hours, more people than the team, continuing without what remains)', async () => {
    const s = await scene();
    const deps = fieldDeps(t);
    expect(await fileFieldReport(deps, s.teamId, report(), { channel: 'line', residentId: s.member.residentId, at })).toEqual({ ok: false, refused: 'notLeader' });
    const bad = await fileFieldReport(deps, s.teamId, report({ hours: 13, people: 5, outcome: 'continuing', remaining: ' ' }), { channel: 'line', residentId: s.leader.residentId, at });
    expect(bad).toEqual({ ok: false, refused: 'problems', problems: ['hours', 'people', 'remaining'] });
    expect(await t.db.fieldReport.count()).toBe(0);
    expect((await t.db.team.findUniqueOrThrow({ where: { id: s.teamId } })).status).toBe('out');
  });

  test('a need the report cannot move (cancelled meanwhile): the report is kept, the need stays, staff see it in its history and the audit row', async () => {
    const s = await scene('cancelled');
    const out = await fileFieldReport(fieldDeps(t), s.teamId, report(), { channel: 'console', staff: { staffId: 'staff-1', ip: '127.0.0.1', at } });
    expect(out).toMatchObject({ ok: true, needTo: null, told: 0 });
    expect(await t.db.fieldReport.count()).toBe(1);
    const need = await t.db.need.findUniqueOrThrow({ where: { id: s.need.id }, include: { events: true } });
    expect(need.status).toBe('cancelled');
    expect(need.events.some((e) => e.kind === 'note' && e.note?.includes('確認してください'))).toBe(true);
    expect(JSON.parse(String((await t.db.auditLog.findFirstOrThrow({ where: { action: 'disaster.team.report' } })).detail))).toMatchObject({ drift: true, channel: 'console' });
    expect(await needNoticesQueued(t.db)).toHaveLength(0);
  });

  test('the hours count in the linked volunteer\'s yearly hours and latest activities, with the need\'s reference', async () => {
    const s = await scene();
    const volunteerId = await volunteerFor(t.db, s.leader.residentId, '班長 一郎');
    await t.db.poolMember.update({ where: { id: s.leader.memberId }, data: { volunteerId } });
    await fileFieldReport(fieldDeps(t), s.teamId, report({ hours: 3.5 }), { channel: 'line', residentId: s.leader.residentId, at });
    const annual = new PrismaAnnualReport(t.db);
    expect(await annual.volunteerHours(2026)).toEqual([{ volunteerId, name: '班長 一郎', activities: 1, hours: 3.5 }]);
    expect(await annual.volunteerHours(2025)).toEqual([]);
    const activity = await annual.volunteerActivity(volunteerId, 2026, 5);
    expect(activity).toMatchObject({ activities: 1, hours: 3.5 });
    expect(activity.recent).toEqual([{ requestId: s.need.id, referenceNo: s.need.referenceNo, date: '2026-11-24', kind: 'disaster', hours: 3.5, note: null }]);
  });
});
