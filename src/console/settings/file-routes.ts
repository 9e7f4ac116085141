/**
 * The settings as a profile file: exported (the settings in effect, every default filled in; the download audited), or
 * a file's text imported after a look at what it would change, checked by the loader's rules.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkCouncilProfile } from '../../domain/council-profile';
import { SettingsChangedMeanwhile, SettingsRefused } from '../../domain/settings/apply-settings';
import { diffSettings } from '../../domain/settings/diff-settings';
import { SECTION_TITLES, SETTINGS_SECTIONS } from '../../domain/settings/sections';
import { importSettings } from '../../usecases/settings/import-settings';
import { auditOf } from '../../usecases/staff-act';
import type { ConsoleRoutes } from '../console-module';
import { staffAct } from '../console-guard';
import { sendPage } from '../render';
import { changeRows } from './change-rows';
import { issueLine } from './issue-text';
import { postedForm, type SettingsConsole } from './settings-form';

export interface SettingsImportView {
  error: string | null;
  issues: string[];
  text: string;
  /** After a check: what would change, per section. */
  diff: Array<{ section: string; changes: Array<{ path: string; before: string; after: string }> }> | null;
}

/** The most characters of a profile file the import takes (the demo council's export is about 52,000). */
export const IMPORT_MAX_CHARS = 150_000;

export const fileRoutes: ConsoleRoutes<SettingsConsole> = async (app, { deps, clock, audit }) => {
  app.get('/console/settings/export', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const now = clock.now();
    const body = deps.file.write(deps.current(), now, deps.stamp());
    await audit.record(auditOf(staffAct(request, now), { action: 'settings.export', subjectType: 'settings', subjectId: String(deps.stamp()) }));
    return reply
      .type('application/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="council-profile-${now.toISOString().slice(0, 10)}.yaml"`)
      .send(body);
  });

  const importPage = (request: FastifyRequest, reply: FastifyReply, data: Partial<SettingsImportView>, code = 200) =>
    sendPage(request, reply, 'settingsImport', '設定ファイルの読み込み', { error: null, issues: [], text: '', diff: null, ...data }, code);

  app.get('/console/settings/import', { config: { permission: 'settings.manage' } }, (request, reply) => importPage(request, reply, {}));

  app.post('/console/settings/import', { config: { permission: 'settings.manage' } }, async (request, reply) => {
    const v = postedForm(request);
    const text = v.text ?? '';
    let raw: unknown;
    try {
      raw = deps.file.read(text);
    } catch (e) {
      return importPage(request, reply, { text, error: `ファイルの書き方がまちがっています：${e instanceof Error ? e.message : String(e)}` }, 422);
    }
    const checked = checkCouncilProfile(raw);
    if (!checked.ok) return importPage(request, reply, { text, error: '設定のきまりに合わないところがあります。直してから、もう一度読み込んでください。', issues: checked.issues.map(issueLine) }, 422);
    if (v.intent !== 'apply') {
      const current = deps.current();
      const diff = SETTINGS_SECTIONS.flatMap((s) => {
        if (checked.profile[s] === undefined) return [];
        const changes = diffSettings(current[s], checked.profile[s], s);
        return changes.length ? [{ section: SECTION_TITLES[s], changes: changeRows(changes) }] : [];
      });
      return importPage(request, reply, { text, diff });
    }
    try {
      const saved = await importSettings(deps.useCases, raw, staffAct(request, clock.now()));
      await deps.refresh();
      return reply.redirect(saved.seqs.length ? '/console/settings/history' : '/console/settings', 303);
    } catch (e) {
      if (e instanceof SettingsRefused) return importPage(request, reply, { text, error: '設定のきまりに合わないところがあります。', issues: e.issues.map(issueLine) }, 422);
      if (e instanceof SettingsChangedMeanwhile) return importPage(request, reply, { text, error: 'ほかの人が設定をいま変えました。もう一度確かめてください。' }, 409);
      throw e;
    }
  });
};
