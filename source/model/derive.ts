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
import {byString, bool, dict, int, isDict, list, meta, metadataOf, str, strOrNull, type Dict} from './safe.js';
import {indexServices, resolveService, rolloutServiceNames, type ServiceIndex} from './services.js';
import {sortInPlace} from './sort.js';
import type {AnalysisRunView, ExperimentView, ReplicaSetView, RevisionView, RolloutView} from './view.js';

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

/** Each item under every owner UID it names, once per owner even if the reference repeats. */
function byOwner<T>(items: unknown): Map<string, T[]> {
	const map = new Map<string, T[]>();
	if (!Array.isArray(items)) return map;
	for (const item of items) {
		if (!isDict(item)) continue;
		const refs = metadataOf(item)['ownerReferences'];
		if (!Array.isArray(refs)) continue;
		for (let i = 0; i < refs.length; i++) {
			const ref = refs[i];
			if (!isDict(ref)) continue;
			const uid = ref['uid'];
			if (typeof uid !== 'string' || uid === '' || seenBefore(refs, i, uid)) continue;
			const children = map.get(uid);
			if (children === undefined) map.set(uid, [item as T]);
			else children.push(item as T);
		}
	}
	return map;
}

/** True when an ownerReference before index `end` has this UID. */
function seenBefore(refs: readonly unknown[], end: number, uid: string): boolean {
	for (let i = 0; i < end; i++) {
		const ref = refs[i];
		if (isDict(ref) && ref['uid'] === uid) return true;
	}
	return false;
}

/** Every rollout, sorted by namespace then name. */
export function deriveRollouts(objects: ObjectSets, now: number): RolloutView[] {
	const index = new ObjectIndex(objects);
	const views: RolloutView[] = [];
	for (const ro of list(dict(objects)['rollouts'])) {
		if (!isDict(ro) || str(metadataOf(ro)['name']) === '') continue;
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
	const md = metadataOf(rollout);
	const uid = str(md['uid']);
	const namespace = str(md['namespace']);
	const spec = dict(dict(rollout)['spec']);
	const status = dict(dict(rollout)['status']);
	const strategy = rolloutStrategy(rollout);
	const {status: phase, message} = rolloutStatus(rollout);

	const replicaSets = replicaSetViews(index, uid, rollout, now);
	const experimentObjects = index.experiments.get(uid) ?? [];
	const experiments: ExperimentView[] = new Array<ExperimentView>(experimentObjects.length);
	for (let i = 0; i < experimentObjects.length; i++) {
		const exp = experimentObjects[i];
		const expUid = str(metadataOf(exp)['uid']);
		experiments[i] = experimentView(exp, replicaSetViews(index, expUid, null, now), analysisRunViews(index, expUid));
	}
	sortInPlace(experiments, compareExperiments);
	const analysisRuns = analysisRunViews(index, uid);
	const revisions = groupByRevision(replicaSets, analysisRuns, experiments);

	const currentPodHash = str(status['currentPodHash']);
	const current = replicaSets.find((rs) => rs.hash !== '' && rs.hash === currentPodHash);
	const newest = revisions[0]?.revision ?? null;

	const names = rolloutServiceNames(rollout);
	const resolve = (name: string) => resolveService(name, namespace, index.services, replicaSets);
	const services: RolloutView['services'] =
		strategy === 'BlueGreen'
			? {active: resolve(names.active), preview: resolve(names.preview)}
			: {active: null, preview: null, stable: resolve(names.stable), canary: resolve(names.canary)};

	const weights = strategy === 'Canary' ? canaryWeights(spec, status, replicaSets) : {step: null, setWeight: null, actualWeight: null};
	const restartedAt = str(status['restartedAt']);

	return {
		namespace,
		name: str(md['name']),
		uid,
		resourceVersion: str(md['resourceVersion']),
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
		createdAt: strOrNull(md['creationTimestamp']),
		restartedAt: restartedAt === '' ? null : restartedAt,
	};
}

/** The views of the ReplicaSets this UID owns, with their pods, sorted (compareReplicaSets). */
function replicaSetViews(index: ObjectIndex, owner: string, rollout: Rollout | null, now: number): ReplicaSetView[] {
	const sets = index.replicaSets.get(owner);
	if (sets === undefined) return [];
	const views: ReplicaSetView[] = new Array<ReplicaSetView>(sets.length);
	for (let i = 0; i < sets.length; i++) {
		const rs = sets[i];
		views[i] = replicaSetView(rs, rollout, index.pods.get(str(metadataOf(rs)['uid'])) ?? [], now);
	}
	return sortInPlace(views, compareReplicaSets);
}

/** The views of the AnalysisRuns this UID owns, sorted (compareAnalysisRuns). */
function analysisRunViews(index: ObjectIndex, owner: string): AnalysisRunView[] {
	const runs = index.analysisRuns.get(owner);
	return runs === undefined ? [] : sortInPlace(runs.map(analysisRunView), compareAnalysisRuns);
}

/**
 * One RevisionView per revision number, newest first, each list keeping its
 * order. The lists come sorted by revision, newest first (their comparators
 * order by revision before anything else), so each revision's items are one
 * run of each list: merge the three.
 */
function groupByRevision(
	replicaSets: readonly ReplicaSetView[],
	analysisRuns: readonly AnalysisRunView[],
	experiments: readonly ExperimentView[],
): RevisionView[] {
	const revisions: RevisionView[] = [];
	let r = 0;
	let a = 0;
	let e = 0;
	while (r < replicaSets.length || a < analysisRuns.length || e < experiments.length) {
		let revision = Number.NEGATIVE_INFINITY;
		if (r < replicaSets.length) revision = Math.max(revision, replicaSets[r]!.revision);
		if (a < analysisRuns.length) revision = Math.max(revision, analysisRuns[a]!.revision);
		if (e < experiments.length) revision = Math.max(revision, experiments[e]!.revision);
		const r0 = r;
		const a0 = a;
		const e0 = e;
		while (r < replicaSets.length && replicaSets[r]!.revision === revision) r++;
		while (a < analysisRuns.length && analysisRuns[a]!.revision === revision) a++;
		while (e < experiments.length && experiments[e]!.revision === revision) e++;
		if (r === r0 && a === a0 && e === e0) break; // only a NaN revision could stall here; parseRevision never gives one
		revisions.push({
			// -0 shows as 0, as a Set of numbers stores it.
			revision: revision === 0 ? 0 : revision,
			replicaSets: replicaSets.slice(r0, r),
			analysisRuns: analysisRuns.slice(a0, a),
			experiments: experiments.slice(e0, e),
		});
	}
	return revisions;
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
