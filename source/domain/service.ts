// Services (which pod-template hash their selector holds) and Ingress routes.
import {templateHashOf} from './facts.js';
import {metaOf, type Meta} from './meta.js';
import {dict, dicts, str} from './read.js';

export interface ServiceObject {
	meta: Meta;
	/** The rollouts-pod-template-hash in spec.selector, or null. */
	hash: string | null;
}

export function serviceOf(raw: unknown): ServiceObject {
	const hash = templateHashOf(dict(dict(dict(raw)['spec'])['selector']));
	return {meta: metaOf(raw), hash: hash === '' ? null : hash};
}

export interface IngressObject {
	meta: Meta;
	/** Every (host, Service) a rule or the default backend routes; '*' = any host. */
	routes: Array<{host: string; service: string}>;
}

export function ingressOf(raw: unknown): IngressObject {
	const spec = dict(dict(raw)['spec']);
	const routes: IngressObject['routes'] = [];
	for (const rule of dicts(spec['rules'])) {
		// A rule without a host matches every host.
		const host = str(rule['host']) || '*';
		for (const path of dicts(dict(rule['http'])['paths'])) {
			const service = backendService(path['backend']);
			if (service !== '') routes.push({host, service});
		}
	}
	const fallback = backendService(spec['defaultBackend']);
	if (fallback !== '') routes.push({host: '*', service: fallback});
	return {meta: metaOf(raw), routes};
}

const backendService = (backend: unknown): string => str(dict(dict(backend)['service'])['name']);
