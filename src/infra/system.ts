import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '../domain/ports';

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Random UUIDs (v4), as LINE expects for retry keys. */
export const randomIds: IdGenerator = { uuid: () => randomUUID() };
