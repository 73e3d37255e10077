// The resource types rollouts-tui watches, their API paths, and how their
// objects map onto ObjectSets. Shared by the cluster and the file source.
import type {KubeObject, ObjectSets} from '../domain/raw.js';
import type {ResourceKind} from './source.js';

export interface ResourceType {
	resource: ResourceKind;
	/** The object's `kind`, e.g. "Rollout". */
	kind: string;
	/** API group; '' for the core group. */
	group: string;
	version: string;
	/** Where this kind lives in ObjectSets. */
	set: keyof ObjectSets;
	/** Defined by a CustomResourceDefinition (so a 404 means "not installed"). */
	crd: boolean;
}

export const resourceTypes: readonly ResourceType[] = [
	{resource: 'rollouts', kind: 'Rollout', group: 'argoproj.io', version: 'v1alpha1', set: 'rollouts', crd: true},
	{resource: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1', set: 'replicaSets', crd: false},
	{resource: 'pods', kind: 'Pod', group: '', version: 'v1', set: 'pods', crd: false},
	{resource: 'services', kind: 'Service', group: '', version: 'v1', set: 'services', crd: false},
	{resource: 'ingresses', kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', set: 'ingresses', crd: false},
	{resource: 'analysisruns', kind: 'AnalysisRun', group: 'argoproj.io', version: 'v1alpha1', set: 'analysisRuns', crd: true},
	{resource: 'experiments', kind: 'Experiment', group: 'argoproj.io', version: 'v1alpha1', set: 'experiments', crd: true},
];

export function resourceType(resource: ResourceKind): ResourceType {
	const type = resourceTypes.find((candidate) => candidate.resource === resource);
	if (!type) {
		throw new Error(`unknown resource ${resource}`);
	}
	return type;
}

/** "pods" or "rollouts.argoproj.io", as kubectl and RBAC name them. */
export function qualifiedName(type: ResourceType): string {
	return type.group ? `${type.resource}.${type.group}` : type.resource;
}

export function apiVersionOf(type: ResourceType): string {
	return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The collection path: namespaced when a namespace is given, cluster-wide otherwise. */
export function collectionPath(type: ResourceType, namespace: string | null): string {
	const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
	return namespace === null
		? `${base}/${type.resource}`
		: `${base}/namespaces/${encodeURIComponent(namespace)}/${type.resource}`;
}

/** Map key for an object: "namespace/name" (or just "name" when cluster-scoped). */
export function objectKey(object: KubeObject): string {
	const name = object.metadata?.name ?? '';
	const namespace = object.metadata?.namespace;
	return namespace ? `${namespace}/${name}` : name;
}

/**
 * managedFields is often the largest part of an object and nothing here
 * reads it, so it is dropped to keep memory lean. Also fills in kind and
 * apiVersion, which list responses leave out of their items.
 */
export function trimObject<T extends KubeObject>(object: T, type?: ResourceType): T {
	const metadata = object.metadata as (T['metadata'] & {managedFields?: unknown}) | undefined;
	let result = object;
	if (metadata && 'managedFields' in metadata) {
		const {managedFields: _dropped, ...rest} = metadata;
		result = {...result, metadata: rest};
	}
	if (type && (!result.kind || !result.apiVersion)) {
		result = {...result, kind: result.kind ?? type.kind, apiVersion: result.apiVersion ?? apiVersionOf(type)};
	}
	return result;
}
