// Raw objects -> domain objects, once per object version. The watches replace
// an object on every ADDED/MODIFIED event and never change one in place, so
// object identity is the version: a WeakMap keyed by the raw object computes
// each domain shape once, and a derivation after one pod changed reads every
// other object from the cache. Raw objects must be treated as immutable.
import {deploymentOf, type DeploymentObject} from './deployment.js';
import {analysisRunOf, experimentOf, type AnalysisRunObject, type ExperimentObject} from './analysis.js';
import {eventOf, type EventObject} from './event.js';
import {podOf, type PodObject} from './pod.js';
import {isDict, list} from './read.js';
import type {ObjectSets} from './raw.js';
import {replicaSetOf, type ReplicaSetObject} from './replicaset.js';
import {rolloutOf, type RolloutObject} from './rollout.js';
import {ingressOf, serviceOf, type IngressObject, type ServiceObject} from './service.js';

/** Every domain object of one moment, by kind: ObjectSets, typed. */
export interface DomainSets {
	rollouts: RolloutObject[];
	replicaSets: ReplicaSetObject[];
	pods: PodObject[];
	services: ServiceObject[];
	ingresses: IngressObject[];
	analysisRuns: AnalysisRunObject[];
	experiments: ExperimentObject[];
	deployments: DeploymentObject[];
	events: EventObject[];
}

/** A constructor with its cache; non-objects (null items in a hand-written file) are skipped. */
function cached<T>(make: (raw: unknown) => T): (raw: unknown) => T {
	const cache = new WeakMap<object, T>();
	return (raw) => {
		if (!isDict(raw)) return make(raw);
		let value = cache.get(raw);
		if (value === undefined) cache.set(raw, (value = make(raw)));
		return value;
	};
}

export const toRollout = cached(rolloutOf);
export const toReplicaSet = cached(replicaSetOf);
export const toPod = cached(podOf);
export const toService = cached(serviceOf);
export const toIngress = cached(ingressOf);
export const toAnalysisRun = cached(analysisRunOf);
export const toExperiment = cached(experimentOf);
export const toDeployment = cached(deploymentOf);
export const toEvent = cached(eventOf);

/** The objects of each kind that are objects at all, normalised. */
const each = <T>(items: unknown, to: (raw: unknown) => T): T[] => {
	const out: T[] = [];
	for (const item of list(items)) if (isDict(item)) out.push(to(item));
	return out;
};

export function normalise(objects: ObjectSets | unknown): DomainSets {
	const o = isDict(objects) ? objects : {};
	return {
		rollouts: each(o['rollouts'], toRollout),
		replicaSets: each(o['replicaSets'], toReplicaSet),
		pods: each(o['pods'], toPod),
		services: each(o['services'], toService),
		ingresses: each(o['ingresses'], toIngress),
		analysisRuns: each(o['analysisRuns'], toAnalysisRun),
		experiments: each(o['experiments'], toExperiment),
		deployments: each(o['deployments'], toDeployment),
		events: each(o['events'], toEvent),
	};
}
