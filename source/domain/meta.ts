// The metadata every domain object carries, read once from raw JSON.
import {ownersOf, type Owners} from './facts.js';
import {dict, int, isDict, str, strOrNull, time, type Dict} from './read.js';

export interface Meta {
	name: string;
	namespace: string;
	uid: string;
	resourceVersion: string;
	generation: number;
	createdAt: string | null;
	/** createdAt in epoch ms for sorting; -Infinity when absent or unparseable (Go's zero time sorts first). */
	createdMs: number;
	/** deletionTimestamp is set. */
	deleting: boolean;
	owners: Owners;
}

/** The raw metadata object (empty when missing or not an object), for the few annotations and labels a kind needs. */
export const rawMetadata = (o: unknown): Dict => {
	const m = isDict(o) ? o['metadata'] : undefined;
	return dict(m);
};

export function metaOf(raw: unknown): Meta {
	const m = rawMetadata(raw);
	const createdAt = strOrNull(m['creationTimestamp']);
	return {
		name: str(m['name']),
		namespace: str(m['namespace']),
		uid: str(m['uid']),
		resourceVersion: str(m['resourceVersion']),
		generation: int(m['generation']) ?? 0,
		createdAt,
		createdMs: time(createdAt) ?? Number.NEGATIVE_INFINITY,
		deleting: strOrNull(m['deletionTimestamp']) !== null,
		owners: ownersOf(m['ownerReferences']),
	};
}
