// Reads what the hand-made blue-green commands plan on: one namespace's
// Deployments, Services, Pods and Ingresses, as plain JSON.
import {CoreV1Api, CustomObjectsApi, type KubeConfig} from '@kubernetes/client-node';
import {kindInfo, type ResourceKind} from '../domain/kinds.js';
import {normalise, type DomainSets} from '../domain/normalise.js';
import {emptyObjectSets} from '../domain/raw.js';
import {describeFailure, type Failure} from '../actions/failure.js';

export type ManualSets = Pick<DomainSets, 'deployments' | 'services' | 'ingresses' | 'pods'>;

export async function readManualSets(kc: KubeConfig, namespace: string): Promise<ManualSets | Failure> {
	const custom = kc.makeApiClient(CustomObjectsApi);
	const core = kc.makeApiClient(CoreV1Api);
	const server = kc.getCurrentCluster()?.server;
	const sets = emptyObjectSets();
	const grouped = async (resource: ResourceKind) => {
		const kind = kindInfo(resource);
		const list = (await custom.listNamespacedCustomObject({group: kind.group, version: kind.version, plural: kind.resource, namespace})) as {items?: unknown[]};
		return (list.items ?? []) as never[];
	};
	const steps: Array<[ResourceKind, () => Promise<void>]> = [
		['deployments', async () => void (sets.deployments = await grouped('deployments'))],
		['ingresses', async () => void (sets.ingresses = await grouped('ingresses'))],
		['services', async () => void (sets.services = (await core.listNamespacedService({namespace})).items as never[])],
		['pods', async () => void (sets.pods = (await core.listNamespacedPod({namespace})).items as never[])],
	];
	for (const [resource, step] of steps) {
		try {
			await step();
		} catch (error) {
			return describeFailure(error, {verb: 'list', resource, namespace, server});
		}
	}
	return normalise(sets);
}
