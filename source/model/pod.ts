// Pods as `kubectl get pods` and `kubectl argo rollouts get` show them: the
// STATUS string, READY "x/y" and RESTARTS, plus the PodState of the grid.

import type {PodObject, Terminated} from '../domain/pod.js';
import {podIcon} from './icons.js';
import {byString, createdMs} from './safe.js';
import {sortByKey} from './sort.js';
import type {PodState, PodView} from './view.js';

export interface PodStatus {
	status: string;
	ready: string;
	restarts: number;
}

const terminatedReason = (t: Terminated, prefix: string): string => {
	if (t.reason !== '') return prefix + t.reason;
	return t.signal !== 0 ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
};

/** The STATUS, READY and RESTARTS columns, following the plugin's copy of kubectl's printPod. */
export function podStatus(pod: PodObject): PodStatus {
	const c = podCounts(pod);
	return {status: c.status, ready: `${c.ready}/${pod.containerCount}`, restarts: c.restarts};
}

/** STATUS and RESTARTS, with READY's ready count. */
interface PodCounts {
	status: string;
	ready: number;
	restarts: number;
}

function podCounts(pod: PodObject): PodCounts {
	const init = initStatus(pod);
	const counts = init ?? containerStatus(pod);
	if (pod.meta.deleting) counts.status = pod.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
	return counts;
}

/** Init containers in order: the first one not done decides the status; null once all are done. */
function initStatus(pod: PodObject): PodCounts | null {
	let restarts = 0;
	for (let i = 0; i < pod.initStatuses.length; i++) {
		const c = pod.initStatuses[i]!;
		restarts += c.restartCount;
		const terminated = c.terminated;
		if (terminated !== null && terminated.exitCode === 0) continue;
		let status: string;
		if (terminated !== null) status = terminatedReason(terminated, 'Init:');
		else if (pod.sidecars.has(c.name) && c.started) {
			// A started sidecar lets the pod go on once ready; a not-ready one stops the scan without a status.
			if (c.ready) continue;
			return null;
		} else if (c.waitingReason !== '' && c.waitingReason !== 'PodInitializing') status = `Init:${c.waitingReason}`;
		else status = `Init:${i}/${pod.initContainerCount}`;
		return {status, ready: 0, restarts};
	}
	return null;
}

/** The app containers, last to first, so the first container's problem is the one shown. */
function containerStatus(pod: PodObject): PodCounts {
	let status = pod.reason || pod.phase;
	let restarts = 0;
	let ready = 0;
	let hasRunning = false;
	for (let i = pod.statuses.length - 1; i >= 0; i--) {
		const c = pod.statuses[i]!;
		restarts += c.restartCount;
		if (c.waitingReason !== '') status = c.waitingReason;
		else if (c.terminated !== null) status = terminatedReason(c.terminated, '');
		else if (c.ready && c.running) {
			hasRunning = true;
			ready++;
		}
	}
	// One container has completed but another still runs: the pod is Running.
	if (status === 'Completed' && hasRunning) status = 'Running';
	return {status, ready, restarts};
}

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
export function podState(pod: PodObject, s: PodStatus = podStatus(pod)): PodState {
	if (pod.meta.deleting) return 'terminating';
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

export function podView(pod: PodObject): PodView {
	const c = podCounts(pod);
	const total = pod.containerCount;
	const state: PodState = pod.meta.deleting
		? 'terminating'
		: c.status === 'Running'
			? total > 0 && c.ready === total
				? 'ready'
				: 'notReady'
			: stateOf(c.status);
	return {
		name: pod.meta.name,
		status: c.status,
		icon: podIcon(c.status),
		state,
		ready: `${c.ready}/${total}`,
		restarts: c.restarts,
		createdAt: pod.meta.createdAt,
	};
}

/** The views of these pods, sorted as comparePods sorts them (each creation time parsed once). */
export function podViews(pods: readonly PodObject[]): PodView[] {
	const n = pods.length;
	const views: PodView[] = new Array<PodView>(n);
	for (let i = 0; i < n; i++) views[i] = podView(pods[i]!);
	if (n < 2) return views;
	const keys: number[] = new Array<number>(n);
	for (let i = 0; i < n; i++) keys[i] = pods[i]!.meta.createdMs;
	return sortByKey(views, keys, byName);
}

const byName = (a: PodView, b: PodView): number => byString(a.name, b.name);

/** Creation time, then name. */
export function comparePods(a: PodView, b: PodView): number {
	const ta = createdMs(a.createdAt);
	const tb = createdMs(b.createdAt);
	return ta < tb ? -1 : ta > tb ? 1 : byString(a.name, b.name);
}
