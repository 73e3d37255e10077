// ObjectSets -> RolloutView[]: the one place where rollouts are joined with
// their ReplicaSets, Pods, AnalysisRuns, Experiments, Services and Ingresses.
// Pure and total: malformed objects are skipped or defaulted, never thrown on.

import type {AnalysisRunObject, ExperimentObject} from '../domain/analysis.js';
import {currentRevision} from '../domain/facts.js';
import {normalise, toRollout, type DomainSets} from '../domain/normalise.js';
import type {PodObject} from '../domain/pod.js';
import type {ObjectSets, Rollout} from '../domain/raw.js';
import type {ReplicaSetObject} from '../domain/replicaset.js';
import type {RolloutObject} from '../domain/rollout.js';
import {EventIndex, rolloutEvents, type EventSubjectRef} from './events.js';
import {analysisRunView, compareAnalysisRuns, compareExperiments, experimentView} from './analysis.js';
import {rolloutIcon} from './icons.js';
import {blueGreenStage, blueGreenView} from './bluegreen.js';
import {countdowns, pauseView} from './countdowns.js';
import {imagesLine} from './images.js';
import {pauseEndsAt} from './pause.js';
import {compareReplicaSets, replicaSetView} from './replicaset.js';
import {rolloutStatus} from './rollout-status.js';
import {byString} from './safe.js';
import {indexServices, resolveService, rolloutServiceNames, type ServiceIndex} from './services.js';
import {sortInPlace} from './sort.js';
import {stepViews} from './steps.js';
import {trafficRoutingView} from './traffic-routing.js';
import {canaryWeights} from './weights.js';
import {indexDeployments, workloadRefView} from './workload.js';
import type {DeploymentObject} from '../domain/deployment.js';
import type {AnalysisRunView, ExperimentView, ReplicaSetView, RevisionView, RolloutView} from './view.js';

/**
 * Children indexed by owner UID, built once per derivation so the join is
 * linear in the number of objects rather than rollouts × pods.
 */
export class ObjectIndex {
	readonly replicaSets: Map<string, ReplicaSetObject[]>;
	readonly pods: Map<string, PodObject[]>;
	readonly analysisRuns: Map<string, AnalysisRunObject[]>;
	readonly experiments: Map<string, ExperimentObject[]>;
	readonly services: ServiceIndex;
	readonly deployments: Map<string, DeploymentObject>;
	readonly events: EventIndex;

	/** `normalised`: the same objects already normalised, when the caller has them. */
	constructor(objects: ObjectSets | unknown, normalised?: DomainSets) {
		const o = normalised ?? normalise(objects);
		this.replicaSets = byOwner(o.replicaSets);
		this.pods = byOwner(o.pods);
		this.analysisRuns = byOwner(o.analysisRuns);
		this.experiments = byOwner(o.experiments);
		this.services = indexServices(o.services, o.ingresses);
		this.deployments = indexDeployments(o.deployments);
		this.events = new EventIndex(o.events);
	}
}

/** Each item under every owner UID it names (the plugin's tree rule: any ownerReference). */
function byOwner<T extends {meta: {owners: {all: readonly string[]}}}>(items: readonly T[]): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const item of items) {
		for (const uid of item.meta.owners.all) {
			const children = map.get(uid);
			if (children === undefined) map.set(uid, [item]);
			else children.push(item);
		}
	}
	return map;
}

/** Every rollout, sorted by namespace then name. */
export function deriveRollouts(objects: ObjectSets, now: number): RolloutView[] {
	const sets = normalise(objects);
	const index = new ObjectIndex(objects, sets);
	const views: RolloutView[] = [];
	for (const ro of sets.rollouts) {
		if (ro.meta.name === '') continue;
		views.push(safeBuild(ro, index, now));
	}
	return views.sort((a, b) => byString(a.namespace, b.namespace) || byString(a.name, b.name));
}

/** One rollout's view; pass an ObjectIndex when deriving many rollouts from the same objects. */
export function deriveRollout(rollout: Rollout, objects: ObjectSets | ObjectIndex, now: number): RolloutView {
	const index = objects instanceof ObjectIndex ? objects : new ObjectIndex(objects);
	return safeBuild(toRollout(rollout), index, now);
}

function safeBuild(ro: RolloutObject, index: ObjectIndex, now: number): RolloutView {
	try {
		return build(ro, index, now);
	} catch (error) {
		// Last resort: the domain constructors should make this unreachable, but the UI must keep running.
		return fallbackView(ro, error);
	}
}

function build(ro: RolloutObject, index: ObjectIndex, now: number): RolloutView {
	const {uid, namespace} = ro.meta;
	const status = ro.status;
	const {status: phase, message} = rolloutStatus(ro);

	const replicaSets = replicaSetViews(index, uid, ro, now);
	const experiments = experimentViews(index, uid, now);
	const analysisRuns = analysisRunViews(index, uid, ro);
	const revisions = groupByRevision(replicaSets, analysisRuns, experiments);

	const names = rolloutServiceNames(ro);
	const resolve = (name: string) => resolveService(name, namespace, index.services, replicaSets);
	const services: RolloutView['services'] =
		ro.strategy === 'BlueGreen'
			? {active: resolve(names.active), preview: resolve(names.preview)}
			: {active: null, preview: null, stable: resolve(names.stable), canary: resolve(names.canary)};

	const weights = ro.strategy === 'Canary' ? canaryWeights(ro, replicaSets) : {step: null, setWeight: null, actualWeight: null};

	return {
		namespace,
		name: ro.meta.name,
		uid,
		resourceVersion: ro.meta.resourceVersion,
		strategy: ro.strategy,
		status: phase,
		message,
		icon: rolloutIcon(phase),
		...weights,
		replicas: {
			desired: ro.replicas ?? 1,
			current: status.replicas,
			updated: status.updatedReplicas,
			ready: status.readyReplicas,
			available: status.availableReplicas,
		},
		images: imagesLine(replicaSets, experiments),
		services,
		revisions,
		currentRevision: currentRevision(status.currentPodHash, replicaSets, revisions[0]?.revision ?? null),
		paused: ro.specPaused || status.pauseReasons.length > 0,
		pauseEndsAt: pauseEndsAt(ro),
		aborted: status.aborted,
		needsAttention: phase === 'Paused' || phase === 'Degraded',
		createdAt: ro.meta.createdAt,
		restartedAt: status.restartedAt === '' ? null : status.restartedAt,
		steps: stepViews(ro, index.experiments.get(uid) ?? [], weights.actualWeight),
		pause: pauseView(ro),
		countdowns: countdowns(ro, index.replicaSets.get(uid) ?? [], phase),
		trafficRouting: trafficRoutingView(ro, services),
		blueGreen: blueGreenView(ro),
		stage: blueGreenStage(ro, phase),
		workloadRef: workloadRefView(ro, index.deployments),
		...rolloutEvents(index.events, subjectsOf(ro, index)),
	};
}

/** The rollout and every object under it: its ReplicaSets and their pods, AnalysisRuns, Experiments and theirs. */
function subjectsOf(ro: RolloutObject, index: ObjectIndex): EventSubjectRef[] {
	const subjects: EventSubjectRef[] = [];
	const add = (kind: string, meta: {kind?: never; namespace: string; name: string; uid: string}) =>
		subjects.push({kind, namespace: meta.namespace, name: meta.name, uid: meta.uid});
	const addOwned = (owner: string) => {
		for (const rs of index.replicaSets.get(owner) ?? []) {
			add('ReplicaSet', rs.meta);
			for (const pod of index.pods.get(rs.meta.uid) ?? []) add('Pod', pod.meta);
		}
		for (const run of index.analysisRuns.get(owner) ?? []) add('AnalysisRun', run.meta);
	};
	add('Rollout', ro.meta);
	addOwned(ro.meta.uid);
	for (const exp of index.experiments.get(ro.meta.uid) ?? []) {
		add('Experiment', exp.meta);
		addOwned(exp.meta.uid);
	}
	return subjects;
}

/** The rollout's experiments, each with its own ReplicaSets and AnalysisRuns, sorted (compareExperiments). */
function experimentViews(index: ObjectIndex, owner: string, now: number): ExperimentView[] {
	const exps = index.experiments.get(owner) ?? [];
	const views = exps.map((exp) => experimentView(exp, replicaSetViews(index, exp.meta.uid, null, now), analysisRunViews(index, exp.meta.uid)));
	return sortInPlace(views, compareExperiments);
}

/** The views of the ReplicaSets this UID owns, with their pods, sorted (compareReplicaSets). */
function replicaSetViews(index: ObjectIndex, owner: string, rollout: RolloutObject | null, now: number): ReplicaSetView[] {
	const sets = index.replicaSets.get(owner);
	if (sets === undefined) return [];
	const views: ReplicaSetView[] = new Array<ReplicaSetView>(sets.length);
	for (let i = 0; i < sets.length; i++) {
		const rs = sets[i]!;
		views[i] = replicaSetView(rs, rollout, index.pods.get(rs.meta.uid) ?? [], now);
	}
	return sortInPlace(views, compareReplicaSets);
}

/** The views of the AnalysisRuns this UID owns, sorted (compareAnalysisRuns); `rollout` tells their kinds. */
function analysisRunViews(index: ObjectIndex, owner: string, rollout: RolloutObject | null = null): AnalysisRunView[] {
	const runs = index.analysisRuns.get(owner);
	return runs === undefined ? [] : sortInPlace(runs.map((run) => analysisRunView(run, rollout)), compareAnalysisRuns);
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
		if (r === r0 && a === a0 && e === e0) break; // only a NaN revision could stall here; revisions are integers
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

function fallbackView(ro: RolloutObject, error: unknown): RolloutView {
	const m = ro.meta;
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
		createdAt: m.createdAt,
		restartedAt: null,
		steps: null,
		pause: null,
		countdowns: [],
		trafficRouting: null,
		blueGreen: null,
		stage: null,
		workloadRef: null,
		events: [],
		lastWarningAt: null,
	};
}
