/**
 * Dates as exports write them ("14-03-2026", "2026-03-14 10:22") in the source's local time,
 * turned into instants. Formats use dd, MM, yyyy, HH, mm and ss; the first that fits wins.
 */
export interface DateParser {
  (value: string): Date | undefined;
}

const TOKEN = /dd|MM|yyyy|HH|mm|ss/g;

function compile(format: string): { pattern: RegExp; order: string[] } {
  const order: string[] = [];
  let source = '';
  let last = 0;
  for (const match of format.matchAll(TOKEN)) {
    source += format.slice(last, match.index).replace(/[-/.: T]/g, (c) => (c === ' ' || c === 'T' ? '[ T]' : `\\${c}`));
    source += match[0] === 'yyyy' ? '(\\d{4})' : '(\\d{1,2})';
    order.push(match[0]);
    last = match.index + match[0].length;
  }
  source += format.slice(last).replace(/[-/.:]/g, (c) => `\\${c}`);
  return { pattern: new RegExp(`^${source}$`), order };
}

export function dateParser(formats: string[], timeZone: string): DateParser {
  const compiled = formats.map(compile);
  const offsets = zoneOffsets(timeZone);
  return (value) => {
    const text = value.trim();
    for (const { pattern, order } of compiled) {
      const match = pattern.exec(text);
      if (!match) continue;
      const part: Record<string, number> = { dd: 0, MM: 0, yyyy: 0, HH: 0, mm: 0, ss: 0 };
      order.forEach((token, i) => (part[token] = Number(match[i + 1])));
      const { yyyy, MM, dd, HH, mm, ss } = part as Record<'dd' | 'MM' | 'yyyy' | 'HH' | 'mm' | 'ss', number>;
      const wall = Date.UTC(yyyy, MM - 1, dd, HH, mm, ss);
      const check = new Date(wall);
      // 31-02-2026 or 25:00 do not round-trip.
      if (check.getUTCFullYear() !== yyyy || check.getUTCMonth() !== MM - 1 || check.getUTCDate() !== dd || HH > 23 || mm > 59 || ss > 59) return undefined;
      return new Date(offsets(wall));
    }
    return undefined;
  };
}

/** Wall-clock milliseconds in the zone → the instant (DST-aware; offsets cached per hour). */
function zoneOffsets(timeZone: string): (wall: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (instant: number): number => {
    const p = Object.fromEntries(format.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(instant / 1000) * 1000;
  };
  // One offset per day, except on the two days a year the clock changes.
  const cache = new Map<number, number | null>();
  return (wall) => {
    const day = Math.floor(wall / 86_400_000);
    let offset = cache.get(day);
    if (offset === undefined) {
      const start = offsetAt(day * 86_400_000 - offsetAt(day * 86_400_000));
      const end = offsetAt((day + 1) * 86_400_000 - 1 - offsetAt((day + 1) * 86_400_000 - 1));
      offset = start === end ? start : null;
      cache.set(day, offset);
    }
    return wall - (offset ?? offsetAt(wall - offsetAt(wall)));
  };
}
