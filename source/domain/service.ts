// Services (their selector, ports and which pod-template hash they select) and Ingress routes.
import {templateHashOf} from './facts.js';
import {metaOf, type Meta} from './meta.js';
import {dict, dicts, int, str, strMap} from './read.js';

export interface ServicePort {
	name: string;
	port: number;
}

export interface ServiceObject {
	meta: Meta;
	/** The rollouts-pod-template-hash in spec.selector, or null. */
	hash: string | null;
	/** spec.selector; empty selects no pods (a Service without selector has hand-made endpoints). */
	selector: Record<string, string>;
	ports: ServicePort[];
}

export function serviceOf(raw: unknown): ServiceObject {
	const spec = dict(dict(raw)['spec']);
	const selector = dict(spec['selector']);
	const hash = templateHashOf(selector);
	const ports = dicts(spec['ports']).map((p) => ({name: str(p['name']), port: int(p['port']) ?? 0}));
	return {meta: metaOf(raw), hash: hash === '' ? null : hash, selector: strMap(selector), ports};
}

/** An Ingress backend's Service port: by number, or by the Service port's name. */
export interface BackendPort {
	number: number | null;
	name: string;
}

export interface IngressRoute {
	/** '*' = any host (a rule without host, or the default backend). */
	host: string;
	/** The path as written; '' for a rule path without one and for the default backend. */
	path: string;
	service: string;
	port: BackendPort;
	/**
	 * Where the backend is in the object, for a JSON patch: rule and path
	 * index, or rule -1 for spec.defaultBackend.
	 */
	rule: number;
	index: number;
}

export interface IngressObject {
	meta: Meta;
	/** Every backend a rule path or the default backend routes to a Service. */
	routes: IngressRoute[];
}

export function ingressOf(raw: unknown): IngressObject {
	const spec = dict(dict(raw)['spec']);
	const routes: IngressRoute[] = [];
	dicts(spec['rules']).forEach((rule, r) => {
		// A rule without a host matches every host.
		const host = str(rule['host']) || '*';
		dicts(dict(rule['http'])['paths']).forEach((path, i) => {
			const backend = backendOf(path['backend']);
			if (backend) routes.push({host, path: str(path['path']), ...backend, rule: r, index: i});
		});
	});
	const fallback = backendOf(spec['defaultBackend']);
	if (fallback) routes.push({host: '*', path: '', ...fallback, rule: -1, index: 0});
	return {meta: metaOf(raw), routes};
}

function backendOf(backend: unknown): {service: string; port: BackendPort} | null {
	const service = dict(dict(backend)['service']);
	const name = str(service['name']);
	if (name === '') return null;
	const port = dict(service['port']);
	return {service: name, port: {number: int(port['number']) ?? null, name: str(port['name'])}};
}
