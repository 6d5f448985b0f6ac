// dates.mjs - today's date and days around it as the server counts them (Vietnam, UTC+7 all
// year: src/core/clock.h), in ISO (the API and the store) and dd/mm/yyyy (the forms). Tests that
// write a date the server compares with today take it from here, so they hold whatever the day
// and hour the suite runs (from 17:00 UTC Vietnam is already on the next day).
const VN_OFFSET_MS = 7 * 3600 * 1000;

function vnParts(days) {
  const d = new Date(Date.now() + VN_OFFSET_MS + days * 86400 * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return { y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()) };
}

export function isoDay(days = 0) {
  const p = vnParts(days);
  return `${p.y}-${p.m}-${p.d}`;
}

export function dmyDay(days = 0) {
  const p = vnParts(days);
  return `${p.d}/${p.m}/${p.y}`;
}
