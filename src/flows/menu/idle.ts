import { msg } from '../../domain/message-text';
import { mainMenu, sectionNotReady } from '../common/messages';
import { postbackValue } from '../common/parse';
import { begin, type Engine, type IdleHandler } from '../engine/step';
import type { StepResult } from '../engine/types';
import { MENU_SECTIONS } from '../postback-codes';

/**
 * What happens when no flow is running: a follow starts onboarding (or welcomes back), a menu tap
 * opens its section (the flow a module registered for it; sections without one say politely that they are
 * coming), and anything else gets the menu with a short hint.
 */
export const handleIdle: IdleHandler = (input, ctx, engine: Engine): StepResult => {
  const { flows } = engine;
  const menu = (lead?: Parameters<typeof mainMenu>[1]): StepResult => ({ state: null, effects: [{ type: 'send', messages: [mainMenu(ctx, lead)] }] });
  switch (input.kind) {
    case 'follow': {
      const onboarding = flows.onboarding;
      if (ctx.resident.onboarded || ctx.resident.consent === 'declined' || !onboarding) return menu(msg('menu:welcomeBack', { council: ctx.council.name[ctx.resident.language] }));
      return begin(onboarding, ctx, flows);
    }
    case 'postback': {
      const section = postbackValue(input, 'menu');
      if (section && (MENU_SECTIONS as readonly string[]).includes(section)) {
        const flowId = engine.sections[section];
        const flow = flowId ? flows[flowId] : undefined;
        if (flow) return begin(flow, ctx, flows);
        return { state: null, effects: [{ type: 'send', messages: sectionNotReady(section, ctx) }] };
      }
      return menu(msg('common:staleButton'));
    }
    case 'text':
      return menu(msg('common:idleText'));
    case 'media':
    case 'sticker':
    case 'location':
      return menu(msg('common:mediaHint'));
    default:
      return { state: null, effects: [] };
  }
};
