// One pod, as the pod panel shows it: where it runs, its STATUS, and each
// container's state with how its previous run ended. Pure: the objects and a
// pod's namespace/name in, a view out (null when the pod is gone).
import type {ContainerState, PodObject, Terminated} from '../domain/pod.js';
import {toPod} from '../domain/normalise.js';
import type {ObjectSets} from '../domain/raw.js';
import {list} from '../domain/read.js';
import {podStatus, podState} from './pod.js';
import type {PodState} from './view.js';

export interface TerminationView {
	reason: string;
	exitCode: number;
	signal: number;
	message: string;
	finishedAt: string | null;
}

export interface ContainerView {
	name: string;
	/** init: runs before the others; sidecar: an init container that keeps running. */
	role: 'init' | 'sidecar' | 'main';
	ready: boolean;
	/** running | waiting | terminated | unknown (no status yet). */
	state: 'running' | 'waiting' | 'terminated' | 'unknown';
	/** The waiting or terminated reason, e.g. CrashLoopBackOff, Completed. */
	reason: string;
	message: string;
	since: string | null;
	restarts: number;
	current: TerminationView | null;
	last: TerminationView | null;
}

export interface PodDetailView {
	namespace: string;
	name: string;
	uid: string;
	status: string;
	state: PodState;
	ready: string;
	phase: string;
	reason: string;
	message: string;
	node: string;
	ip: string;
	startedAt: string | null;
	restarts: number;
	containers: ContainerView[];
}

const termination = (t: Terminated | null): TerminationView | null =>
	t === null ? null : {reason: t.reason, exitCode: t.exitCode, signal: t.signal, message: t.message, finishedAt: t.finishedAt};

function containerView(c: ContainerState, role: ContainerView['role']): ContainerView {
	const state = c.running ? 'running' : c.terminated ? 'terminated' : c.waitingReason || c.waitingMessage ? 'waiting' : 'unknown';
	return {
		name: c.name,
		role,
		ready: c.ready,
		state,
		reason: c.terminated?.reason ?? c.waitingReason,
		message: c.terminated?.message || c.waitingMessage,
		since: c.runningSince ?? c.terminated?.finishedAt ?? null,
		restarts: c.restartCount,
		current: termination(c.terminated),
		last: termination(c.lastTerminated),
	};
}

export function podDetailView(pod: PodObject): PodDetailView {
	const s = podStatus(pod);
	const containers = [
		...pod.initStatuses.map(c => containerView(c, pod.sidecars.has(c.name) ? 'sidecar' : 'init')),
		...pod.statuses.map(c => containerView(c, 'main')),
	];
	return {
		namespace: pod.meta.namespace,
		name: pod.meta.name,
		uid: pod.meta.uid,
		status: s.status,
		state: podState(pod, s),
		ready: s.ready,
		phase: pod.phase,
		reason: pod.reason,
		message: pod.message,
		node: pod.node,
		ip: pod.ip,
		startedAt: pod.startedAt,
		restarts: s.restarts,
		containers,
	};
}

/** The pod named `namespace/name` among the objects, or null when it is not there (any more). */
export function podDetailFor(objects: ObjectSets, namespace: string, name: string): PodDetailView | null {
	for (const raw of list(objects.pods)) {
		const pod = toPod(raw);
		if (pod.meta.name === name && pod.meta.namespace === namespace) return podDetailView(pod);
	}
	return null;
}
