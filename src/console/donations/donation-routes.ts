/**
 * Donation offers (寄付・寄贈) in the console: the list of offers residents made through LINE, filtered by status
 * and kind, a page at a time, with every offer counted per status; an offer's page with every detail (food items
 * with their verdicts, the appliance's photo, the donor's name, phone and address); and the moves staff make —
 * 受け入れる, お断りする (with a reason), 受け取った (which issues the fiscal year's next receipt number
 * R-YYYY-NNNN). Each move tells the donor on LINE in their language, with the staff member's message. Every view
 * of an offer or its photo, and every move, is audited.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DONATION_KINDS, DONATION_STATUSES, type DonationKind, type DonationStatus } from '../../domain/donation';
import { canMoveDonation, DONATION_MOVES, type AllocationBook, type DonationAdmin, type DonationMove, type DonationOfferRecord, type WantedItemAdmin } from '../../domain/donation-admin';
import type { ConsoleRoutes } from '../console-module';
import { currentSession, staffAct } from '../console-guard';
import { acceptDonationOffer } from '../../usecases/donations/accept-donation-offer';
import { declineDonationOffer } from '../../usecases/donations/decline-donation-offer';
import type { DonationDeps } from '../../usecases/donations/donation-deps';
import { DONOR_MESSAGE_MAX } from '../../usecases/donations/offer-move';
import { recordDonationArrival } from '../../usecases/donations/record-donation-arrival';
import { csvDateTime, csvPhone } from '../shared/csv';
import { sendPage } from '../render';
import { nameOf, type NamedCode } from '../shared/names';
import { lines, one } from '../shared/form-fields';
import { sendStoredContent } from '../shared/stored-content';
import { pageAt, pagerOf, parsePageNumber, type Pager } from '../shared/paging';
import {
  ageText,
  allPlanPurposes,
  conditionText,
  contentText,
  DONATION_KIND_JA,
  DONATION_STATUS_JA,
  foodCountText,
  foodItemView,
  purposeText,
  sizeText,
  yenText,
  type FoodItemView,
  type PlanView,
} from './donation-text';

/** What the donation, allocation and report pages need. */
export interface DonationConsole {
  admin: DonationAdmin;
  allocations: AllocationBook;
  wanted: WantedItemAdmin;
  /** The council profile's allocation plans, one per fiscal year; none when the profile has no donations section. */
  plans: readonly PlanView[];
  /** The profile's hand-over slots and food categories (taken and refused), by their Japanese names. */
  slots: readonly NamedCode[];
  foodCategories: readonly NamedCode[];
  /** What the donation use cases need (the pages' changes go through them). */
  useCases: DonationDeps;
}

export interface DonationListView {
  values: { status: string; kind: string };
  statuses: Array<{ value: string; label: string }>;
  kinds: Array<{ value: string; label: string }>;
  filtered: boolean;
  rows: Array<{ href: string; referenceNo: string; kind: string; purpose: string; content: string; food: string; slot: string; status: string; date: string }>;
  /** Offers in each status, of every kind (whatever the filter). */
  counts: Array<{ label: string; n: number }>;
  /** Where this page lies in the offers the filter matches, and the links to the pages beside it. */
  pager: Pager;
}

/** Offers per page of the list. */
export const DONATION_PAGE_SIZE = 100;

export interface DonationDetailView {
  id: string;
  heading: string;
  status: string | null;
  error: string | null;
  facts: Array<{ label: string; value: string }>;
  donor: Array<{ label: string; value: string }>;
  /** Food items with verdicts; empty for other kinds. */
  items: FoodItemView[];
  /** The photo's address, when one was sent and copied. */
  photoHref: string | null;
  moves: { accepted: boolean; declined: boolean; received_goods: boolean };
  messageMax: number;
  /** What was typed in the form that failed, and which form it was. */
  values: { to: string; message: string };
}


const MOVE_LABELS: Readonly<Record<DonationMove, string>> = { accepted: '受け入れ決定', declined: 'お断り', received_goods: '受領済み' };

/** The use case of each move. */
const MOVES: Readonly<Record<DonationMove, typeof acceptDonationOffer>> = { accepted: acceptDonationOffer, declined: declineDonationOffer, received_goods: recordDonationArrival };

export { parsePageNumber };

/** The filter from the query string: unknown values are dropped (any). */
export function parseDonationFilter(query: Record<string, unknown>): { status: DonationStatus | null; kind: DonationKind | null } {
  return { status: DONATION_STATUSES.find((s) => s === one(query.status)) ?? null, kind: DONATION_KINDS.find((k) => k === one(query.kind)) ?? null };
}

export const donationRoutes: ConsoleRoutes<DonationConsole> = async (app, { deps: dc, clock, audit }) => {
  // Read at each request: the plans follow the council's settings.
  const purposes = () => allPlanPurposes(dc.plans);
  const pageOf = (id: string) => `/console/donations/${encodeURIComponent(id)}`;

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: '寄付・寄贈のお申し出が見つかりません', message: 'このお申し出はないか、削除されています。', action: { href: '/console/donations', label: '寄付・寄贈の一覧に戻る' } }, 404);

  const doneMessage = (done: string, o: DonationOfferRecord): string | null => {
    if (done === 'accepted') return '「受け入れ決定」にしました。寄付した方に、LINEで知らせます。';
    if (done === 'declined') return '「お断り」にしました。寄付した方に、メッセージを添えてLINEで知らせます。';
    if (done === 'received_goods' && o.receiptNo) return `「受領済み」にしました。受領番号は ${o.receiptNo} です。寄付した方に、LINEで受領番号を知らせます。`;
    return null;
  };

  /** The offer's page; it shows the donor's details, so every showing is audited. */
  async function detailPage(request: FastifyRequest, reply: FastifyReply, o: DonationOfferRecord, opts: { status?: string | null; error?: string | null; values?: { to: string; message: string } } = {}, code = 200) {
    const now = clock.now();
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'donation.view', subjectType: 'donationOffer', subjectId: o.id, residentId: o.residentId, detail: { status: o.status }, ip: request.ip, at: now });
    const facts: DonationDetailView['facts'] = [
      { label: '状態', value: DONATION_STATUS_JA[o.status] },
      { label: '受付番号', value: o.referenceNo },
      ...(o.receiptNo ? [{ label: '受領番号', value: o.receiptNo }] : []),
      ...(o.receivedAt ? [{ label: '受け取った日時', value: csvDateTime(o.receivedAt) }] : []),
      { label: '種類', value: DONATION_KIND_JA[o.kind] },
      ...(o.kind === 'money' || o.kind === 'goods' ? [{ label: '使いみち', value: purposeText(o, purposes()) }] : []),
      ...(o.kind === 'money' ? [{ label: '金額', value: o.amountYen ? yenText(o.amountYen) : '—' }] : []),
      ...(o.kind === 'goods' || o.kind === 'appliance' ? [{ label: '品物', value: o.description ?? '—' }] : []),
      ...(o.kind === 'appliance'
        ? [
            { label: '大きさ', value: o.itemSize ? sizeText(o.itemSize) : '—' },
            { label: '使った年数', value: o.itemAge ? ageText(o.itemAge) : '—' },
            { label: '状態(品物)', value: o.itemCondition ? conditionText(o.itemCondition) : '—' },
          ]
        : []),
      ...(o.kind === 'food' ? [{ label: '食品', value: `${foodCountText(o)}(お預かりする食品:${contentText(o, dc.foodCategories)})` }] : []),
      { label: 'お渡し', value: nameOf(o.slot, dc.slots) },
      { label: '担当者からのメッセージ', value: o.staffMessage ?? 'なし' },
      { label: '受け付けた日時', value: csvDateTime(o.createdAt) },
      { label: '最終更新', value: csvDateTime(o.updatedAt) },
    ];
    const view: DonationDetailView = {
      id: o.id,
      heading: `寄付・寄贈 ${o.referenceNo}`,
      status: opts.status ?? null,
      error: opts.error ?? null,
      facts,
      donor: [
        { label: 'お名前', value: o.name },
        { label: '電話', value: o.phone ? csvPhone(o.phone) : 'LINEで連絡' },
        { label: '住所(引き取り先)', value: o.address ?? 'なし(持ちこみ)' },
      ],
      items: o.items.map((i) => foodItemView(i, dc.foodCategories)),
      photoHref: o.photoAttachmentId ? `${pageOf(o.id)}/photo` : null,
      moves: { accepted: canMoveDonation(o.status, 'accepted'), declined: canMoveDonation(o.status, 'declined'), received_goods: canMoveDonation(o.status, 'received_goods') },
      messageMax: DONOR_MESSAGE_MAX,
      values: opts.values ?? { to: '', message: '' },
    };
    return sendPage(request, reply, 'donation', `${o.referenceNo}(寄付・寄贈)`, view, code);
  }

  app.get('/console/donations', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const filter = parseDonationFilter(query);
    const [total, byStatus] = await Promise.all([dc.admin.count(filter), dc.admin.countByStatus()]);
    // A page past the end (offers moved meanwhile) shows the last one rather than nothing.
    const { page, pages, offset } = pageAt(total, DONATION_PAGE_SIZE, parsePageNumber(query));
    const offers = await dc.admin.list(filter, { offset, limit: DONATION_PAGE_SIZE });
    const named = purposes();
    const hrefOf = (n: number) => `/console/donations?${new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), ...(filter.kind ? { kind: filter.kind } : {}), page: String(n) }).toString()}`;
    const view: DonationListView = {
      values: { status: filter.status ?? '', kind: filter.kind ?? '' },
      statuses: DONATION_STATUSES.map((s) => ({ value: s, label: DONATION_STATUS_JA[s] })),
      kinds: DONATION_KINDS.map((k) => ({ value: k, label: DONATION_KIND_JA[k] })),
      filtered: filter.status !== null || filter.kind !== null,
      counts: DONATION_STATUSES.map((s) => ({ label: DONATION_STATUS_JA[s], n: byStatus[s] })),
      pager: pagerOf({ total, page, pages, size: DONATION_PAGE_SIZE, shown: offers.length, hrefOf }),
      rows: offers.map((o) => ({
        href: pageOf(o.id),
        referenceNo: o.referenceNo,
        kind: DONATION_KIND_JA[o.kind],
        purpose: purposeText(o, named),
        content: contentText(o, dc.foodCategories),
        food: foodCountText(o),
        slot: nameOf(o.slot, dc.slots),
        status: DONATION_STATUS_JA[o.status],
        date: csvDateTime(o.createdAt),
      })),
    };
    return sendPage(request, reply, 'donations', '寄付・寄贈', view);
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/console/donations/:id', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const o = await dc.admin.get(request.params.id);
    if (!o) return notFound(request, reply);
    const done = request.query.done;
    return detailPage(request, reply, o, { status: typeof done === 'string' ? doneMessage(done, o) : null });
  });

  // The appliance's photo, copied from LINE. Only images are shown inline; anything else downloads.
  app.get<{ Params: { id: string } }>('/console/donations/:id/photo', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const photo = await dc.admin.photo(request.params.id);
    if (!photo) return reply.code(404).send({ error: 'not found' });
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'donation.photo.view', subjectType: 'donationOffer', subjectId: request.params.id, residentId: photo.residentId, ip: request.ip, at: clock.now() });
    return sendStoredContent(reply, photo);
  });

  app.post<{ Params: { id: string } }>('/console/donations/:id/status', { config: { permission: 'donation.manage' } }, async (request, reply) => {
    const o = await dc.admin.get(request.params.id);
    if (!o) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const to = DONATION_MOVES.find((m) => m === one(body.to));
    if (!to) return detailPage(request, reply, o, { error: '変える先の状態がわかりませんでした。画面を開き直して、もう一度お試しください。' }, 400);
    const message = lines(body.message);
    const values = { to, message };
    const refused = (current: DonationStatus) => `いまの状態(${DONATION_STATUS_JA[current]})からは「${MOVE_LABELS[to]}」にできません。`;
    const outcome = await MOVES[to](dc.useCases, o, message, staffAct(request, clock.now()));
    if (outcome.ok) return reply.redirect(`${pageOf(o.id)}?done=${to}`, 303);
    switch (outcome.refused) {
      case 'messageRequired':
        return detailPage(request, reply, o, { error: 'お断りする理由やお礼のメッセージを書いてください。寄付した方にLINEで伝わります。', values }, 400);
      case 'messageTooLong':
        return detailPage(request, reply, o, { error: `メッセージは${DONOR_MESSAGE_MAX}文字までにしてください(いま${outcome.length}文字)。`, values }, 400);
      case 'notAllowed':
        return detailPage(request, reply, o, { error: refused(o.status), values }, 409);
      case 'changedMeanwhile': {
        // Someone else moved it meanwhile: show it as it is now.
        const again = (await dc.admin.get(o.id)) ?? o;
        return detailPage(request, reply, again, { error: `${refused(again.status)}ほかの職員が先に状態を変えた可能性があります。`, values }, 409);
      }
    }
  });
};
