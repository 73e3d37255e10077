import {describe, expect, it} from 'vitest';
import {convertProblem, rolloutManifest} from '../../source/convert-manifest.js';
import {normalise} from '../../source/domain/normalise.js';
import {deployment, service} from './manual-objects.js';

const sets = normalise({deployments: [deployment('blue', 'argoproj/rollouts-demo:blue')], services: [service('blue-service', 'blue'), service('green-service', 'green')]});
const d = sets.deployments[0]!;
const [blue, green] = sets.services as [typeof sets.services[0], typeof sets.services[0]];

describe('convert', () => {
	it('gives a blue-green Rollout with the template inline and manual promotion', () => {
		expect(rolloutManifest(d, {activeService: blue, workloadRef: false})).toEqual({
			apiVersion: 'argoproj.io/v1alpha1',
			kind: 'Rollout',
			metadata: {name: 'blue', namespace: 'shop'},
			spec: {
				replicas: 3,
				selector: {matchLabels: {app: 'demo', color: 'blue'}},
				template: {metadata: {labels: {app: 'demo', color: 'blue'}}, spec: {containers: [{name: 'demo', image: 'argoproj/rollouts-demo:blue'}]}},
				strategy: {blueGreen: {activeService: 'blue-service', autoPromotionEnabled: false}},
			},
		});
	});

	it('refers to the Deployment with --workload-ref', () => {
		const m = rolloutManifest(d, {activeService: blue, previewService: green, workloadRef: true, name: 'r'}) as {spec: Record<string, unknown>};
		expect(m.spec['template']).toBeUndefined();
		expect(m.spec['workloadRef']).toEqual({apiVersion: 'apps/v1', kind: 'Deployment', name: 'blue'});
	});

	it('refuses a Service that does not select the pods', () => {
		expect(convertProblem(d, {activeService: blue, workloadRef: false})).toBeNull();
		expect(convertProblem(d, {activeService: blue, previewService: green, workloadRef: false})).toBe(
			"Service green-service selects app=demo,color=green, which the pods of blue do not carry: the Rollout's pods would get no traffic from it",
		);
	});
});
