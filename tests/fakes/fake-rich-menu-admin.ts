import { LineApiError, type RichMenuAdmin, type RichMenuDefinition } from '../../src/domain/ports';

/** One operation the fake performed, in order, with the default menu right after it. */
export interface FakeRichMenuStep {
  operation: keyof RichMenuAdmin;
  richMenuId?: string;
  defaultAfter: string | null;
}

/** A stored rich menu, as LINE would hold it. */
export interface FakeRichMenu {
  richMenuId: string;
  definition: RichMenuDefinition;
  image?: { bytes: Buffer; contentType: 'image/png' | 'image/jpeg' };
}

/**
 * In-memory `RichMenuAdmin` that keeps LINE's rules that matter to a deploy: an image cannot be replaced,
 * a menu without an image cannot become default, deleting the default menu leaves no default, and unknown
 * ids give 404. `failNext` makes one named operation throw, to exercise recovery paths.
 */
export class FakeRichMenuAdmin implements RichMenuAdmin {
  readonly menus = new Map<string, FakeRichMenu>();
  readonly aliases = new Map<string, string>();
  readonly userLinks = new Map<string, string>();
  readonly steps: FakeRichMenuStep[] = [];
  defaultRichMenuId: string | null = null;
  private nextId = 1;
  private readonly failures = new Set<keyof RichMenuAdmin>();

  /** Makes the next call of `operation` reject with a 500 `LineApiError`. */
  failNext(operation: keyof RichMenuAdmin): void {
    this.failures.add(operation);
  }

  /** True if, after a default was first set, some moment had none (users would have seen no menu). */
  everLeftWithoutDefault(): boolean {
    const firstSet = this.steps.findIndex((s) => s.defaultAfter !== null);
    return firstSet >= 0 && this.steps.slice(firstSet).some((s) => s.defaultAfter === null);
  }

  async createRichMenu(menu: RichMenuDefinition): Promise<string> {
    this.enter('createRichMenu');
    // Mimics LINE's id shape loosely; only uniqueness matters to callers.
    const richMenuId = `richmenu-${String(this.nextId++).padStart(32, '0')}`;
    this.menus.set(richMenuId, { richMenuId, definition: structuredClone(menu) });
    this.record('createRichMenu', richMenuId);
    return richMenuId;
  }

  async uploadRichMenuImage(richMenuId: string, image: Buffer, contentType: 'image/png' | 'image/jpeg'): Promise<void> {
    this.enter('uploadRichMenuImage');
    const menu = this.existing('uploadRichMenuImage', richMenuId);
    if (menu.image) throw new LineApiError('uploadRichMenuImage', 'badRequest', 400, 'An image has already been uploaded');
    menu.image = { bytes: Buffer.from(image), contentType };
    this.record('uploadRichMenuImage', richMenuId);
  }

  async setDefaultRichMenu(richMenuId: string): Promise<void> {
    this.enter('setDefaultRichMenu');
    const menu = this.existing('setDefaultRichMenu', richMenuId);
    if (!menu.image) throw new LineApiError('setDefaultRichMenu', 'badRequest', 400, 'must upload richmenu image');
    this.defaultRichMenuId = richMenuId;
    this.record('setDefaultRichMenu', richMenuId);
  }

  async upsertRichMenuAlias(aliasId: string, richMenuId: string): Promise<void> {
    this.enter('upsertRichMenuAlias');
    this.existing('upsertRichMenuAlias', richMenuId);
    this.aliases.set(aliasId, richMenuId);
    this.record('upsertRichMenuAlias', richMenuId);
  }

  async richMenuOfAlias(aliasId: string): Promise<string | null> {
    this.enter('richMenuOfAlias');
    this.record('richMenuOfAlias');
    return this.aliases.get(aliasId) ?? null;
  }

  async listRichMenus(): Promise<Array<{ richMenuId: string; name: string }>> {
    this.enter('listRichMenus');
    this.record('listRichMenus');
    return [...this.menus.values()].map((m) => ({ richMenuId: m.richMenuId, name: m.definition.name }));
  }

  async deleteRichMenu(richMenuId: string): Promise<void> {
    this.enter('deleteRichMenu');
    this.existing('deleteRichMenu', richMenuId);
    this.menus.delete(richMenuId);
    if (this.defaultRichMenuId === richMenuId) this.defaultRichMenuId = null;
    for (const [user, id] of this.userLinks) if (id === richMenuId) this.userLinks.delete(user);
    this.record('deleteRichMenu', richMenuId);
  }

  async linkRichMenuToUser(userId: string, richMenuId: string): Promise<void> {
    this.enter('linkRichMenuToUser');
    this.existing('linkRichMenuToUser', richMenuId);
    this.userLinks.set(userId, richMenuId);
    this.record('linkRichMenuToUser', richMenuId);
  }

  private enter(operation: keyof RichMenuAdmin): void {
    if (this.failures.delete(operation)) throw new LineApiError(operation, 'server', 500, 'injected failure');
  }

  private existing(operation: keyof RichMenuAdmin, richMenuId: string): FakeRichMenu {
    const menu = this.menus.get(richMenuId);
    if (!menu) throw new LineApiError(operation, 'notFound', 404, 'Not found');
    return menu;
  }

  private record(operation: keyof RichMenuAdmin, richMenuId?: string): void {
    this.steps.push({ operation, ...(richMenuId ? { richMenuId } : {}), defaultAfter: this.defaultRichMenuId });
  }
}
