// A traffic-routed canary in flight, built relative to the current time: at
// its timed pause (step 4 of 5), with a failed step analysis of the current
// revision (a web metric with a measured value and a failure message), a
// successful background run, and two Services. For the panel tests.
import {emptyObjectSets, type ObjectSets} from '../../source/domain/raw.js';
import {pod, replicaSet} from '../unit/builders.js';

const UID = 'ro-uid-1';

export function canaryInFlight(now = Date.now()): ObjectSets {
	const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
	const rollout = {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Rollout',
		metadata: {name: 'web', namespace: 'default', uid: UID, generation: 1, creationTimestamp: iso(3_600_000)},
		spec: {
			replicas: 4,
			strategy: {
				canary: {
					canaryService: 'web-canary',
					stableService: 'web-stable',
					trafficRouting: {nginx: {stableIngress: 'web'}},
					analysis: {templates: [{templateName: 'background-check'}]},
					steps: [{setWeight: 20}, {pause: {}}, {analysis: {templates: [{templateName: 'http-ok'}]}}, {setWeight: 60}, {pause: {duration: '5m'}}, {setWeight: 100}],
				},
			},
		},
		status: {
			observedGeneration: '1',
			phase: 'Paused',
			message: 'CanaryPauseStep',
			replicas: 4,
			updatedReplicas: 2,
			readyReplicas: 4,
			availableReplicas: 4,
			currentPodHash: 'bbb',
			stableRS: 'aaa',
			currentStepIndex: 4,
			controllerPause: true,
			pauseConditions: [{reason: 'CanaryPauseStep', startTime: iso(10_000)}],
			canary: {
				weights: {canary: {weight: 60, serviceName: 'web-canary', podTemplateHash: 'bbb'}, stable: {weight: 40, serviceName: 'web-stable', podTemplateHash: 'aaa'}},
				currentBackgroundAnalysisRunStatus: {name: 'web-bbb-2', status: 'Running'},
			},
		},
	};
	const owner = [{kind: 'Rollout', uid: UID, controller: true}];
	const run = (name: string, type: string, phase: string, metric: object, result: object, over: object = {}) => ({
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'AnalysisRun',
		metadata: {name, namespace: 'default', uid: `${name}-uid`, creationTimestamp: iso(60_000), labels: {'rollout-type': type} as Record<string, string>, annotations: {'rollout.argoproj.io/revision': '2'}, ownerReferences: owner},
		spec: {metrics: [metric]},
		status: {phase, metricResults: [result]},
		...over,
	});
	const web = {name: 'http-ok', interval: '5s', count: 2, failureLimit: 0, successCondition: 'result.ok == true', provider: {web: {url: 'http://127.0.0.1:1/ok', jsonPath: '{$}'}}};
	const failed = run('web-bbb-2-2', 'Step', 'Failed', web, {
		name: 'http-ok',
		phase: 'Failed',
		count: 1,
		failed: 1,
		measurements: [{phase: 'Failed', value: '{"ok":false,"latency":950}', startedAt: iso(40_000), finishedAt: iso(40_000)}],
	});
	failed.metadata = {...failed.metadata, labels: {'rollout-type': 'Step', 'step-index': '2'}};
	(failed.status as Record<string, unknown>)['message'] = 'Metric "http-ok" assessed Failed due to failed (1) > failureLimit (0)';
	const background = run('web-bbb-2', 'Background', 'Running', {...web, name: 'bg'}, {
		name: 'bg',
		phase: 'Running',
		count: 1,
		successful: 1,
		measurements: [{phase: 'Successful', value: '{"ok":true}', startedAt: iso(20_000), finishedAt: iso(20_000)}],
	});
	const svc = (name: string, hash: string) => ({apiVersion: 'v1', kind: 'Service', metadata: {name, namespace: 'default'}, spec: {selector: {app: 'web', 'rollouts-pod-template-hash': hash}}});
	const stable = replicaSet('web-aaa', 'aaa', 1, {spec: {replicas: 2}});
	const canaryRs = replicaSet('web-bbb', 'bbb', 2, {spec: {replicas: 2}});
	return {
		...emptyObjectSets(),
		rollouts: [rollout],
		replicaSets: [stable, canaryRs],
		pods: [pod('web-aaa-1', 'web-aaa-uid'), pod('web-aaa-2', 'web-aaa-uid'), pod('web-bbb-1', 'web-bbb-uid'), pod('web-bbb-2', 'web-bbb-uid')],
		services: [svc('web-canary', 'bbb'), svc('web-stable', 'aaa')],
		analysisRuns: [failed, background],
	} as ObjectSets;
}
