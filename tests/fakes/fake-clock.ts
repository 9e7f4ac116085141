import type { Clock } from '../../src/domain/ports';

/** A clock tests set and advance; never reads the real time. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-24T10:00:00+09:00') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
