/**
 * The unit-of-work port: how a use case writes its rows, its audit row and its notices in one transaction. The
 * use case asks for the repositories it needs (`UnitOfWork<{ offers: …; notices: …; audit: … }>`); the
 * implementation (Prisma's interactive transaction, in src/infra) hands it those repositories bound to one
 * transaction, and commits when the work resolves or rolls everything back when it throws.
 */
export interface UnitOfWork<Repositories> {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
