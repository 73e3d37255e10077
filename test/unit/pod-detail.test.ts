// The pod panel's model (from the domain pod), its lines, and moving the focus over the grid.
import {describe, expect, it} from 'vitest';
import {podDetailFor} from '../../source/model/pod-detail.js';
import {plain} from '../../source/ui/lines.js';
import {podPanelLines} from '../../source/ui/pod-lines.js';
import {firstPod, movePod} from '../../source/ui/pod-focus.js';
import {NOW, objects, pod} from './builders.js';

const crashing = pod('web-1', 'rs-uid', {
	spec: {nodeName: 'kwok-node-1', initContainers: [{name: 'init'}, {name: 'proxy', restartPolicy: 'Always'}]},
	status: {
		phase: 'Running',
		podIP: '10.0.0.7',
		startTime: '2026-11-09T15:00:00Z',
		initContainerStatuses: [
			{name: 'init', ready: false, restartCount: 0, state: {terminated: {reason: 'Completed', exitCode: 0, finishedAt: '2026-11-09T15:00:05Z'}}},
			{name: 'proxy', ready: true, started: true, restartCount: 0, state: {running: {startedAt: '2026-11-09T15:00:06Z'}}},
		],
		containerStatuses: [
			{
				name: 'app',
				ready: false,
				restartCount: 4,
				state: {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container'}},
				lastState: {terminated: {reason: 'Error', exitCode: 1, message: 'panic: no config\n', finishedAt: '2026-11-09T15:34:00Z'}},
			},
		],
	},
});

describe('podDetailFor', () => {
	it('reads node, IP, start, restarts and each container with its last termination', () => {
		const detail = podDetailFor(objects({pods: [crashing]}), 'default', 'web-1')!;
		expect(detail).toMatchObject({status: 'CrashLoopBackOff', node: 'kwok-node-1', ip: '10.0.0.7', startedAt: '2026-11-09T15:00:00Z', restarts: 4});
		expect(detail.containers.map(c => [c.name, c.role, c.state, c.reason])).toEqual([
			['init', 'init', 'terminated', 'Completed'],
			['proxy', 'sidecar', 'running', ''],
			['app', 'main', 'waiting', 'CrashLoopBackOff'],
		]);
		expect(detail.containers[2]!.last).toMatchObject({reason: 'Error', exitCode: 1, message: 'panic: no config\n'});
		expect(podDetailFor(objects({pods: [crashing]}), 'other', 'web-1')).toBeNull();
	});

	it('survives a pod with nothing but a name', () => {
		const detail = podDetailFor(objects({pods: [{metadata: {name: 'bare', namespace: 'default'}, spec: 'x', status: []} as never]}), 'default', 'bare')!;
		expect(detail).toMatchObject({node: '', ip: '', startedAt: null, containers: []});
		expect(podPanelLines(detail, 'bare', [], NOW).map(plain)).toContain('  no container status yet');
	});
});

describe('podPanelLines', () => {
	it('says where the pod runs, how each container is and how its last run ended, and shows its events', () => {
		const detail = podDetailFor(objects({pods: [crashing]}), 'default', 'web-1');
		const events = [
			{type: 'Warning', reason: 'BackOff', message: 'Back-off restarting', count: 7, lastSeen: '2026-11-09T15:34:30Z', object: {kind: 'Pod', name: 'web-1'}},
			{type: 'Normal', reason: 'ScalingReplicaSet', message: 'x', count: 1, lastSeen: '2026-11-09T15:34:30Z', object: {kind: 'Rollout', name: 'bg'}},
		];
		const text = podPanelLines(detail, 'web-1', events, NOW).map(plain);
		expect(text).toEqual([
			'POD web-1  ✖ CrashLoopBackOff  0/1 ready',
			' phase Running  restarts 4',
			' node kwok-node-1  ip 10.0.0.7',
			' started 35m ago (2026-11-09T15:00:00Z)',
			'CONTAINERS',
			'  ✖ init (init)  terminated: Completed  restarts 0',
			'     ended  Completed, exit 0 34m ago',
			'  ✔ proxy (sidecar)  running 34m  restarts 0',
			'  ✖ app  waiting: CrashLoopBackOff  restarts 4',
			'     back-off 40s restarting failed container',
			'     last   Error, exit 1 60s ago: panic: no config',
			'POD EVENTS  1  1 warning',
			' ⚠ 30s  BackOff ×7 pod/web-1: Back-off restarting',
		]);
		expect(podPanelLines(null, 'web-1', [], NOW).map(plain)).toEqual(['pod web-1 is gone']);
	});
});

describe('movePod', () => {
	const grid = [['a1', 'a2', 'a3'], [], ['b1']];
	it('moves within a row and across rows, skipping empty ones, and stops at the edges', () => {
		expect(firstPod(grid)).toBe('a1');
		expect(firstPod([[], []])).toBeNull();
		expect(movePod(grid, 'a1', 'right')).toBe('a2');
		expect(movePod(grid, 'a3', 'right')).toBe('a3');
		expect(movePod(grid, 'a1', 'left')).toBe('a1');
		expect(movePod(grid, 'a3', 'down')).toBe('b1');
		expect(movePod(grid, 'b1', 'down')).toBe('b1');
		expect(movePod(grid, 'b1', 'up')).toBe('a1');
		expect(movePod(grid, 'a2', 'bottom')).toBe('a3');
		// A pod that went away: back to the first.
		expect(movePod(grid, 'gone', 'right')).toBe('a1');
	});
});
