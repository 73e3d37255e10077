// Pods as `kubectl get pods` and `kubectl argo rollouts get` show them: the
// STATUS string, READY "x/y" and RESTARTS, plus the PodState of the grid.

import {podIcon} from './icons.js';
import type {Pod} from './objects.js';
import {bool, byString, countDicts, createdMs, dict, dicts, int, isDict, metadataOf, str, strOrNull, type Dict} from './safe.js';
import {sortByKey} from './sort.js';
import type {PodState, PodView} from './view.js';

export interface PodStatus {
	status: string;
	ready: string;
	restarts: number;
}

const terminatedReason = (t: Dict, prefix: string): string => {
	const reason = str(t['reason']);
	if (reason !== '') return prefix + reason;
	const signal = int(t['signal']) ?? 0;
	return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${int(t['exitCode']) ?? 0}`;
};

/** The STATUS, READY and RESTARTS columns, following the plugin's copy of kubectl's printPod. */
export function podStatus(pod: Pod | unknown): PodStatus {
	const c = podCounts(pod);
	return {status: c.status, ready: readyColumn(c.ready, c.total), restarts: c.restarts};
}

/** podStatus with READY as numbers: ready containers and all containers. */
interface PodCounts {
	status: string;
	ready: number;
	total: number;
	restarts: number;
	deleting: boolean;
}

// podCounts returns this one object, overwritten on every call (saves an
// allocation per pod); read it before the next call.
const counts: PodCounts = {status: '', ready: 0, total: 0, restarts: 0, deleting: false};

function podCounts(pod: unknown): PodCounts {
	const p = dict(pod);
	const spec = dict(p['spec']);
	const status = dict(p['status']);

	let reason = str(status['reason']) || str(status['phase']);
	let restarts = 0;
	let ready = 0;
	let initializing = false;

	// Init containers in order; the first one not done decides the status.
	const initStatuses = status['initContainerStatuses'];
	if (Array.isArray(initStatuses) && initStatuses.length > 0) {
		const initSpecs = dicts(spec['initContainers']);
		const sidecars = new Set(
			initSpecs.filter((c) => str(c['restartPolicy']) === 'Always').map((c) => str(c['name'])),
		);
		let i = -1; // index among the statuses that are objects
		for (const c of initStatuses) {
			if (!isDict(c)) continue;
			i++;
			restarts += int(c['restartCount']) ?? 0;
			const state = dict(c['state']);
			const terminated = state['terminated'];
			const waitingReason = str(dict(state['waiting'])['reason']);
			if (terminated !== undefined && terminated !== null && (int(dict(terminated)['exitCode']) ?? 0) === 0) continue;
			if (terminated !== undefined && terminated !== null) {
				reason = terminatedReason(dict(terminated), 'Init:');
				initializing = true;
			} else if (sidecars.has(str(c['name'])) && bool(c['started'])) {
				// A started sidecar lets the pod go on once ready; a not-ready one stops the scan without a status.
				if (bool(c['ready'])) continue;
			} else if (waitingReason !== '' && waitingReason !== 'PodInitializing') {
				reason = `Init:${waitingReason}`;
				initializing = true;
			} else {
				reason = `Init:${i}/${initSpecs.length}`;
				initializing = true;
			}
			break;
		}
	}

	if (!initializing) {
		restarts = 0;
		let hasRunning = false;
		// Last to first, so the first container's problem is the one shown.
		const statuses = status['containerStatuses'];
		if (Array.isArray(statuses)) {
			for (let i = statuses.length - 1; i >= 0; i--) {
				const c: unknown = statuses[i];
				if (!isDict(c)) continue;
				restarts += int(c['restartCount']) ?? 0;
				const state = dict(c['state']);
				const waiting = state['waiting'];
				const waitingReason = isDict(waiting) ? str(waiting['reason']) : '';
				const terminated = state['terminated'];
				if (waitingReason !== '') {
					reason = waitingReason;
				} else if (terminated !== undefined && terminated !== null) {
					reason = terminatedReason(dict(terminated), '');
				} else if (bool(c['ready']) && state['running'] !== undefined && state['running'] !== null) {
					hasRunning = true;
					ready++;
				}
			}
		}
		// One container has completed but another still runs: the pod is Running.
		if (reason === 'Completed' && hasRunning) reason = 'Running';
	}

	const deleting = isDeleting(pod);
	if (deleting) reason = str(status['reason']) === 'NodeLost' ? 'Unknown' : 'Terminating';

	counts.status = reason;
	counts.ready = ready;
	counts.total = countDicts(spec['containers']);
	counts.restarts = restarts;
	counts.deleting = deleting;
	return counts;
}

// READY strings for up to 15 containers, made once: most pods share a handful.
const READY_CACHE_MAX = 16;
const readyCache: Array<string | undefined> = new Array<string | undefined>(READY_CACHE_MAX * READY_CACHE_MAX);

/** READY: "ready/total". */
function readyColumn(ready: number, total: number): string {
	if (ready >= READY_CACHE_MAX || total >= READY_CACHE_MAX) return `${ready}/${total}`;
	const i = total * READY_CACHE_MAX + ready;
	return (readyCache[i] ??= `${ready}/${total}`);
}

/** deletionTimestamp is set. */
const isDeleting = (pod: unknown): boolean => strOrNull(metadataOf(pod)['deletionTimestamp']) !== null;

const FAILED = new Set([
	'Failed',
	'CrashLoopBackOff',
	'Error',
	'OOMKilled',
	'Evicted',
	'ContainerCannotRun',
	'DeadlineExceeded',
	'InvalidImageName',
	'RegistryUnavailable',
]);
const PENDING = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated']);

/** True for a status string that means something broke (also inside `Init:`). */
function isFailedStatus(s: string): boolean {
	return (
		FAILED.has(s) ||
		s.startsWith('ExitCode:') ||
		s.startsWith('Signal:') ||
		s.startsWith('ImagePull') ||
		s.startsWith('Err') ||
		s.endsWith('Error')
	);
}

/**
 * The pod-grid state. Terminating wins (deletionTimestamp set); then failures
 * (including failed init containers such as Init:CrashLoopBackOff), then
 * starting up (Pending, ContainerCreating, Init:i/n), then Running split into
 * ready (every container ready) and notReady.
 */
export function podState(pod: Pod | unknown, s: PodStatus = podStatus(pod)): PodState {
	if (isDeleting(pod)) return 'terminating';
	if (s.status === 'Running') {
		// READY is "ready/total": the first two fields split on "/".
		const slash = s.ready.indexOf('/');
		if (slash < 0) return 'notReady';
		const end = s.ready.indexOf('/', slash + 1);
		const ready = Number(s.ready.slice(0, slash));
		const total = Number(end < 0 ? s.ready.slice(slash + 1) : s.ready.slice(slash + 1, end));
		return total > 0 && ready === total ? 'ready' : 'notReady';
	}
	return stateOf(s.status);
}

/** podState for a pod not being deleted whose STATUS is not Running. */
function stateOf(status: string): PodState {
	if (status.startsWith('Init:')) {
		const rest = status.slice('Init:'.length);
		return /^\d+\/\d+$/.test(rest) || PENDING.has(rest) ? 'pending' : isFailedStatus(rest) ? 'failed' : 'pending';
	}
	if (isFailedStatus(status)) return 'failed';
	if (PENDING.has(status)) return 'pending';
	// Up but not serving: a container finished, or readiness is failing.
	if (status === 'Completed' || status === 'Succeeded' || status === 'NotReady') return 'notReady';
	return 'unknown';
}

export function podView(pod: Pod | unknown): PodView {
	const m = metadataOf(pod);
	const c = podCounts(pod);
	const state: PodState = c.deleting
		? 'terminating'
		: c.status === 'Running'
			? c.total > 0 && c.ready === c.total
				? 'ready'
				: 'notReady'
			: stateOf(c.status);
	return {
		name: str(m['name']),
		status: c.status,
		icon: podIcon(c.status),
		state,
		ready: readyColumn(c.ready, c.total),
		restarts: c.restarts,
		createdAt: strOrNull(m['creationTimestamp']),
	};
}

/** The views of these pods, sorted as comparePods sorts them (each creation time parsed once). */
export function podViews(pods: readonly unknown[]): PodView[] {
	const n = pods.length;
	const views: PodView[] = new Array<PodView>(n);
	for (let i = 0; i < n; i++) views[i] = podView(pods[i]);
	if (n < 2) return views;
	const keys: number[] = new Array<number>(n);
	for (let i = 0; i < n; i++) keys[i] = createdMs(views[i]!.createdAt);
	return sortByKey(views, keys, byName);
}

const byName = (a: PodView, b: PodView): number => byString(a.name, b.name);

/** Creation time, then name. */
export function comparePods(a: PodView, b: PodView): number {
	const ta = createdMs(a.createdAt);
	const tb = createdMs(b.createdAt);
	return ta < tb ? -1 : ta > tb ? 1 : byString(a.name, b.name);
}
