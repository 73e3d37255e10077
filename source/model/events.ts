// Events -> the events of one rollout's objects (the rollout, its
// ReplicaSets, pods, AnalysisRuns and Experiments), Warnings first, newest
// first within each type. An event belongs to an object by the UID it names;
// an event naming no UID (some older recorders) belongs by kind, namespace
// and name. Pure.
import type {EventObject} from '../domain/event.js';
import {byString} from './safe.js';
import type {EventView} from './view.js';

/** An object events can be about. */
export interface EventSubjectRef {
	kind: string;
	namespace: string;
	name: string;
	uid: string;
}

/** The detail view and the JSON show at most this many events per rollout. */
export const MAX_EVENTS = 50;

/** The list marks a rollout with a Warning this recent. */
export const RECENT_WARNING_MS = 10 * 60_000;

const refKey = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

export class EventIndex {
	private readonly byUid = new Map<string, EventObject[]>();
	private readonly byRef = new Map<string, EventObject[]>();

	constructor(events: readonly EventObject[]) {
		for (const event of events) {
			const {uid, kind, name} = event.subject;
			// An event's subject lives in the event's own namespace when the reference leaves it out.
			const namespace = event.subject.namespace || event.meta.namespace;
			if (uid) push(this.byUid, uid, event);
			else if (kind && name) push(this.byRef, refKey(kind, namespace, name), event);
		}
	}

	/** The events about any of `subjects`, each once. */
	about(subjects: readonly EventSubjectRef[]): EventObject[] {
		const found = new Set<EventObject>();
		for (const s of subjects) {
			for (const event of (s.uid ? this.byUid.get(s.uid) : undefined) ?? []) found.add(event);
			for (const event of this.byRef.get(refKey(s.kind, s.namespace, s.name)) ?? []) found.add(event);
		}
		return [...found];
	}
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

const isWarning = (e: {type: string}) => e.type === 'Warning';

/** Warnings first, then newest first, then by reason (stable across derivations). */
function compareEvents(a: EventObject, b: EventObject): number {
	return (
		Number(isWarning(b)) - Number(isWarning(a)) ||
		b.lastSeenMs - a.lastSeenMs ||
		byString(a.reason, b.reason) ||
		byString(a.meta.name, b.meta.name)
	);
}

export const eventView = (e: EventObject): EventView => ({
	type: e.type,
	reason: e.reason,
	message: e.message,
	count: e.count,
	lastSeen: e.lastSeen,
	object: {kind: e.subject.kind, name: e.subject.name},
});

export interface RolloutEvents {
	events: EventView[];
	/** The newest Warning's time, or null when there is none. */
	lastWarningAt: string | null;
}

export function rolloutEvents(index: EventIndex, subjects: readonly EventSubjectRef[]): RolloutEvents {
	const events = index.about(subjects).sort(compareEvents);
	let lastWarning: EventObject | null = null;
	for (const e of events) if (isWarning(e) && (lastWarning === null || e.lastSeenMs > lastWarning.lastSeenMs)) lastWarning = e;
	return {events: events.slice(0, MAX_EVENTS).map(eventView), lastWarningAt: lastWarning?.lastSeen ?? null};
}

/** A Warning in the last ten minutes (the list's mark). */
export function hasRecentWarning(lastWarningAt: string | null | undefined, now: number): boolean {
	if (!lastWarningAt) return false;
	const at = Date.parse(lastWarningAt);
	return !Number.isNaN(at) && now - at <= RECENT_WARNING_MS;
}

/** The events about one object of the rollout (a pod's own events in its panel). */
export const eventsOf = (events: readonly EventView[], kind: string, name: string): EventView[] =>
	events.filter(e => e.object.kind === kind && e.object.name === name);
