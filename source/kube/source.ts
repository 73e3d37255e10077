// The one interface the UI and printers read objects through. A live cluster
// (cluster-source.ts) and a file (file-source.ts) both implement it, so the
// model and the UI never know which they are showing.
import type {ResourceKind} from '../domain/kinds.js';
import type {ObjectSets} from '../domain/raw.js';

export type {ResourceKind};

export type WatchState =
	| 'connecting' // first list not done yet
	| 'live' // listed, watch stream open
	| 'reconnecting' // lost the stream or the list failed; retrying with backoff
	| 'failed' // will not retry (e.g. 401); reason says why
	| 'unavailable'; // not installed (404) or not allowed (403); the rest keeps working

export interface WatchStatus {
	resource: ResourceKind;
	state: WatchState;
	attempt: number; // reconnect attempts since the last success
	nextRetryAt: number | null; // epoch ms of the next try while reconnecting
	reason: string | null; // human words: "forbidden: cannot list pods in namespace shop"
	/** Epoch ms since the objects of this kind stopped being current (their stream was lost); absent while live. */
	staleSince?: number;
}

export interface Snapshot {
	/** Bumped on every change, so consumers can skip work when nothing changed. */
	version: number;
	objects: ObjectSets;
	watches: WatchStatus[];
}

export interface Source {
	start(): void;
	stop(): void;
	getSnapshot(): Snapshot;
	/** Called after each change (possibly many times per burst; consumers coalesce). */
	subscribe(listener: () => void): () => void;
	/** Resolves once every kind has listed once, or is unavailable/failed. */
	ready(): Promise<void>;
}
