/**
 * The replies and pushes the fake LINE API saw, matched to the events that caused them: a reply by its reply
 * token, a push by its user when that user's reply token was refused (the service fell back to a push).
 */
import type { PhaseEvents } from './load';
import type { FakeLineProcess } from './processes';

export class ReplyTracker {
  /** Every phase followed, in order. */
  readonly phases: PhaseEvents[] = [];
  /** Requests per `"<endpoint> <status>"`, since the fake started. */
  counts: Record<string, number> = {};
  /** Reply calls with a token LINE had already accepted (a retry after a lost answer; LINE refuses them). */
  answeredTwice = 0;
  /** Request ids of every reply and push LINE accepted: one delivery each. */
  readonly acceptedIds = new Set<string>();
  /** Of those, per phase (when the token was one of its events'). */
  readonly answeredTwiceIn = new Map<PhaseEvents, number>();
  /** Pushes LINE accepted, per user. */
  readonly pushesTo = new Map<string, number>();
  /** Called once per event, when its answer is first seen. */
  onAnswer: ((events: PhaseEvents, i: number) => void) | undefined;

  private readonly byToken = new Map<string, { events: PhaseEvents; i: number }>();
  /** Reply tokens LINE accepted; a later reply with one of them means the event was answered again. */
  private readonly spent = new Map<string, PhaseEvents | undefined>();
  private pumping: Promise<void> | undefined;

  constructor(private readonly fake: FakeLineProcess) {}

  /** Follows the events of `events`: those whose tokens are issued now, the others as {@link follow} is called for them. */
  addPhase(events: PhaseEvents): void {
    this.phases.push(events);
    events.tokens.forEach((token, i) => {
      if (token) this.byToken.set(token, { events, i });
    });
  }

  /** Follows event `i` of a phase added before, its token issued since. */
  follow(events: PhaseEvents, i: number): void {
    this.byToken.set(events.tokens[i] as string, { events, i });
  }

  /** Fetches what reached the fake since the last call (one call at a time; callers share it). */
  pump(): Promise<void> {
    return (this.pumping ??= this.fake
      .collect()
      .then((got) => {
        this.counts = got.counts;
        for (const id of got.accepted) this.acceptedIds.add(id);
        for (const [token, at, status] of got.replies) {
          const ref = this.byToken.get(token);
          if (this.spent.has(token)) {
            this.answeredTwice++;
            const events = this.spent.get(token);
            if (events) this.answeredTwiceIn.set(events, (this.answeredTwiceIn.get(events) ?? 0) + 1);
          } else if (status === 200) this.spent.set(token, ref?.events);
          if (!ref) continue;
          if (status === 200) {
            if (Number.isNaN(ref.events.answerAt[ref.i] as number)) this.answered(ref.events, ref.i, at, 1);
            this.byToken.delete(token);
          } else ref.events.replyRefused[ref.i] = 1;
        }
        // A push answers an event only when that event's reply token was refused (the service fell back).
        for (const [user, at] of got.pushes) {
          this.pushesTo.set(user, (this.pushesTo.get(user) ?? 0) + 1);
          for (let k = this.phases.length - 1; k >= 0; k--) {
            const ev = this.phases[k] as PhaseEvents;
            const i = ev.byUser.get(user)?.find((j) => ev.replyRefused[j] && Number.isNaN(ev.answerAt[j] as number) && (ev.sendAt[j] as number) < at);
            if (i !== undefined) {
              this.answered(ev, i, at, 2);
              break;
            }
          }
        }
      })
      .finally(() => {
        this.pumping = undefined;
      }));
  }

  /** Events sent, acknowledged with a 2xx and not answered yet, over every phase. */
  unanswered(): number {
    return this.phases.reduce((sum, ev) => {
      let n = 0;
      for (let i = 0; i < ev.n; i++) if (!Number.isNaN(ev.sendAt[i] as number) && Number.isNaN(ev.answerAt[i] as number) && (ev.ackStatus[i] as number) < 300) n++;
      return sum + n;
    }, 0);
  }

  private answered(events: PhaseEvents, i: number, at: number, via: 1 | 2): void {
    events.answerAt[i] = at;
    events.answerVia[i] = via;
    this.onAnswer?.(events, i);
  }
}
