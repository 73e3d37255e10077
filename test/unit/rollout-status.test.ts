import {describe, expect, it} from 'vitest';
import {toRollout} from '../../source/domain/normalise.js';
import {rolloutStatus as rolloutStatusOf} from '../../source/model/rollout-status.js';

// The model reads rollouts through the domain, as deriveRollouts does.
const rolloutStatus = (raw: unknown) => rolloutStatusOf(toRollout(raw));
const rolloutStrategy = (raw: unknown) => toRollout(raw).strategy;
import {blueGreen, canary, merge} from './builders.js';

describe('rolloutStatus: rules before status.phase', () => {
	it('1. observedGeneration behind metadata.generation -> waiting for the spec update', () => {
		const ro = blueGreen({metadata: {generation: 3}, status: {observedGeneration: '2', phase: 'Healthy'}});
		expect(rolloutStatus(ro)).toEqual({status: 'Progressing', message: 'waiting for rollout spec update to be observed'});
	});

	it('1. a non-numeric or newer observedGeneration counts as observed', () => {
		expect(rolloutStatus(blueGreen({metadata: {generation: 3}, status: {observedGeneration: '7d6c9f5b4', phase: 'Healthy'}}))).toEqual({
			status: 'Healthy',
			message: '',
		});
		expect(rolloutStatus(blueGreen({metadata: {generation: 3}, status: {observedGeneration: '4', phase: 'Healthy'}}))).toEqual({
			status: 'Healthy',
			message: '',
		});
	});

	it('2. controllerPause with no pause conditions -> waiting to unpause', () => {
		const ro = blueGreen({status: {controllerPause: true, pauseConditions: [], phase: 'Paused', message: 'BlueGreenPause'}});
		expect(rolloutStatus(ro)).toEqual({status: 'Progressing', message: 'waiting for rollout to unpause'});
	});

	it('2. controllerPause with pause conditions passes on', () => {
		const ro = blueGreen({
			status: {controllerPause: true, pauseConditions: [{reason: 'BlueGreenPause'}], phase: 'Paused', message: 'BlueGreenPause'},
		});
		expect(rolloutStatus(ro)).toEqual({status: 'Paused', message: 'BlueGreenPause'});
	});

	it('3. workloadRef generation not observed -> waiting for the reference workload', () => {
		const ro = blueGreen({
			metadata: {annotations: {'rollout.argoproj.io/workload-generation': '5'}},
			spec: {templateResolvedFromRef: true},
			status: {workloadObservedGeneration: '4', phase: 'Healthy'},
		});
		expect(rolloutStatus(ro)).toEqual({
			status: 'Progressing',
			message: 'waiting for rollout spec update to be observed for the reference workload',
		});
	});

	it('3. workloadRef generation observed (or not resolved from ref) passes on', () => {
		const annotations = {'rollout.argoproj.io/workload-generation': '5'};
		expect(
			rolloutStatus(blueGreen({metadata: {annotations}, spec: {templateResolvedFromRef: true}, status: {workloadObservedGeneration: '5', phase: 'Healthy'}}))
				.status,
		).toBe('Healthy');
		expect(
			rolloutStatus(blueGreen({metadata: {annotations}, spec: {templateResolvedFromRef: false}, status: {workloadObservedGeneration: '4', phase: 'Healthy'}}))
				.status,
		).toBe('Healthy');
	});

	it('4. a non-empty status.phase is returned unchanged with status.message', () => {
		const ro = canary({status: {phase: 'Degraded', message: 'RolloutAborted: metric "error-rate" assessed Failed'}});
		expect(rolloutStatus(ro)).toEqual({status: 'Degraded', message: 'RolloutAborted: metric "error-rate" assessed Failed'});
	});
});

// CalculateRolloutPhase: status.phase is empty (controllers before v1.0).
describe.each([
	['blue-green', blueGreen],
	['canary', canary],
])('rolloutStatus computed client-side (%s)', (_, make) => {
	it('5.1 InvalidSpec condition -> Degraded', () => {
		const ro = make({status: {conditions: [{type: 'InvalidSpec', status: 'True', reason: 'InvalidSpec', message: 'bad selector'}]}});
		expect(rolloutStatus(ro)).toEqual({status: 'Degraded', message: 'InvalidSpec: bad selector'});
	});

	it('5.2 RolloutAborted reason -> Degraded', () => {
		const ro = make({status: {conditions: [{type: 'Progressing', status: 'False', reason: 'RolloutAborted', message: 'Rollout aborted update to revision 2'}]}});
		expect(rolloutStatus(ro)).toEqual({status: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 2'});
	});

	it('5.2 ProgressDeadlineExceeded reason -> Degraded', () => {
		const ro = make({
			status: {conditions: [{type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "x" has timed out progressing.'}]},
		});
		expect(rolloutStatus(ro)).toEqual({status: 'Degraded', message: 'ProgressDeadlineExceeded: ReplicaSet "x" has timed out progressing.'});
	});

	it('5.1/5.2 conditions are scanned in order: the first degrading one wins', () => {
		const ro = make({
			status: {
				conditions: [
					{type: 'Progressing', reason: 'ProgressDeadlineExceeded', message: 'timed out'},
					{type: 'InvalidSpec', message: 'bad'},
				],
			},
		});
		expect(rolloutStatus(ro)).toEqual({status: 'Degraded', message: 'ProgressDeadlineExceeded: timed out'});
	});

	it('5.3 spec.paused -> Paused, manually paused (even with pause conditions)', () => {
		const ro = make({spec: {paused: true}, status: {pauseConditions: [{reason: 'CanaryPauseStep'}]}});
		expect(rolloutStatus(ro)).toEqual({status: 'Paused', message: 'manually paused'});
	});

	it('5.4 pause conditions -> Paused with the first reason', () => {
		const ro = make({status: {pauseConditions: [{reason: 'InconclusiveAnalysisRun'}, {reason: 'BlueGreenPause'}]}});
		expect(rolloutStatus(ro)).toEqual({status: 'Paused', message: 'InconclusiveAnalysisRun'});
	});

	it('5.5 restartAt not yet reached by restartedAt -> restarting', () => {
		expect(rolloutStatus(make({spec: {restartAt: '2026-11-09T15:00:00Z'}}))).toEqual({
			status: 'Progressing',
			message: 'rollout is restarting',
		});
		expect(rolloutStatus(make({spec: {restartAt: '2026-11-09T15:00:00Z'}, status: {restartedAt: '2026-11-01T00:00:00Z'}})).message).toBe(
			'rollout is restarting',
		);
		// Same instant written differently still counts as done.
		expect(rolloutStatus(make({spec: {restartAt: '2026-11-09T15:00:00Z'}, status: {restartedAt: '2026-11-09T15:00:00.000Z'}}))).toEqual({
			status: 'Healthy',
			message: '',
		});
	});

	it('5.6 fewer updated replicas than desired -> more replicas need to be updated', () => {
		expect(rolloutStatus(make({status: {updatedReplicas: 2}}))).toEqual({status: 'Progressing', message: 'more replicas need to be updated'});
	});

	it('5.6 spec.replicas defaults to 1', () => {
		const ro = make({spec: {replicas: undefined}, status: {replicas: 0, updatedReplicas: 0, availableReplicas: 0}});
		expect(rolloutStatus(ro).message).toBe('more replicas need to be updated');
	});

	it('5.7 fewer available than updated -> still becoming available', () => {
		expect(rolloutStatus(make({status: {availableReplicas: 2}}))).toEqual({
			status: 'Progressing',
			message: 'updated replicas are still becoming available',
		});
	});

	it('5.10 otherwise Healthy with an empty message', () => {
		expect(rolloutStatus(make())).toEqual({status: 'Healthy', message: ''});
	});
});

describe('rolloutStatus computed client-side: blue-green rule 5.8', () => {
	it('no active selector -> active service cutover pending', () => {
		expect(rolloutStatus(blueGreen({status: {blueGreen: {activeSelector: undefined}}}))).toEqual({
			status: 'Progressing',
			message: 'active service cutover pending',
		});
	});

	it('active selector on another hash -> active service cutover pending', () => {
		expect(rolloutStatus(blueGreen({status: {currentPodHash: 'bbb', blueGreen: {activeSelector: 'aaa'}}})).message).toBe(
			'active service cutover pending',
		);
	});

	it('switched but not stable -> waiting for post-promotion verification', () => {
		const ro = blueGreen({status: {currentPodHash: 'bbb', stableRS: 'aaa', blueGreen: {activeSelector: 'bbb'}}});
		expect(rolloutStatus(ro)).toEqual({status: 'Progressing', message: 'waiting for post-promotion verification to complete'});
		expect(rolloutStatus(blueGreen({status: {currentPodHash: 'bbb', stableRS: undefined, blueGreen: {activeSelector: 'bbb'}}})).message).toBe(
			'waiting for post-promotion verification to complete',
		);
	});

	it('switched, post-promotion analysis configured and not completed -> waiting for analysis', () => {
		const base = {
			spec: {strategy: {blueGreen: {postPromotionAnalysis: {templates: [{templateName: 'smoke'}]}}}},
			status: {currentPodHash: 'bbb', stableRS: 'aaa', blueGreen: {activeSelector: 'bbb'}},
		};
		expect(rolloutStatus(blueGreen(base))).toEqual({status: 'Progressing', message: 'waiting for analysis to complete'});
		expect(
			rolloutStatus(blueGreen(merge(base, {status: {blueGreen: {postPromotionAnalysisRunStatus: {name: 'r', status: 'Running'}}}}))).message,
		).toBe('waiting for analysis to complete');
		expect(
			rolloutStatus(blueGreen(merge(base, {status: {blueGreen: {postPromotionAnalysisRunStatus: {name: 'r', status: 'Successful'}}}}))).message,
		).toBe('waiting for post-promotion verification to complete');
	});
});

describe('rolloutStatus computed client-side: canary rule 5.9', () => {
	it('basic canary with old replicas -> old replicas are pending termination', () => {
		expect(rolloutStatus(canary({status: {replicas: 4}}))).toEqual({status: 'Progressing', message: 'old replicas are pending termination'});
	});

	it('traffic-routed canary keeps old replicas without waiting on them', () => {
		const ro = canary({spec: {strategy: {canary: {trafficRouting: {nginx: {stableIngress: 'x'}}}}}, status: {replicas: 4}});
		expect(rolloutStatus(ro)).toEqual({status: 'Healthy', message: ''});
	});

	it('stable is not the current hash -> waiting for all steps to complete', () => {
		expect(rolloutStatus(canary({status: {currentPodHash: 'bbb'}}))).toEqual({status: 'Progressing', message: 'waiting for all steps to complete'});
		expect(rolloutStatus(canary({status: {stableRS: undefined}})).message).toBe('waiting for all steps to complete');
	});
});

describe('rolloutStrategy', () => {
	it('names the strategy', () => {
		expect(rolloutStrategy(blueGreen())).toBe('BlueGreen');
		expect(rolloutStrategy(canary())).toBe('Canary');
		expect(rolloutStrategy({spec: {strategy: {}}})).toBe('Canary');
		expect(rolloutStrategy(null)).toBe('Canary');
	});
});
