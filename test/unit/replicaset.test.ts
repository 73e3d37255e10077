import {describe, expect, it} from 'vitest';
import {toPod, toReplicaSet, toRollout} from '../../source/domain/normalise.js';
import {
	replicaSetHealth as replicaSetHealthOf,
	replicaSetTags as replicaSetTagsOf,
	replicaSetView as replicaSetViewOf,
	scaleDownDelay,
} from '../../source/model/replicaset.js';
import {NOW, blueGreen, canary, pod, replicaSet} from './builders.js';

// The model reads objects through the domain, as deriveRollouts does.
const replicaSetHealth = (raw: unknown) => replicaSetHealthOf(toReplicaSet(raw));
const replicaSetTags = (hash: string, rollout: unknown) => replicaSetTagsOf(hash, toRollout(rollout));
const replicaSetView = (rs: unknown, rollout: unknown, pods: unknown[], now: number) =>
	replicaSetViewOf(toReplicaSet(rs), toRollout(rollout), pods.map(toPod), now);

describe('replicaSetTags: blue-green', () => {
	const ro = blueGreen({status: {stableRS: 'aaa', currentPodHash: 'bbb', blueGreen: {activeSelector: 'aaa', previewSelector: 'bbb'}}});

	it('stable and active on the stable ReplicaSet the active Service selects', () => {
		expect(replicaSetTags('aaa', ro)).toEqual(['stable', 'active']);
	});

	it('preview on the ReplicaSet the preview Service selects', () => {
		expect(replicaSetTags('bbb', ro)).toEqual(['preview']);
	});

	it('a ReplicaSet that is both active and preview shows only active', () => {
		const done = blueGreen({status: {stableRS: 'bbb', currentPodHash: 'bbb', blueGreen: {activeSelector: 'bbb', previewSelector: 'bbb'}}});
		expect(replicaSetTags('bbb', done)).toEqual(['stable', 'active']);
	});

	it('active but not yet stable (after promotion, before stable)', () => {
		const promoted = blueGreen({status: {stableRS: 'aaa', currentPodHash: 'bbb', blueGreen: {activeSelector: 'bbb', previewSelector: 'bbb'}}});
		expect(replicaSetTags('bbb', promoted)).toEqual(['active']);
		expect(replicaSetTags('aaa', promoted)).toEqual(['stable']);
	});

	it('no tags for other hashes, or an empty hash', () => {
		expect(replicaSetTags('ccc', ro)).toEqual([]);
		expect(replicaSetTags('', blueGreen({status: {stableRS: '', blueGreen: {activeSelector: ''}}}))).toEqual([]);
	});
});

describe('replicaSetTags: canary', () => {
	const ro = canary({status: {stableRS: 'aaa', currentPodHash: 'bbb'}});

	it('stable on the stable hash, canary on the current one', () => {
		expect(replicaSetTags('aaa', ro)).toEqual(['stable']);
		expect(replicaSetTags('bbb', ro)).toEqual(['canary']);
		expect(replicaSetTags('ccc', ro)).toEqual([]);
	});

	it('a fully promoted ReplicaSet is only stable', () => {
		expect(replicaSetTags('aaa', canary())).toEqual(['stable']);
	});

	it('ping-pong: stable gets ping when stablePingPong is ping, canary gets pong', () => {
		const pp = canary({
			spec: {strategy: {canary: {pingPong: {pingService: 'ping', pongService: 'pong'}}}},
			status: {stableRS: 'aaa', currentPodHash: 'bbb', canary: {stablePingPong: 'ping'}},
		});
		expect(replicaSetTags('aaa', pp)).toEqual(['stable', 'ping']);
		expect(replicaSetTags('bbb', pp)).toEqual(['canary', 'pong']);
	});

	it('ping-pong: stable gets pong otherwise, canary gets ping', () => {
		const pp = canary({
			spec: {strategy: {canary: {pingPong: {pingService: 'ping', pongService: 'pong'}}}},
			status: {stableRS: 'aaa', currentPodHash: 'bbb', canary: {stablePingPong: 'pong'}},
		});
		expect(replicaSetTags('aaa', pp)).toEqual(['stable', 'pong']);
		expect(replicaSetTags('bbb', pp)).toEqual(['canary', 'ping']);
	});
});

describe('replicaSetHealth', () => {
	it('Healthy when every desired replica is available', () => {
		expect(replicaSetHealth(replicaSet('rs', 'aaa', 1))).toBe('Healthy');
	});

	it('Progressing when the controller has not observed the generation', () => {
		expect(replicaSetHealth(replicaSet('rs', 'aaa', 1, {metadata: {generation: 2}, status: {observedGeneration: 1}}))).toBe('Progressing');
	});

	it('ReplicaFailure when that condition is True', () => {
		const rs = replicaSet('rs', 'aaa', 1, {status: {availableReplicas: 1, conditions: [{type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate'}]}});
		expect(replicaSetHealth(rs)).toBe('ReplicaFailure');
		const cleared = replicaSet('rs', 'aaa', 1, {status: {conditions: [{type: 'ReplicaFailure', status: 'False'}]}});
		expect(replicaSetHealth(cleared)).toBe('Healthy');
	});

	it('Progressing when fewer replicas are available than desired', () => {
		expect(replicaSetHealth(replicaSet('rs', 'aaa', 1, {status: {availableReplicas: 2}}))).toBe('Progressing');
	});

	it('ScaledDown at zero desired replicas', () => {
		expect(replicaSetHealth(replicaSet('rs', 'aaa', 1, {spec: {replicas: 0}, status: {replicas: 0, readyReplicas: 0, availableReplicas: 0}}))).toBe(
			'ScaledDown',
		);
	});

	it('Healthy without spec.replicas (nothing to compare)', () => {
		expect(replicaSetHealth(replicaSet('rs', 'aaa', 1, {spec: {replicas: undefined}, status: {availableReplicas: 0}}))).toBe('Healthy');
	});
});

describe('scaleDownDelay', () => {
	it('counts down to the deadline', () => {
		expect(scaleDownDelay('2026-11-09T15:35:12Z', NOW)).toBe('delay:12s');
		expect(scaleDownDelay('2026-11-09T15:38:20Z', NOW)).toBe('delay:3m20s');
		expect(scaleDownDelay('2026-11-09T15:35:00Z', NOW)).toBe('delay:0s');
	});
	it('is passed after the deadline', () => {
		expect(scaleDownDelay('2026-11-09T15:34:59Z', NOW)).toBe('delay:passed');
	});
	it('is null without a valid deadline', () => {
		expect(scaleDownDelay(null, NOW)).toBeNull();
		expect(scaleDownDelay('soon', NOW)).toBeNull();
	});
});

describe('replicaSetView', () => {
	it('builds the view with sorted pods, tags and delay', () => {
		const ro = blueGreen({status: {stableRS: 'aaa', currentPodHash: 'bbb', blueGreen: {activeSelector: 'bbb', previewSelector: 'bbb'}}});
		const rs = replicaSet('bg-aaa', 'aaa', 1, {metadata: {annotations: {'scale-down-deadline': '2026-11-09T15:35:25Z'}}});
		const pods = [
			pod('bg-aaa-b', 'bg-aaa-uid', {metadata: {creationTimestamp: '2026-11-09T15:30:13Z'}}),
			pod('bg-aaa-c', 'bg-aaa-uid', {metadata: {creationTimestamp: '2026-11-09T15:30:12Z'}}),
			pod('bg-aaa-a', 'bg-aaa-uid', {metadata: {creationTimestamp: '2026-11-09T15:30:13Z'}}),
		];
		const view = replicaSetView(rs, ro, pods, NOW);
		expect(view).toMatchObject({
			name: 'bg-aaa',
			hash: 'aaa',
			revision: 1,
			status: 'Healthy',
			icon: 'ok',
			tags: ['stable'],
			scaleDownDelay: 'delay:25s',
			scaleDownDeadline: '2026-11-09T15:35:25Z',
			desired: 3,
			current: 3,
			images: ['app:aaa'],
		});
		expect(view.pods.map((p) => p.name)).toEqual(['bg-aaa-c', 'bg-aaa-a', 'bg-aaa-b']);
	});
});
