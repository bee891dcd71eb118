import type { SignalKeyKind } from '@server/db/schema';

/**
 * Duplicate keys: what two signals must share to be "likely the same situation". Each rule
 * normalises one kind of fact so small differences in writing do not hide a match.
 */
export interface KeySource {
  persons?: { name?: string | null; alias?: string | null; phone?: string | null }[];
  businesses?: { name?: string | null; kvkNumber?: string | null; address?: string | null }[];
  locations?: { street?: string | null; houseNumber?: string | null; postcode?: string | null; place?: string | null }[];
  vehicles?: { licensePlate?: string | null }[];
  reporterPhone?: string | null;
}

const fold = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Dutch numbers to 31…; other international numbers keep their country code. At least 8 digits. */
export function phoneKey(raw: string): string | undefined {
  let digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `31${digits.slice(1)}`;
  digits = digits.replace(/\D/g, '');
  return digits.length >= 8 ? digits : undefined;
}

/** Postcode + house number when there is a postcode, otherwise street + number + place. */
export function addressKey(location: { street?: string | null; houseNumber?: string | null; postcode?: string | null; place?: string | null }): string | undefined {
  const number = location.houseNumber ? fold(location.houseNumber).replace(/ /g, '') : '';
  const postcode = location.postcode?.replace(/\s/g, '').toUpperCase();
  if (postcode && /^\d{4}[A-Z]{2}$/.test(postcode) && number) return `${postcode} ${number}`;
  if (location.street && number && location.place) return `${fold(location.street)} ${number} ${fold(location.place)}`;
  return undefined;
}

/** A full name (two words at least), order-insensitive, without diacritics. */
export function personKey(name: string): string | undefined {
  const words = fold(name).split(' ').filter(Boolean);
  if (words.length < 2) return undefined;
  return words.sort().join(' ');
}

/** KvK number (8 digits) when known, otherwise the folded name without legal-form words. */
export function businessKey(business: { name?: string | null; kvkNumber?: string | null }): string | undefined {
  const kvk = business.kvkNumber?.replace(/\D/g, '');
  if (kvk && kvk.length === 8) return `kvk:${kvk}`;
  if (!business.name) return undefined;
  const name = fold(business.name)
    .split(' ')
    .filter((w) => !['bv', 'b', 'v', 'nv', 'vof', 'v o f', 'holding'].includes(w))
    .join(' ');
  return name.length >= 3 ? `name:${name}` : undefined;
}

/** Dutch and foreign plates: letters and digits only, upper case. */
export function vehicleKey(plate: string): string | undefined {
  const value = plate.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return value.length >= 4 ? value : undefined;
}

export function keysOf(source: KeySource): { kind: SignalKeyKind; value: string }[] {
  const keys = new Map<string, { kind: SignalKeyKind; value: string }>();
  const add = (kind: SignalKeyKind, value: string | undefined) => {
    if (value) keys.set(`${kind}\u0000${value}`, { kind, value });
  };
  for (const p of source.persons ?? []) {
    if (p.phone) add('phone', phoneKey(p.phone));
    if (p.name) add('person', personKey(p.name));
    if (p.alias) add('person', personKey(p.alias));
  }
  if (source.reporterPhone) add('phone', phoneKey(source.reporterPhone));
  for (const b of source.businesses ?? []) add('business', businessKey(b));
  for (const l of source.locations ?? []) add('address', addressKey(l));
  for (const v of source.vehicles ?? []) if (v.licensePlate) add('vehicle', vehicleKey(v.licensePlate));
  return [...keys.values()];
}
