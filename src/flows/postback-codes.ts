/**
 * Stable postback codes shared by the rich menu, quick replies and flows. Labels are localised;
 * these codes never are. Format: `key=value` pairs joined with `&` (parsed with URLSearchParams).
 */
export const POSTBACK = {
  /** Global intents, valid in every flow. */
  menu: 'g=menu',
  restart: 'g=restart',
  cancel: 'g=cancel',
  staff: 'g=staff',
  /** Show the language choice; `g=lang&to=<code>` sets it. */
  language: 'g=lang',
  /** わたしの申し込み: the resident's open items across the features, from anywhere. */
  mine: 'g=mine',
  /** Main menu sections (rich menu and the quick-reply menu). */
  consult: 'menu=consult',
  volunteer: 'menu=volunteer',
  donate: 'menu=donate',
  events: 'menu=events',
  settings: 'menu=settings',
  complaints: 'menu=complaints',
} as const;

/** The main menu sections in display order. */
export const MENU_SECTIONS = ['consult', 'volunteer', 'donate', 'events', 'complaints', 'settings'] as const;
export type MenuSection = (typeof MENU_SECTIONS)[number];
