import { DRILL_MARK } from '../../domain/disaster/centre';
import { msg, type Msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import type { Flow, FlowContext, StepDef, Transition } from '../engine/types';
import { disasterContext } from './module-context';

/**
 * During a drill every message the module sends starts with 【訓練】: the mark is put before the first line of each
 * message (and before a step's error line, which the engine puts first when it asks again).
 */

function isDrill(ctx: FlowContext): boolean {
  return disasterContext(ctx).centre?.drill === true;
}

/** `line` with the drill mark before it (the locale nests the line's own message). */
export function drilled(line: Msg): Msg {
  return msg('disaster:drilled', { ...line.params, drillMark: DRILL_MARK, drillKey: line.key });
}

/** Lines as sent: marked at the top in a drill. */
export function markedLines(ctx: FlowContext, lines: Msg[]): Msg[] {
  const [first, ...rest] = lines;
  return isDrill(ctx) && first ? [drilled(first), ...rest] : lines;
}

/** Messages as sent: each marked at the top in a drill. */
export function marked(ctx: FlowContext, messages: OutMessage[]): OutMessage[] {
  return isDrill(ctx) ? messages.map((m) => ({ ...m, lines: markedLines(ctx, m.lines) })) : messages;
}

function markedTransition(t: Transition, ctx: FlowContext): Transition {
  if ('to' in t) return t.before ? { ...t, before: marked(ctx, t.before) } : t;
  return t.messages ? { ...t, messages: marked(ctx, t.messages) } : t;
}

function markedStep<V>(def: StepDef<V>): StepDef<V> {
  return {
    prompt: (data, ctx) => marked(ctx, def.prompt(data, ctx)),
    parse: (input, data, ctx) => {
      const parsed = def.parse(input, data, ctx);
      return parsed.ok || !isDrill(ctx) ? parsed : { ok: false, error: drilled(parsed.error) };
    },
    next: (value, data, ctx) => markedTransition(def.next(value, data, ctx), ctx),
  };
}

/** The flow with every message its steps send marked during a drill. */
export function markedFlow(flow: Flow): Flow {
  return {
    ...flow,
    start: (ctx) => markedTransition(flow.start(ctx), ctx),
    steps: Object.fromEntries(Object.entries(flow.steps).map(([name, def]) => [name, markedStep(def)])),
  };
}
