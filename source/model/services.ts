// The Services a rollout switches, which revision each one really selects
// (read from the Service's own selector, not from the rollout's status), and
// the Ingress hosts that route to them.

import type {RolloutObject} from '../domain/rollout.js';
import type {IngressObject, ServiceObject} from '../domain/service.js';
import type {ReplicaSetView, ServiceRef} from './view.js';

/** Services and Ingress routes, indexed once per derivation by namespace and name. */
export interface ServiceIndex {
	services: Map<string, ServiceObject>;
	hosts: Map<string, string[]>;
}

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

export function indexServices(services: readonly ServiceObject[], ingresses: readonly IngressObject[]): ServiceIndex {
	const byName = new Map<string, ServiceObject>();
	for (const svc of services) {
		if (svc.meta.name !== '') byName.set(key(svc.meta.namespace, svc.meta.name), svc);
	}
	const hostSets = new Map<string, Set<string>>();
	for (const ing of ingresses) {
		for (const route of ing.routes) {
			const k = key(ing.meta.namespace, route.service);
			let set = hostSets.get(k);
			if (set === undefined) hostSets.set(k, (set = new Set()));
			set.add(route.host);
		}
	}
	const hosts = new Map<string, string[]>();
	for (const [k, set] of hostSets) hosts.set(k, [...set].sort());
	return {services: byName, hosts};
}

/** Service names named in the rollout's strategy (empty strings when not set). */
export function rolloutServiceNames(rollout: RolloutObject): {active: string; preview: string; stable: string; canary: string} {
	return {
		active: rollout.blueGreen?.activeService ?? '',
		preview: rollout.blueGreen?.previewService ?? '',
		stable: rollout.canary?.stableService ?? '',
		canary: rollout.canary?.canaryService ?? '',
	};
}

/**
 * Resolve a Service name to what it selects among the rollout's ReplicaSets.
 * Null when the spec names no Service; `exists:false` when the object is not there.
 */
export function resolveService(
	name: string,
	namespace: string,
	index: ServiceIndex,
	replicaSets: readonly ReplicaSetView[],
): ServiceRef | null {
	if (name === '') return null;
	const k = key(namespace, name);
	const svc = index.services.get(k);
	const hash = svc === undefined ? null : svc.hash;
	let rs: ReplicaSetView | undefined;
	if (hash !== null) {
		for (const r of replicaSets) {
			if (r.hash === hash) {
				rs = r;
				break;
			}
		}
	}
	return {
		name,
		hash,
		exists: svc !== undefined,
		replicaSet: rs?.name ?? null,
		revision: rs?.revision ?? null,
		hosts: index.hosts.get(k) ?? [],
	};
}
