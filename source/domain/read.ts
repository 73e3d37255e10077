// Total readers for raw JSON. Objects come from the API server, YAML files or
// tests and may be partial or simply wrong (null items, strings where objects
// are expected); the domain constructors read every field through these, so
// turning a raw object into its typed shape never throws.

export type Dict = Record<string, unknown>;

export const isDict = (x: unknown): x is Dict => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The value itself if it is a plain object, else an empty one. */
export const dict = (x: unknown): Dict => (isDict(x) ? x : {});

/** The value itself if it is an array, else an empty one. */
export const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Only the elements that are objects. */
export const dicts = (x: unknown): Dict[] => list(x).filter(isDict);

export const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A non-empty string, else null (timestamps). */
export const strOrNull = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);

/**
 * A number within the safe-integer range, truncated to an integer, or
 * undefined. Beyond that range (1e308, Infinity) a count or size is absurd:
 * it reads as absent for that field only, and sums and products of these
 * stay finite (no Infinity, which JSON would print as null).
 */
export const int = (x: unknown): number | undefined =>
	typeof x === 'number' && Math.abs(x) <= Number.MAX_SAFE_INTEGER ? Math.trunc(x) : undefined;

/** The ECMAScript Date range, ±8.64e15 ms around 1970: beyond it a time has no date. */
export const MAX_TIME_MS = 8.64e15;

export const bool = (x: unknown): boolean => x === true;

/** Present and not null: how the controller tells "block set" from "block absent". */
export const isSet = (x: unknown): boolean => x !== undefined && x !== null;

const isEnumerable = Object.prototype.propertyIsEnumerable;

/** One own, enumerable string entry of a map (labels, annotations, selectors). */
export const strEntry = (x: unknown, key: string): string | undefined => {
	if (!isDict(x)) return undefined;
	const v = x[key];
	return typeof v === 'string' && isEnumerable.call(x, key) ? v : undefined;
};

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
	const t = Date.parse(x);
	return Number.isNaN(t) ? undefined : t;
};
