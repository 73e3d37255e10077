// A Pod as the model reads it: the container states kubectl's STATUS column is computed from.
import {metaOf, rawMetadata, type Meta} from './meta.js';
import {bool, dict, dicts, int, isDict, isSet, str, strMap, strOrNull, type Dict} from './read.js';

export interface Terminated {
	reason: string;
	exitCode: number;
	signal: number;
	message: string;
	finishedAt: string | null;
}

export interface ContainerState {
	name: string;
	ready: boolean;
	started: boolean;
	restartCount: number;
	/** state.waiting.reason, '' when not waiting or without a reason. */
	waitingReason: string;
	waitingMessage: string;
	terminated: Terminated | null;
	/** lastState.terminated: how the previous run of a restarted container ended. */
	lastTerminated: Terminated | null;
	running: boolean;
	/** state.running.startedAt. */
	runningSince: string | null;
}

export interface PodObject {
	meta: Meta;
	/** metadata.labels (what Service and Deployment selectors match). */
	labels: Record<string, string>;
	/** status.reason ('' when unset), e.g. Evicted, NodeLost. */
	reason: string;
	/** status.message ('' when unset). */
	message: string;
	phase: string;
	/** spec.nodeName, status.podIP and status.startTime ('' / null when unset). */
	node: string;
	ip: string;
	startedAt: string | null;
	/** How many entries of spec.containers are objects (READY's total). */
	containerCount: number;
	/** spec.initContainers count and the names of those with restartPolicy Always (sidecars). */
	initContainerCount: number;
	sidecars: ReadonlySet<string>;
	/** The statuses that are objects, in order. */
	initStatuses: ContainerState[];
	statuses: ContainerState[];
}

export function podOf(raw: unknown): PodObject {
	const spec = dict(dict(raw)['spec']);
	const status = dict(dict(raw)['status']);
	const inits = dicts(spec['initContainers']);
	return {
		meta: metaOf(raw),
		labels: strMap(rawMetadata(raw)['labels']),
		reason: str(status['reason']),
		message: str(status['message']),
		phase: str(status['phase']),
		node: str(spec['nodeName']),
		ip: str(status['podIP']),
		startedAt: strOrNull(status['startTime']),
		containerCount: dicts(spec['containers']).length,
		initContainerCount: inits.length,
		sidecars: new Set(inits.filter((c) => str(c['restartPolicy']) === 'Always').map((c) => str(c['name']))),
		initStatuses: dicts(status['initContainerStatuses']).map(containerState),
		statuses: dicts(status['containerStatuses']).map(containerState),
	};
}

function containerState(c: Dict): ContainerState {
	const state = dict(c['state']);
	const waiting = state['waiting'];
	const terminated = state['terminated'];
	const last = dict(c['lastState'])['terminated'];
	return {
		name: str(c['name']),
		ready: bool(c['ready']),
		started: bool(c['started']),
		restartCount: int(c['restartCount']) ?? 0,
		waitingReason: isDict(waiting) ? str(waiting['reason']) : '',
		waitingMessage: isDict(waiting) ? str(waiting['message']) : '',
		terminated: isSet(terminated) ? terminatedOf(dict(terminated)) : null,
		lastTerminated: isSet(last) ? terminatedOf(dict(last)) : null,
		running: isSet(state['running']),
		runningSince: strOrNull(dict(state['running'])['startedAt']),
	};
}

const terminatedOf = (t: Dict): Terminated => ({
	reason: str(t['reason']),
	exitCode: int(t['exitCode']) ?? 0,
	signal: int(t['signal']) ?? 0,
	message: str(t['message']),
	finishedAt: strOrNull(t['finishedAt']),
});
