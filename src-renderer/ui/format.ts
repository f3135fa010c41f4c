// Small wording helpers: times and counts the way a person says them.

export function relativeTime(iso: string | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'unknown';
  const seconds = Math.round((now - then) / 1000);
  const future = seconds < 0;
  const abs = Math.abs(seconds);
  const say = (n: number, unit: string) => {
    const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
    return future ? `in ${text}` : `${text} ago`;
  };
  if (abs < 45) return future ? 'in a moment' : 'just now';
  if (abs < 3600) return say(Math.round(abs / 60), 'minute');
  if (abs < 86400) return say(Math.round(abs / 3600), 'hour');
  return say(Math.round(abs / 86400), 'day');
}

export function dateTime(iso: string): string {
  const date = new Date(iso);
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function clockTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour12: false });
}

export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

/** Only web addresses are ever rendered as links. */
export function isWebUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Home directories shortened to ~ so paths fit the popup. */
export function shortPath(value: string, max = 44): string {
  const short = value.replace(/^\/(home|Users)\/[^/]+/, '~').replace(/^[A-Z]:\\Users\\[^\\]+/i, '~');
  if (short.length <= max) return short;
  // Keep the end: the folder and file name are what tell two configs apart.
  const parts = short.split(/[\\/]/);
  return `…/${parts.slice(-3).join('/')}`;
}
