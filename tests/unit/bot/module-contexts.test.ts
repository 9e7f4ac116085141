// Under test: loadModuleContexts — which residents of a batch each module loads its context for (its flow running,
// its section or keys tapped, or every event when it asks for all). Faked: the modules (loaders that record whom
// they were asked about); the events are plain stored rows, no database.
import { describe, expect, it } from 'vitest';
import { loadModuleContexts } from '../../../src/bot/pipeline/plan-webhook-event';
import type { PipelineModule } from '../../../src/bot/pipeline/module-contract';
import type { PendingEvent } from '../../../src/domain/stores';

function event(id: string, lineType: string, body: object = {}): PendingEvent {
  return { id, userKey: `U${id}`, lineType, timestamp: 0, payload: JSON.stringify({ type: lineType, ...body }), receivedAt: new Date(0) };
}

/** A module whose loader records the residents it was asked for. */
function recording(id: string, alsoFor?: PipelineModule['alsoFor']): { module: PipelineModule; asked: string[][] } {
  const asked: string[][] = [];
  const module: PipelineModule = {
    flow: { id, flows: [], postbackKeys: [id] },
    ...(alsoFor ? { alsoFor } : {}),
    async load(residentIds) {
      asked.push(residentIds);
      return (residentId) => `${id}:${residentId}`;
    },
  };
  return { module, asked };
}

const batch = [
  { stored: event('1', 'message', { message: { type: 'text', text: 'ABCD1234' } }), state: null, residentId: 'r1' },
  { stored: event('2', 'follow'), state: null, residentId: 'r2' },
  { stored: event('3', 'postback', { postback: { data: 'keyed=yes' } }), state: null, residentId: 'r3' },
];

describe('loadModuleContexts', () => {
  it('loads a module asking for every event for the whole batch, and a keyed module only for its taps', async () => {
    const every = recording('every', { allEvents: true });
    const keyed = recording('keyed');

    const contexts = await loadModuleContexts([every.module, keyed.module], batch, new Date(0));

    expect(every.asked).toEqual([['r1', 'r2', 'r3']]);
    expect(keyed.asked).toEqual([['r3']]);
    expect(contexts.get('every')?.('r2')).toBe('every:r2');
  });

  it('tells a module reached by every event which residents typed a text or tapped one of its keys', async () => {
    const every = recording('every', { allEvents: true });
    const engaged: string[][] = [];
    const load = every.module.load!;
    every.module.load = (ids, now, theirs, typedOrTapped) => {
      engaged.push([...typedOrTapped]);
      return load(ids, now, theirs, typedOrTapped);
    };
    const tap = { stored: event('4', 'postback', { postback: { data: 'every=1' } }), state: null, residentId: 'r4' };
    const image = { stored: event('5', 'message', { message: { type: 'image' } }), state: null, residentId: 'r5' };

    await loadModuleContexts([every.module], [...batch, tap, image], new Date(0));
    await loadModuleContexts([every.module], batch.slice(1, 3), new Date(0));

    expect(every.asked).toEqual([['r1', 'r2', 'r3', 'r4', 'r5'], ['r2', 'r3']]);
    expect(engaged).toEqual([['r1', 'r4'], []]);
  });

  it('loads nothing for a module no event of the batch reaches', async () => {
    const keyed = recording('keyed');

    const contexts = await loadModuleContexts([keyed.module], batch.slice(0, 2), new Date(0));

    expect(keyed.asked).toEqual([]);
    expect(contexts.has('keyed')).toBe(false);
  });
});

describe('わたしの申し込み', () => {
  it('reaches every module that lists open items, telling each whom to list for; others load as usual', async () => {
    const listing = recording('listing');
    listing.module.flow.myRequests = () => [];
    const asking: string[][] = [];
    const load = listing.module.load!;
    listing.module.load = (ids, now, theirs, engaged) => {
      asking.push([...theirs]);
      return load(ids, now, theirs, engaged);
    };
    const keyed = recording('keyed');
    const words = [
      { stored: event('4', 'message', { message: { type: 'text', text: '状況' } }), state: null, residentId: 'r4' },
      { stored: event('5', 'postback', { postback: { data: 'g=mine' } }), state: null, residentId: 'r5' },
      { stored: event('6', 'postback', { postback: { data: 'listing=x' } }), state: null, residentId: 'r6' },
    ];

    await loadModuleContexts([listing.module, keyed.module], [...batch, ...words], new Date(0));

    expect(listing.asked).toEqual([['r4', 'r5', 'r6']]);
    expect(asking).toEqual([['r4', 'r5']]);
    expect(keyed.asked).toEqual([['r3']]);
  });
});
