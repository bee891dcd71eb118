import Holidays from 'date-holidays';

/**
 * Deadlines in working days (Monday to Friday, without Dutch public holidays), counted in the
 * region's time zone: "first assessment within 5 working days" from a case opened on Friday
 * evening is due the Friday after, not on Wednesday.
 */
const holidays = new Holidays('NL');
const publicHolidays = new Map<number, Set<string>>();

function holidaysOf(year: number): Set<string> {
  let days = publicHolidays.get(year);
  if (!days) {
    days = new Set(holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    publicHolidays.set(year, days);
  }
  return days;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone = 'Europe/Amsterdam'): string {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(at);
}

/** One formatter per time zone: making one costs far more than formatting (it was 4 % of a case page's CPU). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function isWorkingDay(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`);
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaysOf(day.getUTCFullYear()).has(date);
}

/** The date `days` working days after the local date of `from` (0 gives that date itself). */
export function addWorkingDays(from: Date, days: number, timeZone = 'Europe/Amsterdam'): string {
  const day = new Date(`${localDate(from, timeZone)}T12:00:00Z`);
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWorkingDay(day.toISOString().slice(0, 10))) left--;
  }
  return day.toISOString().slice(0, 10);
}
