import {describe, expect, it} from 'vitest';
import {trafficRoutingOf, trafficWeightsOf} from '../../source/domain/traffic.js';
import {deriveRollouts} from '../../source/model/derive.js';
import {canary, objects, replicaSet} from './builders.js';

describe('traffic routers', () => {
	it.each([
		[{nginx: {stableIngress: 'web'}}, [{type: 'nginx', name: 'web'}]],
		[{nginx: {stableIngresses: ['a', 'b']}}, [{type: 'nginx', name: 'a, b'}]],
		[{istio: {virtualService: {name: 'vs'}}}, [{type: 'istio', name: 'vs'}]],
		[{istio: {virtualServices: [{name: 'v1'}, {name: 'v2'}]}}, [{type: 'istio', name: 'v1, v2'}]],
		[{alb: {ingress: 'ing'}}, [{type: 'alb', name: 'ing'}]],
		[{smi: {trafficSplitName: 'ts'}}, [{type: 'smi', name: 'ts'}]],
		[{ambassador: {mappings: ['m1', 'm2']}}, [{type: 'ambassador', name: 'm1, m2'}]],
		[{appMesh: {virtualService: {name: 'mesh'}}}, [{type: 'appMesh', name: 'mesh'}]],
		[{traefik: {weightedTraefikServiceName: 'tw'}}, [{type: 'traefik', name: 'tw'}]],
		[{apisix: {route: {name: 'r'}}}, [{type: 'apisix', name: 'r'}]],
		[{plugins: {'argoproj-labs/gatewayAPI': {httpRoute: 'x'}}}, [{type: 'plugin:argoproj-labs/gatewayAPI', name: ''}]],
		[{smi: {}, nginx: {stableIngress: 'n'}}, [{type: 'nginx', name: 'n'}, {type: 'smi', name: ''}]],
	])('%j', (raw, routers) => {
		expect(trafficRoutingOf(raw)?.routers).toEqual(routers);
	});

	it('no trafficRouting, no routers; weights default what is missing', () => {
		expect(trafficRoutingOf(undefined)).toBeNull();
		expect(trafficWeightsOf({canary: {weight: 20, serviceName: 'c', podTemplateHash: 'bbb'}, additional: [{weight: 5}]})).toEqual({
			canary: {weight: 20, serviceName: 'c', podTemplateHash: 'bbb'},
			stable: {weight: 0, serviceName: '', podTemplateHash: ''},
			additional: [{weight: 5, serviceName: '', podTemplateHash: ''}],
			verified: null,
		});
	});

	it('the view joins the routers, the weights and the Services the rollout names', () => {
		const raw = canary({
			spec: {strategy: {canary: {canaryService: 'can-canary', stableService: 'can-stable', trafficRouting: {maxTrafficWeight: 1000, nginx: {stableIngress: 'can'}}}}},
			status: {currentStepIndex: 0, currentPodHash: 'bbb', canary: {weights: {canary: {weight: 200, serviceName: 'can-canary', podTemplateHash: 'bbb'}, stable: {weight: 800, serviceName: 'can-stable', podTemplateHash: 'aaa'}}}},
		});
		const svc = (name: string, hash: string) => ({metadata: {name, namespace: 'default'}, spec: {selector: {'rollouts-pod-template-hash': hash}}});
		const [view] = deriveRollouts(objects({rollouts: [raw], replicaSets: [replicaSet('can-aaa', 'aaa', 1), replicaSet('can-bbb', 'bbb', 2)], services: [svc('can-canary', 'bbb'), svc('can-stable', 'aaa')]}), 0);
		const t = view!.trafficRouting!;
		expect([t.type, t.maxTrafficWeight, t.canaryService?.hash, t.canaryService?.revision, t.stableService?.revision, t.weights?.canary.weight]).toEqual(['nginx', 1000, 'bbb', 2, 1, 200]);
		expect(view!.actualWeight).toBe(200);
		expect(deriveRollouts(objects({rollouts: [canary()]}), 0)[0]!.trafficRouting).toBeNull();
	});
});
