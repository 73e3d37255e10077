// An Event, from either API that serves it: events.k8s.io/v1 (regarding,
// note, series, deprecated* fields) or core/v1 (involvedObject, message,
// count, lastTimestamp). Both name the same facts; this reads them once.
import {metaOf, type Meta} from './meta.js';
import {dict, int, isDict, str, strOrNull, time, type Dict} from './read.js';

export interface EventSubject {
	kind: string;
	name: string;
	namespace: string;
	uid: string;
}

export interface EventObject {
	meta: Meta;
	/** Normal or Warning ('' when unset). */
	type: string;
	reason: string;
	message: string;
	/** How often it happened (1 when the server gives no count). */
	count: number;
	/** When it last happened (RFC 3339), or null when no time field is readable. */
	lastSeen: string | null;
	/** lastSeen in epoch ms; -Infinity when unknown. */
	lastSeenMs: number;
	/** The object the event is about. */
	subject: EventSubject;
}

const subjectOf = (raw: Dict): EventSubject => {
	const ref = dict(isDict(raw['regarding']) ? raw['regarding'] : raw['involvedObject']);
	return {kind: str(ref['kind']), name: str(ref['name']), namespace: str(ref['namespace']), uid: str(ref['uid'])};
};

/** The first readable time among the fields either API uses for "last seen". */
function lastSeenOf(raw: Dict, meta: Meta): string | null {
	const series = dict(raw['series']);
	const candidates = [
		series['lastObservedTime'],
		raw['deprecatedLastTimestamp'],
		raw['lastTimestamp'],
		raw['eventTime'],
		raw['deprecatedFirstTimestamp'],
		raw['firstTimestamp'],
		meta.createdAt,
	];
	for (const value of candidates) {
		const text = strOrNull(value);
		if (text !== null && time(text) !== undefined) return text;
	}
	return null;
}

export function eventOf(raw: unknown): EventObject {
	const o = dict(raw);
	const meta = metaOf(raw);
	const series = dict(o['series']);
	const count = int(series['count']) ?? int(o['deprecatedCount']) ?? int(o['count']) ?? 1;
	const lastSeen = lastSeenOf(o, meta);
	return {
		meta,
		type: str(o['type']),
		reason: str(o['reason']),
		message: str(o['note']) || str(o['message']),
		count: Math.max(1, count),
		lastSeen,
		lastSeenMs: time(lastSeen) ?? Number.NEGATIVE_INFINITY,
		subject: subjectOf(o),
	};
}
