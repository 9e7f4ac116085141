/**
 * A console module: one feature's pages (donations, events, salons …) with everything it adds to the console —
 * its routes, the dependencies they take, its navigation entries, the permissions its routes require and the
 * roles that hold them, and its views. A module types itself, as Fastify plugins declare their own decorators:
 * its permissions extend `ConsolePermissions` (`permissions.ts`) and its views `ConsoleViews` (`render.ts`) by
 * declaration merging. The shell knows no module by name: the composition lists the modules, each with its
 * dependencies ({@link mount}), and the shell registers them and builds the navigation and the permission table
 * from them.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Clock } from '../domain/ports';
import type { AuditLog, StaffStore } from '../domain/staff';
import type { NavEntry } from './nav';
import type { PermissionGrants } from './permissions';

/** What the shell gives every module's routes besides the module's own dependencies. */
export interface ConsoleServices {
  clock: Clock;
  /** For what changes nothing but is audited all the same: views of residents' data, downloads. */
  audit: AuditLog;
  /** The staff accounts (names for pages, colleagues to assign work to). */
  staff: StaffStore;
}

/** What a module's routes plugin receives as options. */
export interface ConsoleRouteOptions<Deps> extends ConsoleServices {
  deps: Deps;
}

/** A module's routes: a Fastify plugin whose routes each declare `config: { permission }`. */
export type ConsoleRoutes<Deps> = FastifyPluginAsync<ConsoleRouteOptions<Deps>>;

export interface ConsoleModule<Deps> {
  /** A short name, unique in the console (`donations`). */
  id: string;
  /**
   * The module's folder, relative to the project root: its templates are the `views/*.eta` in it, and the files
   * of its `public/` (scripts, images) are served under `/console/assets/` with the shell's own.
   */
  dir: string;
  routes: ConsoleRoutes<Deps>;
  /**
   * Single files it serves under `/console/assets/<name>` besides its `public/` folder (a library's built script,
   * served from the service rather than a CDN): name → path relative to the project root.
   */
  assets?: Readonly<Record<string, string>>;
  /** The permissions the module declares, with the roles besides admin that hold them. */
  permissions?: PermissionGrants;
  /** Its links in the main navigation, in order. */
  nav?: readonly NavEntry[];
  /** How many characters its longest form holds when every field is full (the console's body limit is set from it). */
  longestForm?: number;
}

/** A module with the dependencies the composition gave it, ready for the shell to register. */
export interface MountedModule extends Omit<ConsoleModule<never>, 'routes'> {
  register(scope: FastifyInstance, services: ConsoleServices): Promise<void>;
}

/** Pairs a module with its dependencies (the composition does this once per module). */
export function mount<Deps>(module: ConsoleModule<Deps>, deps: Deps): MountedModule {
  const { routes, ...declared } = module;
  return {
    ...declared,
    async register(scope, services) {
      await scope.register(routes, { ...services, deps });
    },
  };
}
