import type { LineMessage } from '../../src/domain/line-message';
import { LineApiError, type LineProfile, type Messenger, type SendReceipt } from '../../src/domain/ports';

/** One call the bot made to LINE. */
export interface RecordedSend {
  method: 'reply' | 'push';
  to: string;
  retryKey?: string;
  messages: LineMessage[];
}

/**
 * A Messenger that records what the bot sends. Reply tokens work once (like LINE); tokens listed in
 * `staleTokens` are refused as invalid; `failNext` makes the next call throw the given error.
 */
export class RecordingMessenger implements Messenger {
  readonly sent: RecordedSend[] = [];
  readonly profiles = new Map<string, LineProfile>();
  readonly usedTokens = new Set<string>();
  readonly staleTokens = new Set<string>();
  readonly acceptedRetryKeys = new Set<string>();
  failNext: Error | null = null;

  /** Maps reply tokens to users so replies can be attributed; tests register them with `tokenFor`. */
  private readonly tokenUsers = new Map<string, string>();

  tokenFor(userId: string, token: string): string {
    this.tokenUsers.set(token, userId);
    return token;
  }

  async reply(replyToken: string, messages: LineMessage[]): Promise<SendReceipt> {
    this.throwIfFailing();
    if (this.usedTokens.has(replyToken) || this.staleTokens.has(replyToken)) {
      throw new LineApiError('reply', 'invalidReplyToken', 400, 'Invalid reply token');
    }
    this.usedTokens.add(replyToken);
    this.sent.push({ method: 'reply', to: this.tokenUsers.get(replyToken) ?? `token:${replyToken}`, messages });
    return { duplicate: false, requestId: `req-${this.sent.length}` };
  }

  async push(to: string, messages: LineMessage[], retryKey: string): Promise<SendReceipt> {
    this.throwIfFailing();
    if (this.acceptedRetryKeys.has(retryKey)) return { duplicate: true, requestId: 'accepted-before' };
    this.acceptedRetryKeys.add(retryKey);
    this.sent.push({ method: 'push', to, retryKey, messages });
    return { duplicate: false, requestId: `req-${this.sent.length}` };
  }

  async multicast(to: string[], messages: LineMessage[], retryKey: string): Promise<SendReceipt> {
    this.throwIfFailing();
    if (this.acceptedRetryKeys.has(retryKey)) return { duplicate: true, requestId: 'accepted-before' };
    this.acceptedRetryKeys.add(retryKey);
    for (const user of to) this.sent.push({ method: 'push', to: user, retryKey, messages });
    return { duplicate: false, requestId: `req-${this.sent.length}` };
  }

  async getProfile(userId: string): Promise<LineProfile | null> {
    return this.profiles.get(userId) ?? null;
  }

  async showLoading(): Promise<void> {}

  /** Content LINE holds for message ids; an unknown id is a small JPEG-typed stand-in, as every photo has content. */
  readonly contents = new Map<string, { contentType: string; data: Buffer } | null>();

  async getContent(messageId: string): Promise<{ contentType: string; data: Buffer } | null> {
    this.throwIfFailing();
    const known = this.contents.get(messageId);
    return known === undefined ? { contentType: 'image/jpeg', data: Buffer.from(`content of ${messageId}`) } : known;
  }

  /** Every text the bot sent to `userId`, in order (Flex messages contribute their altText). */
  textsTo(userId: string): string[] {
    return this.sent.filter((s) => s.to === userId).flatMap((s) => s.messages.map((m) => (m.type === 'text' ? m.text : 'altText' in m ? m.altText : m.type)));
  }

  private throwIfFailing(): void {
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
  }
}
