/**
 * The settings' front page and history: what each part of the settings is (the profile file's, or saved here, when
 * and in which version, and how far from the file), every saved change with its before and after, and undo.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SettingsChangedMeanwhile, SettingsRefused } from '../../domain/settings/apply-settings';
import { diffSettings, type SettingsChange } from '../../domain/settings/diff-settings';
import { SECTION_TITLES, SETTINGS_SECTIONS } from '../../domain/settings/sections';
import type { SettingsKind, SettingsVersionRecord } from '../../domain/settings/settings-store';
import { UndoRefused, undoSettingsChange } from '../../usecases/settings/undo-settings-change';
import type { ConsoleRoutes } from '../console-module';
import { staffAct } from '../console-guard';
import { sendPage } from '../render';
import { jaDateTime } from '../shared/ja-dates';
import { issueLine } from './issue-text';
import { changeRows } from './change-rows';
import type { SettingsConsole } from './settings-form';

export interface SettingsIndexView {
  sections: Array<{ title: string; state: string; href: string; other: string | null; fromFile: number }>;
}

export interface SettingsHistoryView {
  rows: Array<{ href: string; at: string; section: string; kind: string; changes: number }>;
}

export interface SettingsChangeView {
  status: string | null;
  error: string | null;
  heading: string;
  at: string;
  kind: string;
  changes: Array<{ path: string; before: string; after: string }>;
  /** The undo form's action, when this is its section's latest change. */
  undo: string | null;
}

const KIND_LABELS: Readonly<Record<SettingsKind, string>> = { edit: '変更', undo: '取り消し', import: 'ファイルの読み込み' };

/** The pages with their own form, by section. */
const EDIT_PAGES: Partial<Record<string, string>> = { salons: '/console/settings/salons', consultationCategories: '/console/settings/areas', donations: '/console/settings/plans' };

export const settingsRoutes: ConsoleRoutes<SettingsConsole> = async (app, { deps, clock }) => {
  app.get('/console/settings', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const latest = new Map((await deps.useCases.history.latest()).map((r) => [r.section, r]));
    const current = deps.current();
    return sendPage(request, reply, 'settings', '設定', {
      sections: SETTINGS_SECTIONS.map((s) => {
        const r = latest.get(s);
        return {
          title: SECTION_TITLES[s],
          state: r && r.document !== null ? `この画面で変更（第${r.version}版・${jaDateTime(r.createdAt)}）` : '設定ファイルのまま',
          href: EDIT_PAGES[s] ?? `/console/settings/section/${s}`,
          other: EDIT_PAGES[s] ? `/console/settings/section/${s}` : null,
          fromFile: diffSettings(deps.useCases.file[s], current[s], s).length,
        };
      }),
    });
  });

  app.get('/console/settings/history', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const versions = await deps.useCases.history.list(200);
    // Newest first: a version's previous is the next older one of its section in the list; only the oldest of each
    // section in the list asks the store.
    const previousInList = (i: number) => versions.slice(i + 1).find((v) => v.section === versions[i]?.section);
    const rows = await Promise.all(
      versions.map(async (r, i) => ({ href: `/console/settings/history/${r.seq}`, at: jaDateTime(r.createdAt), section: SECTION_TITLES[r.section], kind: KIND_LABELS[r.kind], changes: (await changesOf(r, previousInList(i))).length })),
    );
    return sendPage(request, reply, 'settingsHistory', '設定の変更の記録', { rows });
  });

  /** What the version changed: its section before (the previous version, or the profile file's) and after. */
  async function changesOf(r: SettingsVersionRecord, known?: SettingsVersionRecord): Promise<SettingsChange[]> {
    const previous = known ?? (await deps.useCases.history.previous(r));
    const before = previous && previous.document !== null ? previous.document : deps.useCases.file[r.section];
    const after = r.document !== null ? r.document : deps.useCases.file[r.section];
    return diffSettings(before, after, r.section);
  }

  async function changePage(request: FastifyRequest, reply: FastifyReply, seq: number, status: string | null, error: string | null, code = 200) {
    const r = await deps.useCases.history.get(seq);
    if (!r) return reply.redirect('/console/settings/history', 303);
    const latest = (await deps.useCases.history.latest()).find((x) => x.section === r.section);
    return sendPage(request, reply, 'settingsChange', `設定の変更：${SECTION_TITLES[r.section]}`, {
      status,
      error,
      heading: `${SECTION_TITLES[r.section]}の${KIND_LABELS[r.kind]}（第${r.version}版）`,
      at: jaDateTime(r.createdAt),
      kind: KIND_LABELS[r.kind],
      changes: changeRows(await changesOf(r)),
      undo: latest?.seq === r.seq ? `/console/settings/history/${r.seq}/undo` : null,
    }, code);
  }

  app.get<{ Params: { seq: string } }>('/console/settings/history/:seq', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const done = (request.query as { done?: string }).done;
    return changePage(request, reply, Number(request.params.seq), done === 'undone' ? 'もとに戻しました。LINEの利用者には、次のメッセージからすぐに反映されます。' : null, null);
  });

  app.post<{ Params: { seq: string } }>('/console/settings/history/:seq/undo', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const seq = Number(request.params.seq);
    try {
      const undone = await undoSettingsChange(deps.useCases, seq, staffAct(request, clock.now()));
      await deps.refresh();
      return reply.redirect(`/console/settings/history/${undone.seqs[0] ?? seq}?done=undone`, 303);
    } catch (e) {
      const refused =
        e instanceof UndoRefused ? (e.reason === 'notLatest' ? 'このあとに同じ設定が変えられています。新しい変更から順に取り消してください。' : 'その変更は見つかりません。')
        : e instanceof SettingsRefused ? `もとに戻すと設定のきまりに合わなくなるため、取り消せません：${e.issues.map(issueLine).join(' ')}`
        : e instanceof SettingsChangedMeanwhile ? 'ほかの人が同じ設定をいま変えました。画面を読み込み直してください。'
        : null;
      if (refused === null) throw e;
      return changePage(request, reply, seq, null, refused, 409);
    }
  });

};
