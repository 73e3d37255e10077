// ObjectSets -> RolloutView[]: the one place where rollouts are joined with
// their ReplicaSets, Pods, AnalysisRuns, Experiments, Services and Ingresses.
// Pure and total: malformed objects are skipped or defaulted, never thrown on.

import {pauseEndsAt} from './pause.js';
import {analysisRunView, compareAnalysisRuns, compareExperiments, experimentView} from './analysis.js';
import {rolloutIcon} from './icons.js';
import {imagesLine} from './images.js';
import type {AnalysisRun, Experiment, ObjectSets, Pod, ReplicaSet, Rollout} from './objects.js';
import {compareReplicaSets, replicaSetView} from './replicaset.js';
import {rolloutStatus, rolloutStrategy} from './rollout-status.js';
import {byString, bool, dict, int, isDict, list, meta, str, type Dict} from './safe.js';
import {indexServices, resolveService, rolloutServiceNames, type ServiceIndex} from './services.js';
import type {ReplicaSetView, RevisionView, RolloutView} from './view.js';

/**
 * Children indexed by owner UID, built once per derivation so the join is
 * linear in the number of objects rather than rollouts × pods.
 */
export class ObjectIndex {
	readonly replicaSets: Map<string, ReplicaSet[]>;
	readonly pods: Map<string, Pod[]>;
	readonly analysisRuns: Map<string, AnalysisRun[]>;
	readonly experiments: Map<string, Experiment[]>;
	readonly services: ServiceIndex;

	constructor(objects: ObjectSets | unknown) {
		const o = dict(objects);
		this.replicaSets = byOwner(o['replicaSets']);
		this.pods = byOwner(o['pods']);
		this.analysisRuns = byOwner(o['analysisRuns']);
		this.experiments = byOwner(o['experiments']);
		this.services = indexServices(list(o['services']), list(o['ingresses']));
	}
}

function byOwner<T>(items: unknown): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const item of list(items)) {
		if (!isDict(item)) continue;
		for (const uid of new Set(meta(item).ownerUids)) {
			const children = map.get(uid);
			if (children === undefined) map.set(uid, [item as T]);
			else children.push(item as T);
		}
	}
	return map;
}

/** Every rollout, sorted by namespace then name. */
export function deriveRollouts(objects: ObjectSets, now: number): RolloutView[] {
	const index = new ObjectIndex(objects);
	const views: RolloutView[] = [];
	for (const ro of list(dict(objects)['rollouts'])) {
		if (!isDict(ro) || meta(ro).name === '') continue;
		views.push(deriveRollout(ro as Rollout, index, now));
	}
	return views.sort((a, b) => byString(a.namespace, b.namespace) || byString(a.name, b.name));
}

/** One rollout's view; pass an ObjectIndex when deriving many rollouts from the same objects. */
export function deriveRollout(rollout: Rollout, objects: ObjectSets | ObjectIndex, now: number): RolloutView {
	const index = objects instanceof ObjectIndex ? objects : new ObjectIndex(objects);
	try {
		return build(rollout, index, now);
	} catch (error) {
		// Last resort: the accessors should make this unreachable, but the UI must keep running.
		return fallbackView(rollout, error);
	}
}

function build(rollout: Rollout, index: ObjectIndex, now: number): RolloutView {
	const m = meta(rollout);
	const spec = dict(dict(rollout)['spec']);
	const status = dict(dict(rollout)['status']);
	const strategy = rolloutStrategy(rollout);
	const {status: phase, message} = rolloutStatus(rollout);

	const childPods = (rs: unknown): Pod[] => index.pods.get(meta(rs).uid) ?? [];
	const replicaSets = (index.replicaSets.get(m.uid) ?? [])
		.map((rs) => replicaSetView(rs, rollout, childPods(rs), now))
		.sort(compareReplicaSets);
	const experiments = (index.experiments.get(m.uid) ?? [])
		.map((exp) => {
			const uid = meta(exp).uid;
			const expSets = (index.replicaSets.get(uid) ?? [])
				.map((rs) => replicaSetView(rs, null, childPods(rs), now))
				.sort(compareReplicaSets);
			const expRuns = (index.analysisRuns.get(uid) ?? []).map(analysisRunView).sort(compareAnalysisRuns);
			return experimentView(exp, expSets, expRuns);
		})
		.sort(compareExperiments);
	const analysisRuns = (index.analysisRuns.get(m.uid) ?? []).map(analysisRunView).sort(compareAnalysisRuns);

	const numbers = new Set<number>();
	for (const x of [...replicaSets, ...experiments, ...analysisRuns]) numbers.add(x.revision);
	const revisions: RevisionView[] = [...numbers]
		.sort((a, b) => b - a)
		.map((revision) => ({
			revision,
			replicaSets: replicaSets.filter((x) => x.revision === revision),
			analysisRuns: analysisRuns.filter((x) => x.revision === revision),
			experiments: experiments.filter((x) => x.revision === revision),
		}));

	const currentPodHash = str(status['currentPodHash']);
	const current = replicaSets.find((rs) => rs.hash !== '' && rs.hash === currentPodHash);
	const newest = revisions[0]?.revision ?? null;

	const names = rolloutServiceNames(rollout);
	const resolve = (name: string) => resolveService(name, m.namespace, index.services, replicaSets);
	const services: RolloutView['services'] =
		strategy === 'BlueGreen'
			? {active: resolve(names.active), preview: resolve(names.preview)}
			: {active: null, preview: null, stable: resolve(names.stable), canary: resolve(names.canary)};

	const weights = strategy === 'Canary' ? canaryWeights(spec, status, replicaSets) : {step: null, setWeight: null, actualWeight: null};
	const restartedAt = str(status['restartedAt']);

	return {
		namespace: m.namespace,
		name: m.name,
		uid: m.uid,
		resourceVersion: m.resourceVersion,
		strategy,
		status: phase,
		message,
		icon: rolloutIcon(phase),
		...weights,
		replicas: {
			desired: int(spec['replicas']) ?? 1,
			current: int(status['replicas']) ?? 0,
			updated: int(status['updatedReplicas']) ?? 0,
			ready: int(status['readyReplicas']) ?? 0,
			available: int(status['availableReplicas']) ?? 0,
		},
		images: imagesLine(replicaSets, experiments),
		services,
		revisions,
		currentRevision: current?.revision ?? newest,
		paused: bool(spec['paused']) || list(status['pauseConditions']).length > 0,
		pauseEndsAt: pauseEndsAt(rollout),
		aborted: bool(status['abort']),
		needsAttention: phase === 'Paused' || phase === 'Degraded',
		createdAt: m.creationTimestamp,
		restartedAt: restartedAt === '' ? null : restartedAt,
	};
}

/** Step "i/n", the weight the current step asks for, and the weight actually reached. */
function canaryWeights(
	spec: Dict,
	status: Dict,
	replicaSets: readonly ReplicaSetView[],
): {step: string | null; setWeight: number; actualWeight: number} {
	const canary = dict(dict(spec['strategy'])['canary']);
	const steps = list(canary['steps']);
	const routing = canary['trafficRouting'];
	const routed = routing !== undefined && routing !== null;
	const max = (routed ? int(dict(routing)['maxTrafficWeight']) : undefined) ?? 100;
	const rawIndex = int(status['currentStepIndex']);
	const step = rawIndex !== undefined && steps.length > 0 ? `${rawIndex}/${steps.length}` : null;

	// No current step: no steps at all, or every step done.
	const index = Math.max(rawIndex ?? 0, 0);
	const hasStep = index < steps.length;

	let setWeight = 0;
	if (bool(status['abort'])) setWeight = 0;
	else if (!hasStep) setWeight = max;
	else {
		for (let i = index; i >= 0; i--) {
			const w = int(dict(steps[i])['setWeight']);
			if (w !== undefined) {
				setWeight = w;
				break;
			}
		}
	}

	const available = int(status['availableReplicas']) ?? 0;
	let actualWeight = 0;
	if (!hasStep) actualWeight = max;
	else if (available > 0) {
		if (!routed) {
			// Share of available pods that are canary pods.
			for (const rs of replicaSets) if (rs.tags.includes('canary')) actualWeight = Math.trunc((rs.available * max) / available);
		} else {
			const w = dict(status['canary'])['weights'];
			actualWeight = w !== undefined && w !== null ? (int(dict(dict(w)['canary'])['weight']) ?? 0) : setWeight;
		}
	}
	return {step, setWeight, actualWeight};
}

function fallbackView(rollout: unknown, error: unknown): RolloutView {
	const m = meta(rollout);
	return {
		namespace: m.namespace,
		name: m.name,
		uid: m.uid,
		resourceVersion: m.resourceVersion,
		strategy: 'Canary',
		status: 'Unknown',
		message: `cannot read this rollout: ${error instanceof Error ? error.message : String(error)}`,
		icon: 'unknown',
		step: null,
		setWeight: null,
		actualWeight: null,
		replicas: {desired: 0, current: 0, updated: 0, ready: 0, available: 0},
		images: [],
		services: {active: null, preview: null},
		revisions: [],
		currentRevision: null,
		paused: false,
		aborted: false,
		needsAttention: false,
		createdAt: m.creationTimestamp,
		restartedAt: null,
	};
}
