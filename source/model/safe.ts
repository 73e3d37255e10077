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
	const t = Date.parse(x);
	return Number.isNaN(t) ? undefined : t;
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

export const meta = (o: unknown): Meta => {
	const m = dict(dict(o)['metadata']);
	const created = str(m['creationTimestamp']);
	const deleted = str(m['deletionTimestamp']);
	return {
		name: str(m['name']),
		namespace: str(m['namespace']),
		uid: str(m['uid']),
		resourceVersion: str(m['resourceVersion']),
		generation: int(m['generation']) ?? 0,
		creationTimestamp: created === '' ? null : created,
		deletionTimestamp: deleted === '' ? null : deleted,
		labels: strMap(m['labels']),
		annotations: strMap(m['annotations']),
		ownerUids: dicts(m['ownerReferences'])
			.map((r) => str(r['uid']))
			.filter((u) => u !== ''),
	};
};

/** Sort key for creation times: unparseable ones sort first, like Go's zero time. */
export const createdMs = (ts: string | null): number => time(ts) ?? Number.NEGATIVE_INFINITY;

export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
