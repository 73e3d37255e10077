// A traffic-routed canary: the routers it drives, the weights the controller
// last set, and which hash the canary and stable Services select.
import type {RolloutObject} from '../domain/rollout.js';
import type {ServiceRef, TrafficRoutingView} from './view.js';

/** Null for blue-green and for a canary without trafficRouting. */
export function trafficRoutingView(ro: RolloutObject, services: {stable?: ServiceRef | null; canary?: ServiceRef | null}): TrafficRoutingView | null {
	const routing = ro.canary?.trafficRouting ?? null;
	if (routing === null) return null;
	return {
		type: routing.routers[0]?.type ?? '',
		routers: routing.routers,
		maxTrafficWeight: routing.maxTrafficWeight ?? 100,
		canaryService: services.canary ?? null,
		stableService: services.stable ?? null,
		weights: ro.status.weights,
	};
}
