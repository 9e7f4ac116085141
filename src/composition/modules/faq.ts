import { faqPersonalData } from '../../infra/prisma/faq-personal-data';
import { easyJapaneseCheck } from '../easy-japanese-check';
import { FaqIndexCache } from '../../bot/faq/faq-index-cache';
import { faqPipeline } from '../../bot/faq/pipeline';
import { seedEntries } from '../../domain/faq/profile';
import { MENU_SECTIONS } from '../../flows/postback-codes';
import type { MenuLabels } from '../../flows/faq';
import type { Translator } from '../../bot/render/i18n';
import { kuromojiTokenizer } from '../../infra/kuromoji-tokenizer';
import { faqWriter } from '../../infra/prisma/faq-statements';
import { faqRepositories, PrismaFaq, seedFaq } from '../../infra/prisma/prisma-faq';
import { mount } from '../../console/console-module';
import { faqEntriesModule, type FaqConsole } from '../../console/faq';
import { PrismaUnitOfWork } from '../../infra/prisma/prisma-unit-of-work';
import type { ConsoleParts, SharedParts } from '../console-parts';
import type { AppModule, ModuleDeps } from './module';

/** The main menu's section labels in every language, whose words open the section when typed. */
export function menuLabels(translator: Translator): MenuLabels {
  return MENU_SECTIONS.map((section) => ({ section, labels: translator.languages.map((l) => translator.t(l, `menu:section.${section}`)) }));
}

/** Seeds the profile's entries, logging what changed (codes only). */
async function seed(d: ModuleDeps): Promise<void> {
  const out = await seedFaq(d.db, seedEntries(d.profile.faq), d.clock.now());
  if (out.created.length || out.updated.length || out.keptStaffEdits.length) d.logger.info({ created: out.created.length, updated: out.updated.length, keptStaffEdits: out.keptStaffEdits }, 'faq: profile entries seeded');
}

/**
 * One index cache per processing side's database (the pipeline and the start-up job share it, and it outlives the
 * pipeline rebuilt when the council's settings change: the FAQ is not among them).
 */
const caches = new WeakMap<ModuleDeps['db'], FaqIndexCache>();
function indexCache(d: ModuleDeps): FaqIndexCache {
  let cache = caches.get(d.db);
  if (!cache) caches.set(d.db, (cache = new FaqIndexCache(new PrismaFaq(d.db), kuromojiTokenizer, d.profile.faq.synonyms, () => seed(d))));
  return cache;
}

/**
 * Residents' own questions (FAQ): free text outside a flow matched against the council's entries (seeded from the
 * profile at start, kept in the console), answered as a free reply.
 */
export const faqModule: AppModule = {
  id: 'faq',
  personalData: faqPersonalData,
  pipeline: (d) => faqPipeline({ cache: indexCache(d), menuLabels: menuLabels(d.translator) }),
  writer: faqWriter,
  console: (parts, shared) => [mount(faqEntriesModule, parts.live(() => faqConsoleDeps(parts, shared)))],
  // At start (and daily): seed the profile's entries. The index is built with the first typed text (the tokenizer's
  // dictionary takes about half a second and some 80 MB), so an idle service does not hold it.
  jobs: (d) => [{ name: 'seed FAQ entries', every: 'daily', run: () => seed(d) }],
};

/** What an answer may start, labelled as staff know them: the menu's sections and the consultation areas. */
function faqConsoleDeps({ db, profile, translator }: ConsoleParts, { districts }: SharedParts): FaqConsole {
  const starts = [
    ...MENU_SECTIONS.map((s) => ({ value: `menu=${s}`, label: `メニュー「${translator.t('ja', `menu:section.${s}`)}」` })),
    ...profile.consultationCategories.map((c) => ({ value: `consult=${c.code}`, label: `相談「${c.name}」` })),
  ];
  return { admin: new PrismaFaq(db), work: new PrismaUnitOfWork(db, faqRepositories), starts, districts, easyJapanese: easyJapaneseCheck };
}
