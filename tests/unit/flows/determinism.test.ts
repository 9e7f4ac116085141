// Under test: step() is deterministic, never mutates its inputs, and every state it returns is storable (structuredClone and JSON round-trips); inputs are recorded conversations over the real FLOWS with a faked context.
import { describe, expect, it } from 'vitest';
import type { InboundInput } from '../../../src/domain/inbound-event';
import type { FlowState } from '../../../src/flows/engine/types';
import { TTL_MS, converse, deepFreeze, demoEvents, demoMember, demoVolunteer, demoTeam, disasterRunning, follow, location, image, makeCtx, postback, run, stateAt, text, type Turn, FLOWS } from './flow-test-kit';

const onboarded = { consent: 'granted' as const, districtCode: 'area02', topics: ['disaster'], onboarded: true };

/** Conversations that between them reach every step of every flow and every engine branch. */
const scenarios: Array<{ name: string; turns: Turn[] }> = [
  {
    name: 'onboarding, yes',
    turns: converse([follow(), postback('c=more'), postback('g=lang&to=en'), postback('c=yes'), postback('lang=ja-x-easy'), postback('dpage=1'), text('x'), postback('d=area10'), postback('t=disaster'), image, postback('t=done')]),
  },
  { name: 'onboarding, no', turns: converse([follow(), postback('c=no'), text('こんにちは')]) },
  { name: 'staff without consent: a question typed first, then a yes', turns: converse([postback('menu=events'), text('スタッフと話したい'), text('090-1234-5678'), postback('sc=yes')]) },
  {
    name: 'settings, consent then topics',
    turns: converse([postback('menu=settings'), postback('s=topics'), postback('c=yes'), postback('t=newsletters'), postback('g=lang'), text('最初から'), postback('s=language'), postback('lang=en')]),
  },
  {
    name: 'settings, withdraw',
    turns: converse([postback('menu=settings'), postback('s=consent'), postback('w=yes')], { ctx: makeCtx({ resident: onboarded }) }),
  },
  {
    name: 'settings, my data',
    turns: converse([postback('menu=settings'), postback('s=myData'), postback('md=erase')], { ctx: makeCtx({ resident: onboarded }) }),
  },
  {
    name: 'settings, consents: list and withdraw one',
    turns: converse([postback('menu=settings'), postback('s=consents'), postback('tw=health'), postback('twc=yes'), postback('menu=settings'), postback('s=consents'), postback('tw=referrals'), postback('tw=done')], {
      ctx: makeCtx({
        resident: {
          ...onboarded,
          topicConsents: [
            { id: 't1', topic: 'health', decision: 'granted', version: 'v1', at: '2026-11-01T00:00:00.000Z' },
            { id: 't2', topic: 'referral:minsei', decision: 'granted', version: 'v1', at: '2026-11-01T00:00:00.000Z' },
          ],
        },
      }),
    }),
  },
  {
    name: 'settings, district and staff',
    turns: converse([postback('menu=settings'), postback('s=district'), text('第2地区'), postback('menu=settings'), text('スタッフと話したい')], { ctx: makeCtx({ resident: onboarded }) }),
  },
  {
    name: 'consultation, with consent, a fix and a photo',
    turns: converse([
      postback('menu=consult'), postback('catpage=1'), postback('cat=elderly'), postback('about=go'), postback('c=yes'), postback('tc=yes'), postback('forWhom=self'), postback('d=skip'),
      postback('contact=phone'), text('045-000-1234'), postback('contactTime=anytime'), postback('urgency=normal'), text('ひとり暮らしで不安です'), image, postback('desc=done'),
      postback('confirm=fix'), postback('fix=contact'), postback('contact=line'), postback('confirm=send'),
    ]),
  },
  {
    name: 'complaint by phone, consent asked, then sent',
    turns: converse([postback('menu=complaints'), postback('cpk=complaint'), postback('cpt=staff'), image, text('窓口で長く待たされました'), postback('cpw=phone'), text('090-1234-5678'), postback('c=yes'), postback('cpc=send')]),
  },
  { name: 'survey', turns: converse([text('まあまあ'), postback('score=4'), text('ありがとうございました')], { state: stateAt('survey', 'score', { conversationId: 't1' }) }) },
  {
    name: 'salons: pick a district, open one, follow after consent, back to the list',
    turns: converse([postback('menu=events'), postback('ev=salons'), postback('d=skip'), postback('sl=kaigan-ikiiki'), postback('sd=follow'), postback('c=yes'), postback('sd=back'), postback('sl=other')]),
  },
  {
    name: 'events: register for a course after consent, then cancel a waitlist place',
    turns: [
      ...converse([postback('menu=events'), postback('ev=list'), postback('el=ev-course'), postback('ed=register'), postback('c=yes'), text('山田 花子'), postback('ep=skip'), postback('ec=yes')], { ctx: makeCtx({ events: demoEvents() }) }),
      ...converse([postback('menu=events'), postback('ev=mine'), postback('em=ev-festival'), postback('ed=cancel'), postback('ex=yes')], {
        ctx: makeCtx({ resident: { consent: 'granted', onboarded: true }, events: demoEvents([{ eventId: 'ev-festival', status: 'waitlisted', position: 2 }]) }),
      }),
    ],
  },
  {
    name: 'volunteer: register after consent with a fix, then pause, edit and leave',
    turns: [
      ...converse([
        postback('menu=volunteer'), postback('vo=register'), postback('c=yes'), text('山田 花子'), postback('vp=line'), postback('d=skip'),
        postback('vs=listening'), postback('vs=escort'), postback('vs=done'), postback('vd=sat'), postback('vd=done'), postback('vt=am'), postback('vt=done'),
        postback('vi=basic'), { kind: 'postback', data: 've=date', params: { date: '2026-05-01' } }, postback('vc=fix'), postback('vf=phone'), text('090-1234-5678'), postback('vc=yes'),
      ]),
      ...converse([postback('menu=volunteer'), postback('vh=edit'), postback('vf=insurance'), postback('vi=none'), postback('vc=yes')], { ctx: makeCtx({ resident: { consent: 'granted', onboarded: true }, volunteer: demoVolunteer() }) }),
      ...converse([
        postback('menu=volunteer'), postback('vo=request'), postback('c=yes'), postback('rq=organisation'), text('みなと子ども食堂'), postback('rk=heavy_work'), postback('d=skip'),
        location, { kind: 'postback', data: 'rd=date', params: { date: '2026-12-05' } }, postback('rp=am'), postback('rn=3'), postback('rx=skip'), postback('rc=line'),
        postback('ry=fix'), postback('rf=requestPeople'), postback('rn=2'), postback('ry=send'),
      ]),
      ...converse([postback('menu=volunteer'), postback('vh=leave'), postback('vl=yes')], { ctx: makeCtx({ resident: { consent: 'granted', onboarded: true }, volunteer: demoVolunteer() }) }),
    ],
  },
  {
    name: 'volunteer: hours reported with a tap, then a note',
    turns: converse([postback('vr=inv-1&h=2'), text('段差に気をつけて')], {
      ctx: makeCtx({ resident: { consent: 'granted', onboarded: true }, invitations: [{ id: 'inv-1', requestId: 'r1', status: 'accepted', people: 1, accepted: 1, open: false, kind: 'escort', date: '2026-12-05', referenceNo: 'V-261124-ABCD', insured: true }] }),
    }),
  },
  {
    name: 'donate: money after consent with a fix, goods stopped, food judged item by item, an appliance with its photo',
    turns: [
      ...converse([
        postback('menu=donate'), postback('c=yes'), postback('dk=money'), postback('dpu=children'), text('1万円'), text('山田 花子'), postback('dl=line'), postback('ds=office-am'),
        postback('dy=fix'), postback('dfx=amount'), text('20000'), postback('dy=send'),
      ]),
      ...converse([postback('menu=donate'), postback('dk=goods'), postback('dpu=general'), text('タオル 10枚'), text('山田 花子'), postback('dl=line'), postback('ds=office-pm'), postback('dy=stop')], { ctx: makeCtx({ resident: onboarded }) }),
      ...converse(
        [
          postback('menu=donate'), postback('dk=food'), postback('fc=fresh'), postback('fm=more'), postback('fc=rice'), postback('fu=no'), postback('fm=more'), postback('fc=canned'), postback('fu=yes'),
          { kind: 'postback', data: 'fb=date', params: { date: '2026-12-01' } }, postback('fm=more'), postback('fc=noodles'), postback('fu=yes'), { kind: 'postback', data: 'fb=date', params: { date: '2027-06-01' } },
          postback('fm=done'), text('山田 花子'), text('090-1234-5678'), postback('ds=pickup-tue'), text('みなと区海岸通1-2'), postback('dy=fix'), postback('dfx=items'), postback('fc=snacks'), postback('fu=yes'),
          { kind: 'postback', data: 'fb=date', params: { date: '2027-03-01' } }, postback('fm=done'), postback('dy=send'),
        ],
        { ctx: makeCtx({ resident: onboarded }) },
      ),
      ...converse([postback('menu=donate'), postback('dk=food'), postback('fc=alcohol'), postback('fm=done')], { ctx: makeCtx({ resident: onboarded }) }),
      ...converse(
        [postback('menu=donate'), postback('dk=appliance'), text('冷蔵庫'), postback('az=medium'), postback('ag=3to5'), postback('ac=good'), text('写真はあとで'), image, text('山田 花子'), postback('dl=line'), postback('ds=pickup-thu'), text('みなと区海岸通1-2'), postback('dy=send')],
        { ctx: makeCtx({ resident: onboarded }) },
      ),
    ],
  },
  { name: 'danger while in a flow', turns: converse([text('死にたい')], { state: stateAt('consultation', 'description', { category: 'elderly' }) }) },
  {
    name: 'odd stored states',
    turns: [
      ...converse([text('hi')], { state: stateAt('onboarding', 'topics', { topics: ['disaster'] }, { ageMs: TTL_MS + 1 }) }),
      ...converse([text('hi')], { state: stateAt('onboarding', 'topics', {}, { version: 0 }) }),
      ...converse([text('hi')], { state: stateAt('gone', 'x', {}, { version: 1 }) }),
      ...converse([text('hi')], { state: stateAt('settings', 'nope') }),
      ...converse([postback('g=lang&to=en')], { state: stateAt('settings', 'topics', { topics: ['volunteering'] }) }),
    ],
  },
  {
    name: 'disaster: a new volunteer joins as a group, fixes the insurance, and joins',
    turns: converse(
      [
        postback('dz=join'), postback('c=yes'), postback('dzk=group'), text('港ボランティア会'), postback('dzn=4'), text('山田 太郎'), postback('dzo=outside'), postback('dzs=mud'), postback('dzs=done'),
        { kind: 'postback', data: 'dzd=date', params: { date: '2026-11-28' } }, postback('dzd=done'), text('090-1234-5678'), text('山田 花子 090-2222-3333'), postback('dzi=disaster'),
        { kind: 'postback', data: 'dze=date', params: { date: '2026-06-01' } }, postback('dzc=fix'), postback('dzf=plan'), postback('dzi=none'), postback('dzc=yes'),
      ],
      { ctx: makeCtx({ disaster: disasterRunning() }) },
    ),
  },
  {
    name: 'disaster: a neighbour asks for help, with consent, a pin, a photo, roof work and a fix',
    turns: converse(
      [
        postback('dz=need'), postback('c=yes'), postback('dnr=neighbour'), text('山田 ハナ'), text('045-111-2222'), text('佐藤 次郎'), text('海岸町1-2-3'), location, postback('dnd=floodBelow'), postback('dnd=done'),
        postback('dnw=other'), postback('dnw=done'), text('屋根の修理'), postback('dnx=roof'), postback('dnx=done'), image, postback('dns=photos'), postback('dnh=alone'), postback('dnh=done'),
        { kind: 'postback', data: 'dnt=date', params: { date: '2026-11-28' } }, postback('dnt=done'), postback('dnc=phone'), postback('dnp=0451112222'), text('駐車場あり'),
        postback('dnk=fix'), postback('dnz=notes'), postback('dns=notes'), postback('dnk=yes'),
      ],
      { ctx: makeCtx({ disaster: disasterRunning() }) },
    ),
  },
  {
    name: 'disaster: a leader reports from the dispatch notice, 継続 with a missing shovel, an injury, a photo and a fix',
    turns: converse(
      [
        postback('dt=report&t=team-1'), postback('dfb=centre'), postback('dfp=3'), text('3.5'), text('床下の泥出し'), postback('dfs=remarks'), postback('dfi=injury'), text('手を切った'), image, postback('dfs=photos'),
        postback('dfo=continuing'), text('奥の部屋の泥'), postback('dfe=missing'), postback('dfm=shovel'), postback('dfm=:done'), postback('dfk=fix'), postback('dfz=hours'), postback('dfh=4'), postback('dfk=send'),
      ],
      { ctx: makeCtx({ disaster: disasterRunning({ teams: [demoTeam()] }) }) },
    ),
  },
  {
    name: 'disaster: a member applies for a date, in a drill',
    turns: converse([postback('dz=join'), postback('dzp=day-sat'), text('土曜日'), postback('dzp=done')], { ctx: makeCtx({ resident: onboarded, disaster: disasterRunning({ member: demoMember(), centre: { ...disasterRunning().centre!, drill: true } }) }) }),
  },
];
const allTurns = scenarios.flatMap((s) => s.turns.map((t, i) => ({ ...t, label: `${s.name} #${i}` })));

describe('recorded conversations', () => {
  it('reach every step of every flow', () => {
    const reached = new Set(allTurns.flatMap((t) => (t.result.state ? [`${t.result.state.flowId}/${t.result.state.step}`] : [])));
    const all = Object.values(FLOWS).flatMap((f) => Object.keys(f.steps).map((s) => `${f.id}/${s}`));
    expect([...reached].sort()).toEqual(expect.arrayContaining(all.sort()));
  });
});

describe('determinism', () => {
  it.each(allTurns.map((t) => [t.label, t] as const))('%s: the same state, input and context give deep-equal results', (_label, t) => {
    const again = run(structuredClone(t.stateBefore), structuredClone(t.input), structuredClone(t.ctx));
    expect(again).toStrictEqual(t.result);
    expect(run(t.stateBefore, t.input, t.ctx)).toStrictEqual(t.result);
  });
});

describe('storage', () => {
  const states = allTurns.flatMap((t) => (t.result.state ? [[t.label, t.result.state] as [string, FlowState]] : []));

  it('there are states to check', () => {
    expect(states.length).toBeGreaterThan(20);
  });

  it.each(states)('%s: the state survives structuredClone and a JSON round-trip unchanged', (_label, state) => {
    expect(structuredClone(state)).toStrictEqual(state);
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
    expect(Number.isNaN(Date.parse(state.stepStartedAt))).toBe(false);
  });

  it.each(allTurns.map((t) => [t.label, t] as const))('%s: the effects survive a JSON round-trip too', (_label, t) => {
    expect(JSON.parse(JSON.stringify(t.result.effects))).toStrictEqual(t.result.effects);
  });
});

describe('no mutation', () => {
  it.each(allTurns.filter((t) => t.stateBefore).map((t) => [t.label, t] as const))('%s: step() works on a deep-frozen state and context and leaves them as they were', (_label, t) => {
    const state = deepFreeze(structuredClone(t.stateBefore));
    const ctx = deepFreeze(structuredClone(t.ctx));
    const input = deepFreeze(structuredClone(t.input)) as InboundInput;
    const snapshot = structuredClone(state);
    const result = run(state, input, ctx);
    expect(result).toStrictEqual(t.result);
    expect(state).toStrictEqual(snapshot);
  });

  it('the frozen-state check does catch a write (guard against a helper that freezes nothing)', () => {
    const state = deepFreeze(stateAt('onboarding', 'topics', { topics: ['disaster'] }));
    expect(() => {
      (state.data.topics as string[]).push('volunteering');
    }).toThrow(TypeError);
  });
});
