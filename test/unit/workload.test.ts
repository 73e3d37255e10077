import {describe, expect, it} from 'vitest';
import {deploymentOf} from '../../source/domain/deployment.js';
import {kindInfo} from '../../source/domain/kinds.js';
import {describeWatches} from '../../source/kube/watch-status.js';
import {deriveRollouts} from '../../source/model/derive.js';
import {canary, objects} from './builders.js';

const deployment = {
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name: 'web', namespace: 'default', uid: 'd-uid', annotations: {'deployment.kubernetes.io/revision': '4'}},
	spec: {replicas: 0, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'web:2'}]}}},
	status: {observedGeneration: 3},
};

describe('Deployments', () => {
	it('the constructor reads template, images, size and revision, and survives garbage', () => {
		expect(deploymentOf(deployment)).toMatchObject({replicas: 0, paused: false, matchLabels: {app: 'web'}, images: ['web:2'], revision: 4, observedGeneration: 3});
		expect(deploymentOf(null)).toMatchObject({replicas: null, template: null, images: [], revision: null});
	});

	it('a workloadRef rollout shows the referenced Deployment and its images', () => {
		const ro = canary({spec: {workloadRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'}}});
		expect(deriveRollouts(objects({rollouts: [ro], deployments: [deployment]}), 0)[0]!.workloadRef).toEqual({kind: 'Deployment', name: 'web', found: true, images: ['web:2']});
		expect(deriveRollouts(objects({rollouts: [ro]}), 0)[0]!.workloadRef).toMatchObject({found: false});
		const other = canary({spec: {workloadRef: {kind: 'PodTemplate', name: 'web'}}});
		expect(deriveRollouts(objects({rollouts: [other]}), 0)[0]!.workloadRef).toMatchObject({found: null});
		expect(deriveRollouts(objects({rollouts: [canary()]}), 0)[0]!.workloadRef).toBeNull();
	});

	it('are read where readable: a denial is not a degraded connection', () => {
		expect(kindInfo('deployments')).toMatchObject({group: 'apps', optional: true});
		const live = {state: 'live' as const, attempt: 0, nextRetryAt: null, reason: null};
		const watches = [{resource: 'rollouts' as const, ...live}, {resource: 'deployments' as const, ...live, state: 'unavailable' as const, reason: 'forbidden'}];
		expect(describeWatches(watches, 0)).toEqual({summary: 'live', severity: 'ok'});
	});
});
