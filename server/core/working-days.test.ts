import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, localDate } from './working-days';

describe('working days', () => {
  it('skip weekends', () => {
    // Friday 4 December 2026 + 5 working days = Friday 11 December.
    expect(addWorkingDays(new Date('2026-12-04T10:00:00Z'), 5)).toBe('2026-12-11');
    expect(addWorkingDays(new Date('2026-12-05T10:00:00Z'), 1)).toBe('2026-12-07');
  });

  it('skip Dutch public holidays', () => {
    expect(isWorkingDay('2026-04-27')).toBe(false); // Koningsdag
    expect(isWorkingDay('2026-12-25')).toBe(false);
    // Thursday 24 December + 1 = Monday 28 December (Christmas on Friday, Boxing Day on Saturday).
    expect(addWorkingDays(new Date('2026-12-24T10:00:00Z'), 1)).toBe('2026-12-28');
  });

  it('count from the local date in the region time zone', () => {
    // 23:30 UTC on Friday is already Saturday in Amsterdam.
    expect(localDate(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-05');
    expect(addWorkingDays(new Date('2026-12-04T23:30:00Z'), 1)).toBe('2026-12-07');
    expect(addWorkingDays(new Date('2026-12-02T10:00:00Z'), 0)).toBe('2026-12-02');
  });
});
