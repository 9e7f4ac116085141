/**
 * Server-rendered console pages: Eta templates in `src/console/views/` (`<%= %>` escapes, `<%~ %>` does not
 * and is used only for the layout's `body`), each wrapped in `layout.eta` (header with the member's name and
 * role, navigation, logout button). Every template is typed here, so a page's data is checked by tsc.
 */
import path from 'node:path';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { navFor, type NavItem } from './nav';
import { ROLE_LABELS } from './permissions';
import type { InboxRowView, ThreadPageView } from './threads/thread-views';
import type { MeasuresView } from './threads/measures-routes';
import type { BroadcastConfirmView, BroadcastFormView, BroadcastListView } from './broadcasts/broadcast-routes';
import type { EventDetailView, EventFormView, EventListView } from './events/event-routes';
import type { SalonDetailView, SalonListView } from './salons/salon-routes';
import type { VolunteerDetailView, VolunteerListView } from './volunteers/volunteer-routes';
import type { VolunteerRequestDetailView, VolunteerRequestListView } from './volunteer-requests/volunteer-request-routes';
import type { DonationDetailView, DonationListView } from './donations/donation-routes';
import type { AllocationPageView } from './donations/allocation-routes';
import type { ReportsView } from './donations/report-routes';
import type { DeliveryPanelView } from './delivery-panel';

/** What every page gets; filled from the request by {@link sendPage}. */
export interface PageFrame {
  title: string;
  /** The signed-in member, shown in the header; absent on the login and anonymous error pages. */
  staff: { displayName: string; roleLabel: string } | null;
  /** The session's CSRF token, for the logout form and `<meta name="csrf-token">`. */
  csrfToken: string | null;
  nav: Array<NavItem & { current: boolean }>;
  /** Messages LINE refused this month for its monthly limit (0: no banner); see `quota-banner.ts`. */
  quotaRefused: number;
}

/** One row of the audit table, already formatted for display. */
export interface AuditRowView {
  at: string;
  atIso: string;
  staff: string;
  action: string;
  subject: string;
  residentId: string;
  detail: string;
  ip: string;
}

/** Each template and the data it reads (besides {@link PageFrame}). */
export interface ConsoleViews {
  login: { loginId: string; next: string; loginCsrf: string; error: string | null };
  home: { displayName: string; roleLabel: string; teams: string[]; delivery: DeliveryPanelView };
  audit: { rows: AuditRowView[]; olderHref: string | null; newestHref: string | null };
  error: { heading: string; message: string; action: { href: string; label: string } | null };
  inbox: { view: string; views: Array<{ view: string; label: string; href: string; current: boolean }>; rows: InboxRowView[] };
  thread: { t: ThreadPageView; status: string | null; canReply: boolean; canNote: boolean; canUpdate: boolean };
  measures: MeasuresView;
  broadcasts: BroadcastListView;
  broadcastNew: BroadcastFormView;
  broadcastConfirm: BroadcastConfirmView;
  events: EventListView;
  eventForm: EventFormView;
  event: EventDetailView;
  salons: SalonListView;
  salon: SalonDetailView;
  volunteers: VolunteerListView;
  volunteer: VolunteerDetailView;
  volunteerRequests: VolunteerRequestListView;
  volunteerRequest: VolunteerRequestDetailView;
  donations: DonationListView;
  donation: DonationDetailView;
  allocation: AllocationPageView;
  reports: ReportsView;
}

export type ViewName = keyof ConsoleViews;

/** Renders console templates from one folder. */
export class ConsoleRenderer {
  private readonly eta: Eta;

  constructor(viewsDir: string) {
    this.eta = new Eta({ views: viewsDir, cache: true, autoEscape: true, defaultExtension: '.eta' });
  }

  render<V extends ViewName>(view: V, data: ConsoleViews[V] & PageFrame): string {
    return this.eta.render(`./${view}`, data);
  }
}

/** Where the templates live below the project root (the bundle in dist/ reads them from the sources). */
export function viewsDir(projectRoot: string): string {
  return path.join(projectRoot, 'src', 'console', 'views');
}

/** The frame for this request: the member from the session (if any) and the navigation their role allows. */
export function frameFor(request: FastifyRequest, title: string): PageFrame {
  const active = request.consoleSession;
  const current = request.url.split('?')[0] ?? '';
  return {
    title,
    staff: active ? { displayName: active.staff.displayName, roleLabel: ROLE_LABELS[active.staff.role] } : null,
    csrfToken: active?.session.csrfToken ?? null,
    nav: active ? navFor(active.staff.role).map((item) => ({ ...item, current: item.href === current })) : [],
    quotaRefused: active ? (request.quotaRefused ?? 0) : 0,
  };
}

/** Renders `view` in the layout for this request and sends it as HTML with `status`. */
export function sendPage<V extends ViewName>(request: FastifyRequest, reply: FastifyReply, view: V, title: string, data: ConsoleViews[V], status = 200): FastifyReply {
  const html = request.server.consoleRenderer.render(view, { ...frameFor(request, title), ...data });
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
