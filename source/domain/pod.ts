// A Pod as the model reads it: the container states kubectl's STATUS column is computed from.
import {metaOf, rawMetadata, type Meta} from './meta.js';
import {bool, dict, dicts, int, isDict, isSet, str, strMap, type Dict} from './read.js';

export interface Terminated {
	reason: string;
	exitCode: number;
	signal: number;
}

export interface ContainerState {
	name: string;
	ready: boolean;
	started: boolean;
	restartCount: number;
	/** state.waiting.reason, '' when not waiting or without a reason. */
	waitingReason: string;
	terminated: Terminated | null;
	running: boolean;
}

export interface PodObject {
	meta: Meta;
	/** metadata.labels (what Service and Deployment selectors match). */
	labels: Record<string, string>;
	/** status.reason ('' when unset), e.g. Evicted, NodeLost. */
	reason: string;
	phase: string;
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
		phase: str(status['phase']),
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
	return {
		name: str(c['name']),
		ready: bool(c['ready']),
		started: bool(c['started']),
		restartCount: int(c['restartCount']) ?? 0,
		waitingReason: isDict(waiting) ? str(waiting['reason']) : '',
		terminated: isSet(terminated) ? terminatedOf(dict(terminated)) : null,
		running: isSet(state['running']),
	};
}

const terminatedOf = (t: Dict): Terminated => ({
	reason: str(t['reason']),
	exitCode: int(t['exitCode']) ?? 0,
	signal: int(t['signal']) ?? 0,
});
