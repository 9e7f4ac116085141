import { FaqIndex } from '../../domain/faq/matcher';
import type { FaqSource } from '../../domain/faq/store';
import type { Synonym } from '../../domain/faq/synonyms';
import type { Tokenizer } from '../../domain/faq/tokenizer';

/**
 * The FAQ index, rebuilt only when the entries or synonyms changed (one cheap query a batch tells): staff edits in
 * the console reach the next question, wherever processing runs. The tokenizer is built on first use.
 */
export class FaqIndexCache {
  private current: { stamp: string; index: FaqIndex } | null = null;
  private building: Promise<FaqIndex> | null = null;

  constructor(
    private readonly source: FaqSource,
    private readonly tokenizer: () => Promise<Tokenizer>,
    private readonly profileSynonyms: readonly Synonym[],
    /** Runs once, before the first index is built (seeding the profile's entries). */
    private readonly before: () => Promise<unknown> = async () => undefined,
  ) {}

  private prepared: Promise<unknown> | null = null;

  /** Runs `before` once (seeding), without building the index. */
  async prepare(): Promise<void> {
    this.prepared ??= this.before().catch((e: unknown) => {
      this.prepared = null;
      throw e;
    });
    await this.prepared;
  }

  /** The index over the entries as they are now. */
  async index(): Promise<FaqIndex> {
    await this.prepare();
    const stamp = await this.source.stamp();
    if (this.current?.stamp === stamp) return this.current.index;
    this.building ??= (async () => {
      try {
        const [tokenizer, entries, synonyms] = await Promise.all([this.tokenizer(), this.source.entries(), this.source.synonyms()]);
        // The council's own synonyms win over the profile's.
        const index = new FaqIndex(entries, tokenizer, [this.profileSynonyms, synonyms]);
        this.current = { stamp, index };
        return index;
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }
}
