/**
 * Requests for volunteers' help (ボランティア依頼) in the console: the list of open requests (and, on a tab, those
 * done or declined); a request's page with its details, the volunteers invited and their answers, and — while the
 * request is still looking — the registered volunteers ranked for it with the reasons in plain Japanese, to tick
 * and invite (each gets a LINE message with accept and decline buttons; the first acceptances fill the places and
 * the bot tells the requester who is coming). Staff then mark the request 日時決定, 完了 or お受けできない (with a
 * reason), and the requester is told each time. Every view of a request (personal data) and every change is audited.
 */
import { listHref, parsePageNumber, readPage, type Pager } from '../shared/paging';
import { DAY_MS, jstDate } from '../../domain/japan-time';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rankVolunteers } from '../../domain/matching';
import type { VolunteerAdmin } from '../../domain/volunteer-admin';
import { moveRefusal, STAFF_MOVES, uninsuredFor, type InvitationRecord, type RequestStatus, type StaffMove, type VolunteerRequestAdmin, type VolunteerRequestRecord } from '../../domain/volunteer-requests';
import { changeRequestStatus, DECLINE_REASON_MAX } from '../../usecases/volunteer-requests/change-request-status';
import { INVITE_LIMIT, inviteVolunteers } from '../../usecases/volunteer-requests/invite-volunteers';
import type { VolunteerRequestDeps } from '../../usecases/volunteer-requests/request-deps';
import type { ConsoleRoutes } from '../console-module';
import { currentSession, staffAct } from '../console-guard';
import { csvPhone } from '../shared/csv';
import { sendPage } from '../render';
import { jaDateTime, jaDay } from '../shared/ja-dates';
import { lines, many, one } from '../shared/form-fields';
import { districtText, nameOf, volunteerName, type NamedCode } from '../shared/names';
import { INVITATION_STATUS_JA, mapHref, needOf, partText, peopleText, placeText, reasonText, RECENT_DAYS, REQUEST_STATUS_JA, requesterText, type ReasonView } from './request-text';

/** What the request pages need. */
export interface VolunteerRequestConsole {
  admin: VolunteerRequestAdmin;
  /** The registered volunteers, ranked for a request. */
  volunteers: VolunteerAdmin;
  /** The council profile's volunteer skills and districts, by their Japanese names. */
  skills: readonly NamedCode[];
  districts: readonly NamedCode[];
  /** What the request use cases need (the pages' changes go through them). */
  useCases: VolunteerRequestDeps;
}

export interface VolunteerRequestListView {
  /** `open` (受付・ボランティア決定・日時決定) or `closed` (完了・お受けできない). */
  show: 'open' | 'closed';
  tabs: Array<{ label: string; href: string; current: boolean }>;
  pager: Pager;
  rows: Array<{ href: string; referenceNo: string; day: string; part: string; kind: string; district: string; people: string; accepted: number; status: string }>;
}

export interface VolunteerRequestDetailView {
  id: string;
  heading: string;
  /** After a change: what it did (takes focus). */
  status: string | null;
  /** A refused change or a form that did not pass (takes focus). */
  error: string | null;
  facts: Array<{ label: string; value: string; href?: string; hrefLabel?: string }>;
  invitations: Array<{ volunteerHref: string; name: string; status: string; invitedAt: string; answeredAt: string }>;
  /** The ranked volunteers, while the request is still looking (status 受付); null otherwise. */
  ranking: null | {
    date: string;
    recentDays: number;
    /** The most the page lists. */
    limit: number;
    rows: Array<{ rank: number; id: string; href: string; name: string; district: string; reasons: ReasonView[]; invited: boolean; chosen: boolean }>;
    /** How many can still be invited (ranked and not yet invited). */
    selectable: number;
    /** Some who can still be invited are not insured for the day: the form asks to confirm choosing them. */
    uninsuredSelectable: boolean;
    /** The confirmation as it was sent (a refused form shown again). */
    confirmUninsured: boolean;
  };
  /** The buttons for the moves allowed from here. */
  moves: { scheduled: boolean; done: boolean; declined: boolean };
  /** When 完了 waits for the activity's day: the note saying from when it can be marked (else null). */
  doneFrom: string | null;
  reasonMax: number;
  /** What was typed in the decline form when it failed. */
  reason: string;
}

/** How many ranked volunteers the page shows: as many as can be invited at once. */
export const RANK_LIMIT = INVITE_LIMIT;

/** How many requests one page of the list shows. */
export const REQUEST_PAGE_SIZE = 50;

const OPEN: readonly RequestStatus[] = ['received', 'matched', 'scheduled'];
const CLOSED: readonly RequestStatus[] = ['done', 'declined'];

const MOVE_LABELS: Readonly<Record<StaffMove, string>> = { scheduled: '日時決定', done: '完了', declined: 'お受けできない' };

const DONE_MESSAGES: Readonly<Record<string, string>> = {
  scheduled: '「日時決定」にしました。依頼した方に、LINEで予定が決まったことを知らせます。',
  done: '「完了」にしました。依頼した方に、LINEでお礼を送ります。返事を待っていたボランティアへの依頼は取り下げました。',
  declined: '「お受けできない」にしました。依頼した方に、理由を添えてLINEで知らせます。返事を待っていたボランティアへの依頼は取り下げました。',
};

function invitedMessage(n: number): string {
  return `${n}人に依頼しました。LINEで依頼が届きます。返事は、この画面の「依頼したボランティア」に出ます。`;
}

export const volunteerRequestRoutes: ConsoleRoutes<VolunteerRequestConsole> = async (app, { deps: rc, clock, audit }) => {
  const pageOf = (id: string) => `/console/volunteer-requests/${encodeURIComponent(id)}`;

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: 'ボランティア依頼が見つかりません', message: 'この依頼はないか、削除されています。', action: { href: '/console/volunteer-requests', label: 'ボランティア依頼の一覧に戻る' } }, 404);

  /** The request's page; opening it shows the requester's details, so every showing is audited. */
  async function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    r: VolunteerRequestRecord & { invitations: InvitationRecord[] },
    opts: { status?: string | null; error?: string | null; reason?: string; chosen?: readonly string[]; confirmUninsured?: boolean } = {},
    code = 200,
  ) {
    const now = clock.now();
    const today = jstDate(now);
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'volunteerRequest.view', subjectType: 'volunteerRequest', subjectId: r.id, residentId: r.residentId, detail: { status: r.status, invitations: r.invitations.length }, ip: request.ip, at: now });

    let ranking: VolunteerRequestDetailView['ranking'] = null;
    if (r.status === 'received') {
      const need = needOf(r);
      // Only those who can reach the shortlist are read (src/infra/prisma/volunteer-filter-sql.ts); the ranking itself stays the pure rule.
      const volunteers = await rc.volunteers.rankingCandidates(need, RANK_LIMIT);
      const recent = await rc.admin.recentAsks(new Date(now.getTime() - RECENT_DAYS * DAY_MS), volunteers.map((v) => v.id));
      const invited = new Set(r.invitations.map((i) => i.volunteerId));
      const chosen = new Set(opts.chosen ?? []);
      const ranked = rankVolunteers(need, volunteers, recent, { limit: RANK_LIMIT });
      const uninsured = new Set(uninsuredFor(ranked.map((x) => x.volunteer), r.date).map((v) => v.id));
      const rows = ranked.map((x, i) => ({
        rank: i + 1,
        id: x.volunteer.id,
        href: `/console/volunteers/${encodeURIComponent(x.volunteer.id)}`,
        name: x.volunteer.name,
        district: districtText(x.volunteer.districtCode, rc.districts),
        reasons: x.reasons.map((reason) => reasonText(reason, rc.skills)),
        invited: invited.has(x.volunteer.id),
        chosen: chosen.has(x.volunteer.id),
      }));
      const selectable = rows.filter((x) => !x.invited);
      ranking = {
        date: jaDay(r.date),
        recentDays: RECENT_DAYS,
        limit: RANK_LIMIT,
        rows,
        selectable: selectable.length,
        uninsuredSelectable: selectable.some((x) => uninsured.has(x.id)),
        confirmUninsured: opts.confirmUninsured ?? false,
      };
    }

    const accepted = r.invitations.filter((i) => i.status === 'accepted').length;
    const view: VolunteerRequestDetailView = {
      id: r.id,
      heading: `ボランティア依頼 ${r.referenceNo}`,
      status: opts.status ?? null,
      error: opts.error ?? null,
      facts: [
        { label: '状態', value: REQUEST_STATUS_JA[r.status] },
        ...(r.status === 'declined' && r.declineReason ? [{ label: 'お受けできない理由', value: r.declineReason }] : []),
        { label: '受付番号', value: r.referenceNo },
        { label: '依頼した人', value: requesterText(r) },
        { label: '内容', value: nameOf(r.kind, rc.skills) },
        { label: '日にち', value: jaDay(r.date) },
        { label: '時間帯', value: partText(r.part) },
        { label: '人数', value: `${peopleText(r.people)}(参加 ${accepted}人)` },
        { label: '地区', value: districtText(r.districtCode, rc.districts) },
        { label: '場所', value: placeText(r), ...(r.location ? { href: mapHref(r.location), hrefLabel: '地図で見る' } : {}) },
        { label: '電話', value: r.phone ? csvPhone(r.phone) : 'LINEで連絡' },
        { label: '伝えたいこと', value: r.notes ?? 'なし' },
        { label: '受け付けた日時', value: jaDateTime(r.createdAt) },
        { label: '最終更新', value: jaDateTime(r.updatedAt) },
      ],
      invitations: r.invitations.map((i) => ({
        volunteerHref: `/console/volunteers/${encodeURIComponent(i.volunteerId)}`,
        name: volunteerName(i.volunteerName),
        status: INVITATION_STATUS_JA[i.status],
        invitedAt: jaDateTime(i.invitedAt),
        answeredAt: i.answeredAt ? jaDateTime(i.answeredAt) : '—',
      })),
      ranking,
      moves: { scheduled: moveRefusal(r, 'scheduled', today) === null, done: moveRefusal(r, 'done', today) === null, declined: moveRefusal(r, 'declined', today) === null },
      doneFrom: moveRefusal(r, 'done', today) === 'beforeDate' ? `活動の日(${jaDay(r.date)})になったら、「完了」にできます。` : null,
      reasonMax: DECLINE_REASON_MAX,
      reason: opts.reason ?? '',
    };
    return sendPage(request, reply, 'volunteerRequest', `${r.referenceNo}(ボランティア依頼)`, view, code);
  }

  app.get('/console/volunteer-requests', { config: { permission: 'volunteer.manage' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const show = one(query.show) === 'closed' ? 'closed' : 'open';
    const hrefOf = (n: number) => listHref('/console/volunteer-requests', { show: show === 'closed' ? show : '' }, n);
    const { rows: requests, pager } = await readPage(parsePageNumber(query), REQUEST_PAGE_SIZE, (page) => (show === 'closed' ? rc.admin.list(CLOSED, page, true) : rc.admin.list(OPEN, page)), hrefOf);
    const view: VolunteerRequestListView = {
      show,
      pager,
      tabs: [
        { label: '対応中(受付・ボランティア決定・日時決定)', href: '/console/volunteer-requests', current: show === 'open' },
        { label: '終わったもの(完了・お受けできない)', href: '/console/volunteer-requests?show=closed', current: show === 'closed' },
      ],
      rows: requests.map((r) => ({
        href: pageOf(r.id),
        referenceNo: r.referenceNo,
        day: jaDay(r.date),
        part: partText(r.part),
        kind: nameOf(r.kind, rc.skills),
        district: districtText(r.districtCode, rc.districts),
        people: peopleText(r.people),
        accepted: r.accepted,
        status: REQUEST_STATUS_JA[r.status],
      })),
    };
    return sendPage(request, reply, 'volunteerRequests', 'ボランティア依頼', view);
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string; n?: string } }>('/console/volunteer-requests/:id', { config: { permission: 'volunteer.manage' } }, async (request, reply) => {
    const r = await rc.admin.get(request.params.id);
    if (!r) return notFound(request, reply);
    const { done, n } = request.query;
    const count = Number(n);
    const status = done === 'invited' && Number.isInteger(count) && count > 0 ? invitedMessage(count) : typeof done === 'string' ? (DONE_MESSAGES[done] ?? null) : null;
    return detailPage(request, reply, r, { status });
  });

  app.post<{ Params: { id: string } }>('/console/volunteer-requests/:id/invite', { config: { permission: 'volunteer.manage' } }, async (request, reply) => {
    const r = await rc.admin.get(request.params.id);
    if (!r) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ids = many(body.volunteerIds);
    const confirmUninsured = one(body.confirmUninsured) === 'on';
    const refuse = (error: string, code: number) => detailPage(request, reply, r, { error, chosen: ids, confirmUninsured }, code);
    const outcome = await inviteVolunteers(rc.useCases, r, { volunteerIds: ids, confirmUninsured }, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${pageOf(r.id)}?done=invited&n=${outcome.invited}`, 303);
    switch (outcome.refused) {
      case 'notLooking':
        return detailPage(request, reply, r, { error: `この依頼は「${REQUEST_STATUS_JA[r.status]}」になっているため、もう依頼できません。` }, 409);
      case 'noneChosen':
        return refuse('依頼するボランティアを1人以上選んでください。', 400);
      case 'tooMany':
        return refuse(`一度に依頼できるのは${INVITE_LIMIT}人までです。`, 400);
      case 'uninsuredNotConfirmed':
        return refuse(
          `保険が対象外の人が選ばれています:${outcome.names.map((name) => `${name}さん`).join('、')}。${jaDay(r.date)}の活動は、登録されているボランティア活動保険の対象になりません。` +
            '保険に入っていることを確かめたか、活動の前に入ってもらうときは、「保険が対象外の人にも依頼する」にチェックを入れて、もう一度押してください(その人には、LINEで保険に入るよう伝えます)。対象外の人を外して依頼することもできます。',
          409,
        );
      case 'nobodyInvited': {
        const again = (await rc.admin.get(r.id)) ?? r;
        return detailPage(request, reply, again, { error: '選んだ人には依頼できませんでした。もう依頼しているか、活動をやめているか、この依頼のボランティアがすでに決まっています。' }, 409);
      }
    }
  });

  app.post<{ Params: { id: string } }>('/console/volunteer-requests/:id/status', { config: { permission: 'volunteer.manage' } }, async (request, reply) => {
    const r = await rc.admin.get(request.params.id);
    if (!r) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const to = STAFF_MOVES.find((m) => m === one(body.to));
    if (!to) return detailPage(request, reply, r, { error: '変える先の状態がわかりませんでした。画面を開き直して、もう一度お試しください。' }, 400);
    const reason = to === 'declined' ? lines(body.reason) : '';
    const now = clock.now();
    const refused = (current: VolunteerRequestRecord) =>
      moveRefusal(current, to, jstDate(now)) === 'beforeDate'
        ? `活動の日(${jaDay(current.date)})がまだ来ていないため、「${MOVE_LABELS[to]}」にできません。依頼した方に活動が終わったと伝わり、ボランティアに活動時間を聞くことになるためです。`
        : `いまの状態(${REQUEST_STATUS_JA[current.status]})からは「${MOVE_LABELS[to]}」にできません。`;
    const outcome = await changeRequestStatus(rc.useCases, r, to, reason, staffAct(request, now));
    if (outcome.ok) return reply.redirect(`${pageOf(r.id)}?done=${to}`, 303);
    switch (outcome.refused) {
      case 'reasonRequired':
        return detailPage(request, reply, r, { error: 'お受けできない理由を書いてください。依頼した方にLINEで伝わります。' }, 400);
      case 'reasonTooLong':
        return detailPage(request, reply, r, { error: `理由は${DECLINE_REASON_MAX}文字までにしてください(いま${outcome.length}文字)。`, reason }, 400);
      case 'notAllowed':
        return detailPage(request, reply, r, { error: refused(r), reason }, 409);
      case 'changedMeanwhile': {
        // Someone else moved it meanwhile: show it as it is now.
        const again = (await rc.admin.get(r.id)) ?? r;
        return detailPage(request, reply, again, { error: `${refused(again)}ほかの職員が先に状態を変えた可能性があります。`, reason }, 409);
      }
    }
  });
};
