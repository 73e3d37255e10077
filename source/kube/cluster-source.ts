// The live Source: one ResourceWatch per kind, folded into one Snapshot.
// The snapshot object stays the same until something changes, and only the
// arrays of kinds that changed are rebuilt (lazily, on getSnapshot), so
// consumers can compare by reference.
import type {KubeConfig} from '@kubernetes/client-node';
import {emptyObjectSets, type KubeObject, type ObjectSets} from '../domain/raw.js';
import {resourceTypes, type ResourceType} from './resources.js';
import type {ResourceKind, Snapshot, Source, WatchStatus} from './source.js';
import {ResourceWatch} from './watch.js';
import {createReachability, type WatchTuning} from './watch-tuning.js';

export interface ClusterSourceOptions {
	/** null = all namespaces (cluster-wide paths). */
	namespace: string | null;
	/** Only these kinds (default: all seven). */
	resources?: ResourceKind[];
	/** Timing overrides, mainly for tests. */
	tuning?: Partial<WatchTuning>;
}

interface Entry {
	type: ResourceType;
	watch: ResourceWatch;
	objects: ReadonlyMap<string, KubeObject>;
	/** The array handed out in the last snapshot, or null when it must be rebuilt. */
	array: KubeObject[] | null;
	listed: boolean;
}

export function createClusterSource(kc: KubeConfig, opts: ClusterSourceOptions): Source {
	const listeners = new Set<() => void>();
	const wanted = opts.resources ? resourceTypes.filter((type) => opts.resources!.includes(type.resource)) : resourceTypes;
	let version = 0;
	let snapshot: Snapshot | null = null;
	let watchesArray: WatchStatus[] | null = null;
	let resolveReady!: () => void;
	const readyPromise = new Promise<void>((resolve) => {
		resolveReady = resolve;
	});

	const changed = () => {
		version++;
		snapshot = null;
		if (entries.every((entry) => entry.listed || isSettled(entry.watch.status))) {
			resolveReady();
		}
		notify(listeners);
	};

	// One readiness signal for all kinds: when the server is back, every kind retries at once.
	const reachability = createReachability(kc, opts.tuning);
	const entries: Entry[] = wanted.map((type) =>
		watchedEntry(kc, type, opts, reachability, {
			objects: changed,
			status() {
				watchesArray = null;
				changed();
			},
		}),
	);

	if (entries.length === 0) {
		resolveReady();
	}

	const buildSnapshot = (): Snapshot => {
		watchesArray ??= entries.map((entry) => entry.watch.status);
		return {version, objects: objectSetsOf(entries), watches: watchesArray};
	};

	return {
		start() {
			for (const entry of entries) {
				entry.watch.start();
			}
		},
		stop() {
			for (const entry of entries) {
				entry.watch.stop();
			}
			reachability.stop();
		},
		getSnapshot() {
			snapshot ??= buildSnapshot();
			return snapshot;
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		ready() {
			return readyPromise;
		},
	};
}

/** One kind's watch and what it has seen; `changed` hears of new objects and of status changes. */
function watchedEntry(
	kc: KubeConfig,
	type: Entry['type'],
	opts: ClusterSourceOptions,
	reachability: ReturnType<typeof createReachability>,
	changed: {objects: () => void; status: () => void},
): Entry {
	const entry: Entry = {type, watch: undefined as unknown as ResourceWatch, objects: new Map(), array: [], listed: false};
	const events = {
		onObjects(objects: Entry['objects']) {
			entry.objects = objects;
			entry.array = null;
			entry.listed = true;
			changed.objects();
		},
		onStatus: changed.status,
	};
	entry.watch = new ResourceWatch(kc, type, opts.namespace, events, opts.tuning, reachability);
	return entry;
}

/** The snapshot's objects; each kind's array is rebuilt only when that kind changed. */
function objectSetsOf(entries: Entry[]): ObjectSets {
	const objects: ObjectSets = emptyObjectSets();
	const sets = objects as unknown as Record<keyof ObjectSets, KubeObject[]>;
	for (const entry of entries) {
		entry.array ??= [...entry.objects.values()];
		sets[entry.type.set] = entry.array;
	}
	return objects;
}

function notify(listeners: Set<() => void>): void {
	for (const listener of [...listeners]) {
		try {
			listener();
		} catch (error) {
			// One broken listener must not stop the others or the watch; surface it outside this call stack.
			queueMicrotask(() => {
				throw error;
			});
		}
	}
}

function isSettled(status: WatchStatus): boolean {
	return status.state === 'unavailable' || status.state === 'failed';
}
