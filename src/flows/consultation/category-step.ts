import { msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import { choiceChip, postbackChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import type { CouncilView, FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';

/** Areas per page: five big buttons and a sixth for the next page keeps each message readable. */
export const CATEGORIES_PER_PAGE = 5;

type CategoryAnswer = { code: string } | { page: number };

/** The area chosen earlier in the flow, if it still exists in the profile. */
export function chosenCategory(data: FlowData, ctx: FlowContext): CouncilView['categories'][number] | undefined {
  return ctx.council.categories.find((c) => c.code === data.category);
}

/** Asks which consultation area, five at a time; typing an area's name works too. */
export function categoryStep(next: (code: string, data: FlowData, ctx: FlowContext) => Transition): StepDef<CategoryAnswer> {
  return {
    prompt: (data, ctx) => {
      const all = ctx.council.categories;
      const pages = Math.max(1, Math.ceil(all.length / CATEGORIES_PER_PAGE));
      const page = Math.min(Number(data.catPage ?? 0), pages - 1);
      const shown = all.slice(page * CATEGORIES_PER_PAGE, (page + 1) * CATEGORIES_PER_PAGE);
      const buttons: Chip[] = shown.map((c) => choiceChip(c, ctx, `cat=${c.code}`));
      if (pages > 1) buttons.push(postbackChip(msg(page < pages - 1 ? 'consultation:category.more' : 'consultation:category.first'), `catpage=${(page + 1) % pages}`));
      return [{ lines: [msg(page === 0 ? 'consultation:category.prompt' : 'consultation:category.page', { page: page + 1, pages })], buttons }];
    },
    parse: (input, _data, ctx): Parsed<CategoryAnswer> => {
      const page = postbackValue(input, 'catpage');
      if (page !== null && /^\d+$/.test(page)) return { ok: true, value: { page: Number(page) } };
      const code = postbackValue(input, 'cat');
      if (code && ctx.council.categories.some((c) => c.code === code)) return { ok: true, value: { code } };
      if (input.kind === 'text') {
        const typed = input.text.normalize('NFKC').trim();
        const hit = ctx.council.categories.find((c) => [...Object.values(c.name), ...Object.values(c.label)].some((n) => n.normalize('NFKC') === typed));
        if (hit) return { ok: true, value: { code: hit.code } };
      }
      return { ok: false, error: msg('common:pleaseTap') };
    },
    next: (answer, data, ctx) => ('page' in answer ? { to: 'category', data: { ...data, catPage: answer.page } } : next(answer.code, data, ctx)),
  };
}
