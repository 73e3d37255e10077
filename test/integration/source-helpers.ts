// Helpers shared by the tests of the cluster Source (watch.test.ts and
// watch-cache.test.ts): waiting on a snapshot, and comparing it with what a
// fresh LIST of the namespace says.
import {KINDS} from '../../source/domain/kinds.js';
import * as k8s from '@kubernetes/client-node';
import {ROLLOUT} from '../cluster/manifests.js';
import type {Snapshot, Source} from '../../source/kube/source.js';
import {describeWatches} from '../../source/kube/watch-status.js';
import type {KubeObject, ObjectSets} from '../../source/domain/raw.js';

/** Resolves with the ms it took until `predicate` holds for a snapshot; rejects after `timeoutMs`. */
export function timeUntil(
	source: Source,
	predicate: (snapshot: Snapshot) => boolean,
	timeoutMs: number,
	what: string | (() => string),
): Promise<number> {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const check = () => {
			if (predicate(source.getSnapshot())) {
				finish();
				resolve(performance.now() - started);
			}
		};
		const timer = setTimeout(() => {
			finish();
			const label = typeof what === 'function' ? what() : what;
			reject(new Error(`not within ${timeoutMs}ms: ${label} (status: ${describeWatches(source.getSnapshot().watches, Date.now()).summary})`));
		}, timeoutMs);
		const unsubscribe = source.subscribe(check);
		const finish = () => {
			clearTimeout(timer);
			unsubscribe();
		};
		check();
	});
}

export const names = (items: KubeObject[]) => items.map((item) => item.metadata?.name ?? '');
export const find = (items: KubeObject[], name: string) => items.find((item) => item.metadata?.name === name);
export const allLive = (snapshot: Snapshot) => snapshot.watches.every((watch) => watch.state === 'live');

export function service(name: string, labels: Record<string, string> = {}): k8s.V1Service {
	return {metadata: {name, labels}, spec: {selector: {app: name}, ports: [{port: 80}]}};
}

/** The sets without events (new ones may appear at any moment; see ALL_KINDS). */
export function withoutEvents(objects: Partial<ObjectSets>): Partial<ObjectSets> {
	const {events: _events, ...rest} = objects;
	return rest;
}

export type State = Partial<Record<keyof ObjectSets, string[]>>;

/** "name@resourceVersion" per kind, kinds and items sorted, so two states compare as JSON. */
export function summarize(objects: Partial<ObjectSets>): State {
	const result: State = {};
	for (const [kind, items] of (Object.entries(objects) as Array<[keyof ObjectSets, KubeObject[]]>).sort(([a], [b]) => a.localeCompare(b))) {
		result[kind] = items.map((item) => `${item.metadata?.name}@${item.metadata?.resourceVersion}`).sort();
	}
	return result;
}

// Events are left out by default: the controller writes new ones at any moment, so a LIST and a watch rarely agree.
const ALL_KINDS: Array<keyof ObjectSets> = KINDS.map((kind) => kind.set).filter((set) => set !== 'events');

/** What a fresh LIST of the namespace says, for the given kinds (all by default). */
export async function listState(kc: k8s.KubeConfig, namespace: string, kinds: Array<keyof ObjectSets> = ALL_KINDS): Promise<State> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const apps = kc.makeApiClient(k8s.AppsV1Api);
	const networking = kc.makeApiClient(k8s.NetworkingV1Api);
	const custom = kc.makeApiClient(k8s.CustomObjectsApi);
	const customItems = async (plural: string) =>
		((await custom.listNamespacedCustomObject({...ROLLOUT, plural, namespace})) as {items: KubeObject[]}).items;
	const lists: Record<keyof ObjectSets, () => Promise<KubeObject[]>> = {
		rollouts: () => customItems('rollouts'),
		replicaSets: async () => (await apps.listNamespacedReplicaSet({namespace})).items as KubeObject[],
		pods: async () => (await core.listNamespacedPod({namespace})).items as KubeObject[],
		services: async () => (await core.listNamespacedService({namespace})).items as KubeObject[],
		ingresses: async () => (await networking.listNamespacedIngress({namespace})).items as KubeObject[],
		analysisRuns: () => customItems('analysisruns'),
		experiments: () => customItems('experiments'),
		deployments: async () => (await apps.listNamespacedDeployment({namespace})).items as KubeObject[],
		events: async () => (await kc.makeApiClient(k8s.EventsV1Api).listNamespacedEvent({namespace})).items as KubeObject[],
	};
	const objects: Partial<ObjectSets> = {};
	await Promise.all(kinds.map(async (kind) => Object.assign(objects, {[kind]: await lists[kind]()})));
	return summarize(objects);
}
