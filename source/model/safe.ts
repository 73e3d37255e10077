// Defensive accessors. Objects come from the API server, YAML files or tests
// and may be partial or simply wrong (null items, strings where objects are
// expected); the model reads every field through these so it never throws.

export type Dict = Record<string, unknown>;

export const isDict = (x: unknown): x is Dict => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The value itself if it is a plain object, else an empty one. */
export const dict = (x: unknown): Dict => (isDict(x) ? x : {});

/** The value itself if it is an array, else an empty one. */
export const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Only the elements that are objects. */
export const dicts = (x: unknown): Dict[] => list(x).filter(isDict);

export const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A finite number, truncated to an integer, or undefined. */
export const int = (x: unknown): number | undefined =>
	typeof x === 'number' && Number.isFinite(x) ? Math.trunc(x) : undefined;

export const bool = (x: unknown): boolean => x === true;

/** A string map keeping only string values (labels, annotations, selectors). */
export const strMap = (x: unknown): Record<string, string> => {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(dict(x))) if (typeof v === 'string') out[k] = v;
	return out;
};

/** Go's strconv.Atoi: optional sign and decimal digits only, else undefined. */
export const atoi = (x: unknown): number | undefined => {
	if (typeof x !== 'string' || !/^[+-]?\d+$/.test(x)) return undefined;
	const n = Number.parseInt(x, 10);
	return Number.isSafeInteger(n) ? n : undefined;
};

/** Epoch ms of an RFC 3339 timestamp, or undefined when absent or unparseable. */
export const time = (x: unknown): number | undefined => {
	if (typeof x !== 'string' || x === '') return undefined;
	const fast = utcSeconds(x);
	if (fast !== undefined) return fast;
	const t = Date.parse(x);
	return Number.isNaN(t) ? undefined : t;
};

/**
 * Date.parse for the form the API server writes, "2024-05-01T12:00:00Z",
 * without its cost; undefined for anything else (other forms, and days past
 * the 28th or other values Date.parse might roll over), which Date.parse then reads.
 */
export const utcSeconds = (s: string): number | undefined => {
	if (
		s.length !== 20 ||
		s.charCodeAt(4) !== 45 || // -
		s.charCodeAt(7) !== 45 ||
		s.charCodeAt(10) !== 84 || // T
		s.charCodeAt(13) !== 58 || // :
		s.charCodeAt(16) !== 58 ||
		s.charCodeAt(19) !== 90 // Z
	) {
		return undefined;
	}
	const year = digits(s, 0, 4);
	const month = digits(s, 5, 2);
	const day = digits(s, 8, 2);
	const hour = digits(s, 11, 2);
	const minute = digits(s, 14, 2);
	const second = digits(s, 17, 2);
	if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
		return undefined;
	}
	return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
};

/** The decimal number in s[start, start + count), or -1 unless all are digits. */
const digits = (s: string, start: number, count: number): number => {
	let n = 0;
	for (let i = start; i < start + count; i++) {
		const d = s.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return -1;
		n = n * 10 + d;
	}
	return n;
};

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
const daysFromCivil = (year: number, month: number, day: number): number => {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
};

/** The object metadata fields the model uses, normalised. */
export interface Meta {
	name: string;
	namespace: string;
	uid: string;
	resourceVersion: string;
	generation: number;
	creationTimestamp: string | null;
	deletionTimestamp: string | null;
	labels: Record<string, string>;
	annotations: Record<string, string>;
	ownerUids: string[];
}

const EMPTY: Readonly<Dict> = Object.freeze({});
const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * The object's metadata as it is, not copied (an empty object when missing or
 * not an object). Read it with the accessors below; never write to it.
 */
export const metadataOf = (o: unknown): Readonly<Dict> => {
	if (!isDict(o)) return EMPTY;
	const m = o['metadata'];
	return isDict(m) ? m : EMPTY;
};

/** `strMap(x)[key]` without copying the map; `key` must not be an Object.prototype member. */
export const strEntry = (x: unknown, key: string): string | undefined => {
	if (!isDict(x)) return undefined;
	const v = x[key];
	return typeof v === 'string' && isEnumerable.call(x, key) ? v : undefined;
};

/** A non-empty string, else null (timestamps). */
export const strOrNull = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);

/** How many elements of the value are objects: `dicts(x).length` without the copy. */
export const countDicts = (x: unknown): number => {
	if (!Array.isArray(x)) return 0;
	let n = 0;
	for (const item of x) if (isDict(item)) n++;
	return n;
};

/** The non-empty UIDs of the metadata's ownerReferences, in order (duplicates kept). */
export const ownerUids = (m: Readonly<Dict>): string[] => {
	const out: string[] = [];
	const refs = m['ownerReferences'];
	if (!Array.isArray(refs)) return out;
	for (const r of refs) {
		if (!isDict(r)) continue;
		const uid = r['uid'];
		if (typeof uid === 'string' && uid !== '') out.push(uid);
	}
	return out;
};

/** Every field of Meta, with labels and annotations copied; hot paths use the accessors above instead. */
export const meta = (o: unknown): Meta => {
	const m = metadataOf(o);
	return {
		name: str(m['name']),
		namespace: str(m['namespace']),
		uid: str(m['uid']),
		resourceVersion: str(m['resourceVersion']),
		generation: int(m['generation']) ?? 0,
		creationTimestamp: strOrNull(m['creationTimestamp']),
		deletionTimestamp: strOrNull(m['deletionTimestamp']),
		labels: strMap(m['labels']),
		annotations: strMap(m['annotations']),
		ownerUids: ownerUids(m),
	};
};

/** Sort key for creation times: unparseable ones sort first, like Go's zero time. */
export const createdMs = (ts: string | null): number => time(ts) ?? Number.NEGATIVE_INFINITY;

export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
