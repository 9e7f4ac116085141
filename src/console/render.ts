/**
 * Server-rendered console pages: Eta templates (`<%= %>` escapes, `<%~ %>` does not and is used only for the
 * layout's `body`). The shell's own templates (layout, login, error) are in `src/console/views/`; each console
 * module's are in the `views/` folder of its own, one `<name>.eta` per view. A page is its template rendered
 * with its data and the {@link PageFrame}, inside `layout.eta` (header with the member's name and role,
 * navigation, logout button). Every view is typed in {@link ConsoleViews}, so a page's data is checked by tsc.
 */
import { MORE_LANGUAGE_CHOICES, type MoreLanguage } from './shared/language-texts';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActiveSession } from './console-sessions';
import { navFor, type NavEntry } from './nav';
import { ROLE_LABELS } from './permissions';

/** What every page gets; filled from the request by {@link sendPage}. */
export interface PageFrame {
  title: string;
  /** The signed-in member, shown in the header; absent on the login and anonymous error pages. */
  staff: { displayName: string; roleLabel: string } | null;
  /** The session's CSRF token, for the logout form, the page's forms and `<meta name="csrf-token">`. */
  csrfToken: string | null;
  nav: Array<NavEntry & { current: boolean }>;
  /** Messages LINE refused this month for its monthly limit (0: no banner); see `quota-banner.ts`. */
  quotaRefused: number;
  /** The languages a staff form offers beyond Japanese, easy Japanese and English (the `moreLanguages` view's fields). */
  moreLanguages: readonly MoreLanguage[];
}

/**
 * Each view and the data it reads (besides {@link PageFrame}). Console modules add their views by declaration
 * merging: `declare module '../render' { interface ConsoleViews { donations: DonationListView } }`.
 */
export interface ConsoleViews {
  login: { loginId: string; next: string; loginCsrf: string; error: string | null };
  error: { heading: string; message: string; action: { href: string; label: string } | null };
}

export type ViewName = keyof ConsoleViews;

/** The folder of the shell's own templates, relative to the project root. */
export const SHELL_VIEWS = path.join('src', 'console', 'views');

/**
 * The templates in these folders (relative to `root`), by view name (the file name without `.eta`). Throws when
 * two folders have a view of the same name: a page must not silently render another module's template.
 */
export function templatesIn(root: string, folders: readonly string[]): Map<string, string> {
  const templates = new Map<string, string>();
  for (const folder of folders) {
    let files: string[];
    try {
      files = readdirSync(path.join(root, folder)).filter((f) => f.endsWith('.eta'));
    } catch {
      continue; // a module without pages of its own
    }
    for (const file of files) {
      const name = file.slice(0, -'.eta'.length);
      const other = templates.get(name);
      if (other) throw new Error(`Console view "${name}" is in both ${path.dirname(other)} and ${folder}`);
      templates.set(name, path.join(folder, file));
    }
  }
  return templates;
}

/** Renders console templates, each inside the layout. */
export class ConsoleRenderer {
  private readonly eta: Eta;

  /** `templates`: view name → file, relative to `root` (see {@link templatesIn}); `layout` must be among them. */
  constructor(
    root: string,
    private readonly templates: ReadonlyMap<string, string>,
  ) {
    this.eta = new Eta({ views: root, cache: true, autoEscape: true, defaultExtension: '.eta' });
  }

  render<V extends ViewName>(view: V, data: ConsoleViews[V] & PageFrame): string {
    const frame: PageFrame = { title: data.title, staff: data.staff, csrfToken: data.csrfToken, nav: data.nav, quotaRefused: data.quotaRefused, moreLanguages: data.moreLanguages };
    return this.eta.render(this.file('layout'), { ...frame, body: this.eta.render(this.file(view), data) });
  }

  private file(view: string): string {
    const file = this.templates.get(view);
    if (!file) throw new Error(`No console template for view "${view}"`);
    return file;
  }
}

/**
 * A CSRF token for the forms of a signed-in member's page. They post to the signed-in console, so the token is made
 * from the session's secret (see `console-guard.ts`), whatever route renders the page (the login form shown again
 * to a member already signed in has its own token, made earlier).
 */
function pageCsrfToken(request: FastifyRequest, reply: FastifyReply, active: ActiveSession): string {
  request.session = { csrfSecret: active.session.csrfToken };
  return reply.generateCsrf();
}

/** The frame for this request: the member from the session (if any) and the navigation their role allows. */
export function frameFor(request: FastifyRequest, reply: FastifyReply, title: string): PageFrame {
  const active = request.consoleSession;
  const current = request.url.split('?')[0] ?? '';
  const { consoleAccess, consoleNav } = request.server;
  return {
    title,
    staff: active ? { displayName: active.staff.displayName, roleLabel: ROLE_LABELS[active.staff.role] } : null,
    csrfToken: active ? pageCsrfToken(request, reply, active) : null,
    nav: active && !active.mustEnrol && !active.session.pendingSecondFactor ? navFor(consoleNav, consoleAccess, active.staff.role).map((item) => ({ ...item, current: item.href === current })) : [],
    quotaRefused: active ? (request.quotaRefused ?? 0) : 0,
    moreLanguages: MORE_LANGUAGE_CHOICES,
  };
}

/** Renders `view` in the layout for this request and sends it as HTML with `status`. */
export function sendPage<V extends ViewName>(request: FastifyRequest, reply: FastifyReply, view: V, title: string, data: ConsoleViews[V], status = 200): FastifyReply {
  const html = request.server.consoleRenderer.render(view, { ...frameFor(request, reply, title), ...data });
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
