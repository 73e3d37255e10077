// The Services a rollout switches, which revision each one really selects
// (read from the Service's own selector, not from the rollout's status), and
// the Ingress hosts that route to them.

import type {Ingress, Rollout, Service} from './objects.js';
import {POD_TEMPLATE_HASH} from './replicaset.js';
import {dict, dicts, isDict, metadataOf, str, strEntry} from './safe.js';
import type {ReplicaSetView, ServiceRef} from './view.js';

/** Services and Ingress routes, indexed once per derivation by namespace and name. */
export interface ServiceIndex {
	services: Map<string, Service>;
	hosts: Map<string, string[]>;
}

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

export function indexServices(services: readonly unknown[], ingresses: readonly unknown[]): ServiceIndex {
	const byName = new Map<string, Service>();
	for (const svc of services) {
		if (!isDict(svc)) continue;
		const m = metadataOf(svc);
		const name = str(m['name']);
		if (name !== '') byName.set(key(str(m['namespace']), name), svc as Service);
	}
	const hostSets = new Map<string, Set<string>>();
	const add = (k: string, host: string): void => {
		let set = hostSets.get(k);
		if (set === undefined) hostSets.set(k, (set = new Set()));
		set.add(host);
	};
	for (const ing of ingresses) {
		if (!isDict(ing)) continue;
		const namespace = str(metadataOf(ing)['namespace']);
		const spec = dict((ing as Ingress).spec);
		for (const rule of dicts(spec['rules'])) {
			// A rule without a host matches every host.
			const host = str(rule['host']) || '*';
			for (const path of dicts(dict(rule['http'])['paths'])) {
				const svc = str(dict(dict(dict(path)['backend'])['service'])['name']);
				if (svc !== '') add(key(namespace, svc), host);
			}
		}
		const fallback = str(dict(dict(spec['defaultBackend'])['service'])['name']);
		if (fallback !== '') add(key(namespace, fallback), '*');
	}
	const hosts = new Map<string, string[]>();
	for (const [k, set] of hostSets) hosts.set(k, [...set].sort());
	return {services: byName, hosts};
}

/** Service names named in the rollout's strategy (empty strings when not set). */
export function rolloutServiceNames(rollout: Rollout | unknown): {active: string; preview: string; stable: string; canary: string} {
	const strategy = dict(dict(dict(rollout)['spec'])['strategy']);
	const bg = dict(strategy['blueGreen']);
	const canary = dict(strategy['canary']);
	return {
		active: str(bg['activeService']),
		preview: str(bg['previewService']),
		stable: str(canary['stableService']),
		canary: str(canary['canaryService']),
	};
}

/** The rollouts-pod-template-hash a Service's selector holds, or null. */
export function serviceHash(svc: Service | unknown): string | null {
	const hash = strEntry(dict(dict(svc)['spec'])['selector'], POD_TEMPLATE_HASH);
	return hash === undefined || hash === '' ? null : hash;
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
	const hash = svc === undefined ? null : serviceHash(svc);
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
