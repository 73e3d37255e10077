// API paths and object keys for the kinds of the one kinds table
// (domain/kinds.ts). Shared by the cluster and the file source.
import {KINDS, kindInfo, type Kind, type ResourceKind} from '../domain/kinds.js';
import type {KubeObject} from '../domain/raw.js';

export type ResourceType = Kind;

/** Every kind rollouts-tui watches, in the table's order. */
export const resourceTypes: readonly ResourceType[] = KINDS;

export function resourceType(resource: ResourceKind): ResourceType {
	return kindInfo(resource);
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
