// Pods as `kubectl get pods` and `kubectl argo rollouts get` show them: the
// STATUS string, READY "x/y" and RESTARTS, plus the PodState of the grid.

import {podIcon} from './icons.js';
import type {Pod} from './objects.js';
import {bool, byString, createdMs, dict, dicts, int, meta, str, type Dict} from './safe.js';
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
	const spec = dict(dict(pod)['spec']);
	const status = dict(dict(pod)['status']);
	const m = meta(pod);
	const initSpecs = dicts(spec['initContainers']);
	const sidecars = new Set(
		initSpecs.filter((c) => str(c['restartPolicy']) === 'Always').map((c) => str(c['name'])),
	);

	let reason = str(status['reason']) || str(status['phase']);
	let restarts = 0;
	let ready = 0;
	let initializing = false;

	// Init containers in order; the first one not done decides the status.
	const initStatuses = dicts(status['initContainerStatuses']);
	for (const [i, c] of initStatuses.entries()) {
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

	if (!initializing) {
		restarts = 0;
		let hasRunning = false;
		// Last to first, so the first container's problem is the one shown.
		const statuses = dicts(status['containerStatuses']);
		for (let i = statuses.length - 1; i >= 0; i--) {
			const c = statuses[i] ?? {};
			restarts += int(c['restartCount']) ?? 0;
			const state = dict(c['state']);
			const waitingReason = str(dict(state['waiting'])['reason']);
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
		// One container has completed but another still runs: the pod is Running.
		if (reason === 'Completed' && hasRunning) reason = 'Running';
	}

	if (m.deletionTimestamp !== null) reason = str(status['reason']) === 'NodeLost' ? 'Unknown' : 'Terminating';

	return {status: reason, ready: `${ready}/${dicts(spec['containers']).length}`, restarts};
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
export function podState(pod: Pod | unknown, s: PodStatus = podStatus(pod)): PodState {
	if (meta(pod).deletionTimestamp !== null) return 'terminating';
	const status = s.status;
	if (status === 'Running') {
		const [ready, total] = s.ready.split('/').map(Number);
		return total !== undefined && total > 0 && ready === total ? 'ready' : 'notReady';
	}
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
	const m = meta(pod);
	const s = podStatus(pod);
	return {
		name: m.name,
		status: s.status,
		icon: podIcon(s.status),
		state: podState(pod, s),
		ready: s.ready,
		restarts: s.restarts,
		createdAt: m.creationTimestamp,
	};
}

/** Creation time, then name. */
export function comparePods(a: PodView, b: PodView): number {
	const ta = createdMs(a.createdAt);
	const tb = createdMs(b.createdAt);
	return ta < tb ? -1 : ta > tb ? 1 : byString(a.name, b.name);
}
