// Test kit for pure flow tests: a fixed-time FlowContext, input builders and readers of step results.
// Nothing here touches HTTP, a database or LINE; the "runner" below only folds resident patches into the view.
import type { InboundInput } from '../../../src/domain/inbound-event';
import { LANGUAGES, type Language } from '../../../src/domain/language';
import type { Chip, OutMessage } from '../../../src/domain/out-message';
import { step } from '../../../src/flows/engine/step';
import type { CouncilView, LocalizedText, Effect, FlowContext, FlowState, ResidentPatch, ResidentView, StepResult } from '../../../src/flows/engine/types';
import { composeEngine } from '../../../src/flows/core';
import { consultationFlowModule } from '../../../src/flows/consultation';
import { donationsFlowModule } from '../../../src/flows/donate';
import { eventsFlowModule } from '../../../src/flows/events';
import { volunteersFlowModule } from '../../../src/flows/volunteer';
import { disasterFlowModule } from '../../../src/flows/disaster';
import { complaintsFlowModule } from '../../../src/flows/complaints';
import { complaintsInfo } from '../../../src/bot/complaints/pipeline';
import { effectsOf } from '../../../src/flows/engine/module';
import type { EventsContext } from '../../../src/flows/events/module-context';
import type { VolunteersContext } from '../../../src/flows/volunteer/module-context';
import type { DonationsContext } from '../../../src/flows/donate/module-context';
import type { DisasterContext } from '../../../src/flows/disaster/module-context';
import type { RunningCentre } from '../../../src/domain/disaster/store';
import { disasterSettings } from '../../../src/bot/disaster/settings';
import path from 'node:path';
import { councilView as realCouncilView } from '../../../src/bot/render/council-view';
import type { ThreadView } from '../../../src/domain/thread';
import { loadCouncilProfile } from '../../../src/infra/load-council-profile';
import { PROJECT_ROOT } from '../../../src/infra/project-root';
import { loadSafetyDetector, SAFETY_PHRASES_PATH } from '../../../src/infra/load-safety-phrases';

/** The engine as the service composes it: the core flows and every module's flow part. */
export const ENGINE = composeEngine([consultationFlowModule, eventsFlowModule, volunteersFlowModule, donationsFlowModule, disasterFlowModule, complaintsFlowModule]);
/** Every flow by id. */
export const FLOWS = ENGINE.flows;

/** A module's own effects among a step's effects (the engine carries them wrapped). */
export const moduleEffects = <E = { type: string }>(effects: readonly Effect[], module: string): E[] => effectsOf<E>(effects, module);

/** The fixed "now" every context uses unless a test says otherwise. */
export const NOW = new Date('2026-11-24T01:00:00.000Z');
export const NOW_ISO = NOW.toISOString();
/** Time-to-live of a step in these tests: 30 minutes. */
export const TTL_MS = 30 * 60_000;
export const CONSENT_VERSION = 'privacy-2026-04';
export const PHONE = '045-000-1234';

/** A text in Japanese, English and easy Japanese; the other languages read the easy Japanese, as profile texts fall back. */
export function localized(ja: string, en: string, easy: string): LocalizedText {
  return Object.fromEntries(LANGUAGES.map((l) => [l, l === 'ja' ? ja : l === 'en' ? en : easy])) as LocalizedText;
}

/** Districts `area01`…`areaNN` named 第N地区 / District N / だいNちく. */
export function districts(count: number): CouncilView['districts'] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const name = localized(`第${n}地区`, `District ${n}`, `だい${n}ちく`);
    return { code: `area${String(n).padStart(2, '0')}`, name, label: name };
  });
}

const demo = loadCouncilProfile(path.join(PROJECT_ROOT, 'profiles', 'demo-council.yaml'));
const demoView = realCouncilView(demo);

/** The real safety detector, from the project's phrase data. */
export const detector = loadSafetyDetector(SAFETY_PHRASES_PATH);

/** A council view with `districtCount` districts (10 by default, so the district step has two pages); consultation areas, hours and helplines come from the demo profile. */
export function councilView(districtCount = 10): CouncilView {
  return {
    categories: demoView.categories,
    businessHours: demoView.businessHours,
    salons: demoView.salons,
    volunteerSkills: demoView.volunteerSkills,
    donations: demoView.donations,
    replyWithin: demoView.replyWithin,
    emergency: demoView.emergency,
    partners: demoView.partners,
    name: localized('つなぐ市社会福祉協議会', 'Tsunagu City Council of Social Welfare', 'つなぐし しゃかいふくしきょうぎかい'),
    phone: PHONE,
    hours: localized('平日 8:30〜17:15', 'Weekdays 8:30-17:15', 'へいじつ 8:30〜17:15'),
    districts: districts(districtCount),
  };
}

/** A resident who just became a friend: Japanese, no consent, nothing stored. */
export function newResident(overrides: Partial<ResidentView> = {}): ResidentView {
  return { language: 'ja', consent: 'pending', districtCode: null, topics: [], salons: [], onboarded: false, ...overrides } as ResidentView;
}

/** The events module's context, as the test names it. */
export type EventsView = { upcoming: EventsContext['upcoming']; mine: EventsContext['mine'] };

/** A FlowContext with a fixed `now`; the modules' contexts (events, salon changes, volunteer, invitations, wanted items, the disaster centre) from the overrides. */
export function makeCtx(overrides: { resident?: Partial<ResidentView>; council?: CouncilView; now?: Date; ttlMs?: number; thread?: ThreadView | null; events?: EventsView; salonChanges?: EventsContext['salonChanges']; volunteer?: VolunteersContext['volunteer']; invitations?: VolunteersContext['invitations']; wanted?: DonationsContext['wanted']; disaster?: DisasterContext } = {}): FlowContext {
  const events: EventsContext = { ...(overrides.events ?? { upcoming: [], mine: [] }), salonChanges: overrides.salonChanges ?? [] };
  const volunteers: VolunteersContext = { volunteer: overrides.volunteer ?? null, invitations: overrides.invitations ?? [] };
  const donations: DonationsContext = { wanted: overrides.wanted ?? [] };
  return {
    thread: overrides.thread ?? null,
    seed: 'abcd1234',
    danger: null,
    now: overrides.now ?? NOW,
    resident: newResident(overrides.resident),
    council: overrides.council ?? councilView(),
    ttlMs: overrides.ttlMs ?? TTL_MS,
    consentVersion: CONSENT_VERSION,
    modules: { events, volunteers, donations, complaints: { info: complaintsInfo(demo.complaints) }, ...(overrides.disaster ? { disaster: overrides.disaster } : {}) },
    consentWithdrawal: [],
  };
}

export const text = (t: string): InboundInput => ({ kind: 'text', text: t, messageId: 'msg-1' });
export const postback = (data: string): InboundInput => ({ kind: 'postback', data });
export const follow = (isUnblocked = false): InboundInput => ({ kind: 'follow', isUnblocked });
export const image: InboundInput = { kind: 'media', mediaType: 'image', messageId: 'msg-2', fromLine: true };
export const audio: InboundInput = { kind: 'media', mediaType: 'audio', messageId: 'msg-3', fromLine: true };
export const sticker: InboundInput = { kind: 'sticker', messageId: 'msg-4' };
export const location: InboundInput = { kind: 'location', messageId: 'msg-5', latitude: 35.44, longitude: 139.64 };
/** Inputs that are not text or a tap: a step that takes only taps answers them with `common:mediaHint`, others with their own hint. */
export const NON_TEXT_INPUTS: Array<[string, InboundInput]> = [
  ['image', image],
  ['audio', audio],
  ['sticker', sticker],
  ['location', location],
];

/** A saved state of `flowId`, started `ageMs` before NOW (1 minute by default). */
export function stateAt(flowId: string, stepName: string, data: FlowState['data'] = {}, opts: { ageMs?: number; version?: number } = {}): FlowState {
  const version = opts.version ?? FLOWS[flowId]?.version ?? 1;
  return { flowId, version, step: stepName, data, stepStartedAt: new Date(NOW.getTime() - (opts.ageMs ?? 60_000)).toISOString() };
}

/** The real engine with the real registry and idle handler. */
export function run(state: FlowState | null, input: InboundInput, ctx: FlowContext = makeCtx()): StepResult {
  // The runner asks the safety detector about every text before the step, as process-event does.
  const danger = input.kind === 'text' ? (detector.detect(input.text)?.category ?? null) : null;
  return step(ENGINE, state, input, { ...ctx, danger });
}

/** Every message the result sends, in order. */
export function sent(result: StepResult): OutMessage[] {
  return result.effects.flatMap((e) => (e.type === 'send' ? e.messages : []));
}

/** The keys of every line sent, in order. */
export function lineKeys(result: StepResult): string[] {
  return sent(result).flatMap((m) => m.lines.map((l) => l.key));
}

/** The last message sent (the one carrying quick replies). Throws when nothing is sent. */
export function lastMessage(result: StepResult): OutMessage {
  const last = sent(result).at(-1);
  if (!last) throw new Error('nothing was sent');
  return last;
}

/** Postback data of chips (or buttons). */
export function dataOf(chips: Chip[] | undefined): string[] {
  return (chips ?? []).map((c) => (c.kind === 'postback' || c.kind === 'datePicker' ? c.data : `${c.kind}:`));
}

/** Postback data of the last message's quick-reply chips. */
export function chipData(result: StepResult): string[] {
  return dataOf(lastMessage(result).chips);
}

/** Label keys of the last message's chips. */
export function chipLabelKeys(result: StepResult): string[] {
  return (lastMessage(result).chips ?? []).map((c) => c.label.key);
}

/** Postback data of every message's buttons. */
export function buttonData(result: StepResult): string[] {
  return sent(result).flatMap((m) => dataOf(m.buttons));
}

/** The resident patches, in order. */
export function patches(result: StepResult): ResidentPatch[] {
  return result.effects.flatMap((e) => (e.type === 'updateResident' ? [e.patch] : []));
}

/** The hand-off requests. */
export function handoffs(result: StepResult): Array<Extract<Effect, { type: 'requestHandoff' }>> {
  return result.effects.flatMap((e) => (e.type === 'requestHandoff' ? [e] : []));
}

/** The main menu's chips, in display order. */
export const MAIN_MENU_CHIPS = ['menu=consult', 'menu=volunteer', 'menu=donate', 'menu=events', 'menu=complaints', 'menu=settings', 'g=mine', 'g=staff'];

/** True when a message is the main menu (its lines end with the prompt and the call-us line). */
export function isMainMenu(m: OutMessage | undefined): boolean {
  if (!m) return false;
  const keys = m.lines.map((l) => l.key);
  return keys.at(-2) === 'menu:prompt' && keys.at(-1) === 'common:callUs' && JSON.stringify(dataOf(m.chips)) === JSON.stringify(MAIN_MENU_CHIPS);
}

/** Applies a patch the way the runner stores it, returning the resident view the next event would see. */
export function applyPatch(resident: ResidentView, patch: ResidentPatch): ResidentView {
  return {
    language: patch.language ?? resident.language,
    consent: patch.consent ?? resident.consent,
    districtCode: patch.districtCode !== undefined ? patch.districtCode : resident.districtCode,
    salons: patch.salons ?? resident.salons,
    topics: patch.topics ?? resident.topics,
    onboarded: patch.onboardedAt !== undefined ? patch.onboardedAt !== null : resident.onboarded,
    // A topic decision becomes the current one for its topic (the store keeps the history).
    ...(patch.topicConsents || resident.topicConsents
      ? {
          topicConsents: [
            ...(resident.topicConsents ?? []).filter((c) => !patch.topicConsents?.some((d) => d.topic === c.topic)),
            ...(patch.topicConsents ?? []).map((d) => ({ id: `tc-${d.topic}`, ...d, at: NOW_ISO })),
          ],
        }
      : {}),
  };
}

/** One processed input in a conversation. */
export interface Turn {
  input: InboundInput;
  stateBefore: FlowState | null;
  ctx: FlowContext;
  result: StepResult;
}

/**
 * Feeds inputs one after another like the runner does: the state and the resident's stored patches carry
 * over, and the clock advances `gapMs` between inputs.
 */
export function converse(inputs: InboundInput[], start: { state?: FlowState | null; ctx?: FlowContext; gapMs?: number } = {}): Turn[] {
  let state = start.state ?? null;
  let ctx = start.ctx ?? makeCtx();
  const turns: Turn[] = [];
  for (const input of inputs) {
    const result = run(state, input, ctx);
    turns.push({ input, stateBefore: state, ctx, result });
    state = result.state;
    const resident = patches(result).reduce(applyPatch, ctx.resident);
    ctx = { ...ctx, resident, now: new Date(ctx.now.getTime() + (start.gapMs ?? 5_000)) };
  }
  return turns;
}

/** Freezes an object graph so any write to it throws (test files are ES modules, hence strict mode). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Every language, for loops. */
export const ALL_LANGUAGES: readonly Language[] = LANGUAGES;

/** Two upcoming events on 5 and 12 Dec 2026: a course with places left, and a full festival with one waiting. */
export function demoEvents(mine: EventsView['mine'] = []): EventsView {
  const jst = (s: string) => new Date(`${s}+09:00`);
  return {
    upcoming: [
      {
        id: 'ev-course',
        title: { ja: '手話入門講座', en: 'Sign language for beginners', 'ja-x-easy': 'しゅわの こうざ' },
        description: { ja: '初めての方向けの手話講座です。' },
        place: '福祉センター 2階',
        startsAt: jst('2026-12-05T13:30:00'),
        endsAt: jst('2026-12-05T15:30:00'),
        deadline: jst('2026-12-01T17:00:00'),
        capacity: 30,
        registered: 10,
        waitlisted: 0,
      },
      {
        id: 'ev-festival',
        title: { ja: 'ふくしまつり' },
        description: { ja: '模擬店と舞台発表。' },
        place: '中央公園',
        startsAt: jst('2026-12-12T10:00:00'),
        endsAt: jst('2026-12-12T15:00:00'),
        deadline: jst('2026-12-10T17:00:00'),
        capacity: 2,
        registered: 2,
        waitlisted: 1,
      },
    ],
    mine,
  };
}

/** A registered volunteer: listening on Saturday mornings, insured (basic plan) for FY2026 since 1 May. */
export function demoVolunteer(overrides: Partial<NonNullable<VolunteersContext['volunteer']>> = {}): NonNullable<VolunteersContext['volunteer']> {
  return {
    id: 'vol-1',
    name: '山田 花子',
    phone: '09012345678',
    districtCode: null,
    skills: ['listening'],
    availability: { sat: ['am'] },
    insurance: { fiscalYear: 2026, plan: 'basic', enrolledOn: '2026-05-01' },
    status: 'active',
    ...overrides,
  };
}

/** The demo council's disaster settings (skills, insurance, orientation, donation rule). */
export const DISASTER_SETTINGS = disasterSettings(demo)!;

/**
 * A running disaster centre (open, not a drill, in 海岸地区) with three dates: today (24 Nov 2026, its window long
 * closed, code TODAY123), and Sat 28 and Sun 29 Nov, whose windows are open at NOW (closing 26 and 27 Nov, 18:00).
 */
export function demoCentre(overrides: Partial<RunningCentre> = {}): RunningCentre {
  const jst = (s: string) => new Date(`${s}+09:00`);
  const day = (id: string, date: string, opens: string, closes: string, code: string) => ({ id, date, capacity: 20, opensAt: jst(opens), closesAt: jst(closes), reconfirmBy: jst(`${date}T00:00:00`), checkInCode: code });
  return {
    id: 'centre-1',
    name: 'つなぐ市災害ボランティアセンター',
    districts: ['kaigan'],
    openedOn: '2026-11-20',
    drill: false,
    status: 'open',
    sameDayCover: false,
    walkIns: false,
    days: [
      day('day-today', '2026-11-24', '2026-11-20T09:00:00', '2026-11-22T18:00:00', 'TODAY123'),
      day('day-sat', '2026-11-28', '2026-11-23T09:00:00', '2026-11-26T18:00:00', 'SAT11280'),
      day('day-sun', '2026-11-29', '2026-11-23T09:00:00', '2026-11-27T18:00:00', 'SUN11290'),
    ],
    ...overrides,
  };
}

/** The disaster module's context while `demoCentre()` runs (no pool entry, no registration), with `overrides`. */
export function disasterRunning(overrides: Partial<DisasterContext> = {}): DisasterContext {
  return { settings: DISASTER_SETTINGS, centre: demoCentre(), member: null, applications: [], volunteer: null, ...overrides };
}

/** A team of `demoCentre()` out there, led by the resident: three people, two shovels. */
export function demoTeam(overrides: Partial<NonNullable<DisasterContext['teams']>[number]> = {}): NonNullable<DisasterContext['teams']>[number] {
  return { id: 'team-1', number: 2, status: 'out', reported: false, leader: true, people: 3, needReference: 'N-261124-AB12', centreName: 'つなぐ市災害VC', drill: false, equipment: [{ code: 'shovel', name: 'スコップ', count: 2 }], ...overrides };
}

/** A pool member of `demoCentre()`: an individual from the city, insured (disaster plan) since 1 May. */
export function demoMember(overrides: Partial<NonNullable<DisasterContext['member']>> = {}): NonNullable<DisasterContext['member']> {
  return {
    id: 'member-1',
    centreId: 'centre-1',
    kind: 'individual',
    name: '佐藤 一郎',
    groupName: null,
    size: 1,
    origin: 'local',
    skills: ['mud'],
    availableDates: ['2026-11-28'],
    phone: '09011112222',
    emergencyContact: '佐藤 花子 090-3333-4444',
    cover: { plan: 'disaster', enrolledOn: '2026-05-01' },
    losses: 0,
    ...overrides,
  };
}
