// A canary's traffic routing: which routers it names (spec) and the weights
// the controller last set on them (status.canary.weights).
import {bool, dict, dicts, int, isDict, isSet, list, str, type Dict} from './read.js';

/** One traffic router of spec.strategy.canary.trafficRouting and the object it steers. */
export interface TrafficRouter {
	/** nginx, istio, alb, smi, ambassador, appMesh, traefik, apisix, or plugin:<name>. */
	type: string;
	/** The Ingress, VirtualService, TrafficSplit, Mapping... it edits ('' when the spec names none). */
	name: string;
}

export interface TrafficRoutingSpec {
	routers: TrafficRouter[];
	/** trafficRouting.maxTrafficWeight, when set. */
	maxTrafficWeight: number | null;
}

/** One destination's weight as the controller last wrote it. */
export interface DestinationWeight {
	weight: number;
	serviceName: string;
	podTemplateHash: string;
}

export interface TrafficWeights {
	canary: DestinationWeight;
	stable: DestinationWeight;
	additional: DestinationWeight[];
	/** Whether the weights were verified against the router (ALB); null when not reported. */
	verified: boolean | null;
}

const nameOf = (x: unknown): string => str(dict(x)['name']);
const joined = (...parts: string[]): string => parts.filter((p) => p !== '').join(', ');

/** The built-in routers in the controller's order, each with the names it edits. */
const ROUTERS: ReadonlyArray<[type: string, names: (r: Dict) => string]> = [
	['nginx', (r) => joined(str(r['stableIngress']), ...list(r['stableIngresses']).map(str))],
	['istio', (r) => joined(nameOf(r['virtualService']), ...dicts(r['virtualServices']).map(nameOf))],
	['alb', (r) => joined(str(r['ingress']), ...list(r['ingresses']).map(str))],
	['smi', (r) => str(r['trafficSplitName'])],
	['ambassador', (r) => joined(...list(r['mappings']).map(str))],
	['appMesh', (r) => nameOf(r['virtualService'])],
	['traefik', (r) => str(r['weightedTraefikServiceName'])],
	['apisix', (r) => nameOf(r['route'])],
];

export function trafficRoutingOf(raw: unknown): TrafficRoutingSpec | null {
	if (!isSet(raw)) return null;
	const routing = dict(raw);
	const routers: TrafficRouter[] = [];
	for (const [type, names] of ROUTERS) {
		if (isSet(routing[type])) routers.push({type, name: names(dict(routing[type]))});
	}
	for (const plugin of Object.keys(dict(routing['plugins']))) routers.push({type: `plugin:${plugin}`, name: ''});
	return {routers, maxTrafficWeight: int(routing['maxTrafficWeight']) ?? null};
}

const destination = (x: unknown): DestinationWeight => {
	const d = dict(x);
	return {weight: int(d['weight']) ?? 0, serviceName: str(d['serviceName']), podTemplateHash: str(d['podTemplateHash'])};
};

export function trafficWeightsOf(raw: unknown): TrafficWeights | null {
	if (!isDict(raw)) return null;
	return {
		canary: destination(raw['canary']),
		stable: destination(raw['stable']),
		additional: dicts(raw['additional']).map(destination),
		verified: isSet(raw['verified']) ? bool(raw['verified']) : null,
	};
}
