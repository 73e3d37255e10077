// Hand-written Kubernetes objects for the model tests: small builders with
// deep-merged overrides, so each test states only what matters to it.

import {readFileSync} from 'node:fs';
import {parseObjects, sortByKind} from '../../source/kube/file-source.js';
import {emptyObjectSets, type ObjectSets, type Pod, type ReplicaSet, type Rollout} from '../../source/domain/raw.js';

export const NOW = Date.parse('2026-11-09T15:35:00Z');
export const ROLLOUT_UID = 'ro-uid-1';

type Plain = Record<string, unknown>;
const isPlain = (x: unknown): x is Plain => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Deep merge for plain objects; arrays and scalars in `b` replace those in `a`; undefined deletes. */
export function merge<T>(a: T, b: unknown): T {
	if (!isPlain(a) || !isPlain(b)) return b as T;
	const out: Plain = {...a};
	for (const [k, v] of Object.entries(b)) {
		if (v === undefined) delete out[k];
		else out[k] = k in out ? merge(out[k], v) : v;
	}
	return out as T;
}

export function blueGreen(over: unknown = {}): Rollout {
	return merge<Rollout>(
		{
			apiVersion: 'argoproj.io/v1alpha1',
			kind: 'Rollout',
			metadata: {name: 'bg', namespace: 'default', uid: ROLLOUT_UID, generation: 1, creationTimestamp: '2026-11-02T09:14:05Z'},
			spec: {
				replicas: 3,
				strategy: {blueGreen: {activeService: 'bg-active', previewService: 'bg-preview'}},
			},
			status: {
				observedGeneration: '1',
				replicas: 3,
				updatedReplicas: 3,
				readyReplicas: 3,
				availableReplicas: 3,
				currentPodHash: 'aaa',
				stableRS: 'aaa',
				blueGreen: {activeSelector: 'aaa'},
			},
		},
		over,
	);
}

export function canary(over: unknown = {}): Rollout {
	return merge<Rollout>(
		{
			apiVersion: 'argoproj.io/v1alpha1',
			kind: 'Rollout',
			metadata: {name: 'can', namespace: 'default', uid: ROLLOUT_UID, generation: 1, creationTimestamp: '2026-11-02T09:14:05Z'},
			spec: {replicas: 3, strategy: {canary: {steps: [{setWeight: 20}, {pause: {}}]}}},
			status: {
				observedGeneration: '1',
				replicas: 3,
				updatedReplicas: 3,
				readyReplicas: 3,
				availableReplicas: 3,
				currentPodHash: 'aaa',
				stableRS: 'aaa',
				currentStepIndex: 2,
			},
		},
		over,
	);
}

export function replicaSet(name: string, hash: string, revision: number, over: unknown = {}): ReplicaSet {
	return merge<ReplicaSet>(
		{
			apiVersion: 'apps/v1',
			kind: 'ReplicaSet',
			metadata: {
				name,
				namespace: 'default',
				uid: `${name}-uid`,
				generation: 1,
				creationTimestamp: '2026-11-09T15:30:12Z',
				labels: {'rollouts-pod-template-hash': hash},
				annotations: {'rollout.argoproj.io/revision': String(revision)},
				ownerReferences: [{kind: 'Rollout', name: 'ro', uid: ROLLOUT_UID, controller: true}],
			},
			spec: {replicas: 3, template: {spec: {containers: [{name: 'app', image: `app:${hash}`}]}}},
			status: {replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1},
		},
		over,
	);
}

/** A Running pod with one ready container, owned by the ReplicaSet with this UID. */
export function pod(name: string, ownerUid: string, over: unknown = {}): Pod {
	return merge<Pod>(
		{
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {
				name,
				namespace: 'default',
				uid: `${name}-uid`,
				creationTimestamp: '2026-11-09T15:30:12Z',
				ownerReferences: [{kind: 'ReplicaSet', uid: ownerUid, controller: true}],
			},
			spec: {containers: [{name: 'app', image: 'app:1'}]},
			status: {
				phase: 'Running',
				containerStatuses: [{name: 'app', ready: true, started: true, restartCount: 0, state: {running: {startedAt: '2026-11-09T15:30:20Z'}}}],
			},
		},
		over,
	);
}

export function objects(over: Partial<ObjectSets> = {}): ObjectSets {
	return {...emptyObjectSets(), ...over};
}

/** A YAML file (kubectl get -o yaml) sorted into ObjectSets, read as --file reads it. */
export function loadList(path: string): ObjectSets {
	return sortByKind(parseObjects(readFileSync(path, 'utf8'), path));
}
