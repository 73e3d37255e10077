import {describe, expect, it} from 'vitest';
import type {ContainerStatus, Pod} from '../../source/domain/raw.js';
import {toPod} from '../../source/domain/normalise.js';
import {comparePods, podState as podStateOf, podStatus as podStatusOf, podView as podViewOf} from '../../source/model/pod.js';

// The model reads pods through the domain, as deriveRollouts does.
const podStatus = (raw: unknown) => podStatusOf(toPod(raw));
const podState = (raw: unknown, s?: ReturnType<typeof podStatus>) => podStateOf(toPod(raw), s);
const podView = (raw: unknown) => podViewOf(toPod(raw));

const running = (name: string, ready = true, restartCount = 0): ContainerStatus => ({
	name,
	ready,
	started: true,
	restartCount,
	state: {running: {startedAt: '2026-11-09T15:30:20Z'}},
});
const waiting = (name: string, reason: string, restartCount = 0): ContainerStatus => ({name, ready: false, restartCount, state: {waiting: {reason}}});
const terminated = (name: string, t: {reason?: string; exitCode?: number; signal?: number}, restartCount = 0): ContainerStatus => ({
	name,
	ready: false,
	restartCount,
	state: {terminated: t},
});

function makePod(opts: {
	phase?: string;
	reason?: string;
	containers?: number;
	init?: Array<{name: string; restartPolicy?: string}>;
	statuses?: ContainerStatus[];
	initStatuses?: ContainerStatus[];
	deletionTimestamp?: string;
}): Pod {
	return {
		metadata: {name: 'p', creationTimestamp: '2026-11-09T15:30:12Z', ...(opts.deletionTimestamp ? {deletionTimestamp: opts.deletionTimestamp} : {})},
		spec: {
			containers: Array.from({length: opts.containers ?? 1}, (_, i) => ({name: `c${i}`})),
			...(opts.init ? {initContainers: opts.init} : {}),
		},
		status: {
			phase: opts.phase ?? 'Running',
			...(opts.reason ? {reason: opts.reason} : {}),
			containerStatuses: opts.statuses ?? [],
			...(opts.initStatuses ? {initContainerStatuses: opts.initStatuses} : {}),
		},
	};
}

describe('podStatus', () => {
	it('Running with every container ready', () => {
		const pod = makePod({containers: 2, statuses: [running('c0'), running('c1', true, 2)]});
		expect(podStatus(pod)).toEqual({status: 'Running', ready: '2/2', restarts: 2});
		expect(podState(pod)).toBe('ready');
	});

	it('Running but a container not ready', () => {
		const pod = makePod({containers: 2, statuses: [running('c0'), running('c1', false)]});
		expect(podStatus(pod)).toEqual({status: 'Running', ready: '1/2', restarts: 0});
		expect(podState(pod)).toBe('notReady');
	});

	it('Pending before any container status', () => {
		const pod = makePod({phase: 'Pending'});
		expect(podStatus(pod)).toEqual({status: 'Pending', ready: '0/1', restarts: 0});
		expect(podState(pod)).toBe('pending');
	});

	it('ContainerCreating from the waiting reason', () => {
		const pod = makePod({phase: 'Pending', statuses: [waiting('c0', 'ContainerCreating')]});
		expect(podStatus(pod).status).toBe('ContainerCreating');
		expect(podState(pod)).toBe('pending');
	});

	it('CrashLoopBackOff with restarts', () => {
		const pod = makePod({statuses: [waiting('c0', 'CrashLoopBackOff', 4)]});
		expect(podStatus(pod)).toEqual({status: 'CrashLoopBackOff', ready: '0/1', restarts: 4});
		expect(podState(pod)).toBe('failed');
	});

	it('ImagePullBackOff and ErrImagePull are failures', () => {
		expect(podState(makePod({phase: 'Pending', statuses: [waiting('c0', 'ImagePullBackOff')]}))).toBe('failed');
		expect(podState(makePod({phase: 'Pending', statuses: [waiting('c0', 'ErrImagePull')]}))).toBe('failed');
	});

	it('the first container decides (containers are read last to first)', () => {
		const pod = makePod({containers: 2, statuses: [waiting('c0', 'CrashLoopBackOff'), waiting('c1', 'ContainerCreating')]});
		expect(podStatus(pod).status).toBe('CrashLoopBackOff');
	});

	it('terminated without a reason: ExitCode:n, or Signal:n', () => {
		const exit = makePod({phase: 'Failed', statuses: [terminated('c0', {exitCode: 137})]});
		expect(podStatus(exit).status).toBe('ExitCode:137');
		expect(podState(exit)).toBe('failed');
		const signal = makePod({phase: 'Failed', statuses: [terminated('c0', {exitCode: 0, signal: 9})]});
		expect(podStatus(signal).status).toBe('Signal:9');
		expect(podState(signal)).toBe('failed');
	});

	it('terminated with a reason: Completed, Error', () => {
		expect(podStatus(makePod({phase: 'Succeeded', statuses: [terminated('c0', {reason: 'Completed', exitCode: 0})]})).status).toBe('Completed');
		const error = makePod({phase: 'Failed', statuses: [terminated('c0', {reason: 'Error', exitCode: 1})]});
		expect(podStatus(error).status).toBe('Error');
		expect(podState(error)).toBe('failed');
	});

	it('Completed with another container still running and ready becomes Running', () => {
		const pod = makePod({containers: 2, statuses: [terminated('c0', {reason: 'Completed', exitCode: 0}), running('c1')]});
		expect(podStatus(pod)).toEqual({status: 'Running', ready: '1/2', restarts: 0});
		expect(podState(pod)).toBe('notReady');
	});

	it('Init:0/1 while the first init container runs', () => {
		const pod = makePod({
			phase: 'Pending',
			init: [{name: 'init'}],
			initStatuses: [{name: 'init', ready: false, restartCount: 0, state: {running: {}}}],
			statuses: [waiting('c0', 'PodInitializing')],
		});
		expect(podStatus(pod)).toEqual({status: 'Init:0/1', ready: '0/1', restarts: 0});
		expect(podState(pod)).toBe('pending');
	});

	it('Init:i/n counts finished init containers; PodInitializing is not a reason', () => {
		const pod = makePod({
			phase: 'Pending',
			init: [{name: 'a'}, {name: 'b'}],
			initStatuses: [
				{name: 'a', restartCount: 0, state: {terminated: {reason: 'Completed', exitCode: 0}}},
				{name: 'b', restartCount: 0, state: {waiting: {reason: 'PodInitializing'}}},
			],
		});
		expect(podStatus(pod).status).toBe('Init:1/2');
	});

	it('Init:CrashLoopBackOff from a waiting init container, with its restarts', () => {
		const pod = makePod({
			phase: 'Pending',
			init: [{name: 'init'}],
			initStatuses: [waiting('init', 'CrashLoopBackOff', 3)],
			statuses: [waiting('c0', 'PodInitializing')],
		});
		expect(podStatus(pod)).toEqual({status: 'Init:CrashLoopBackOff', ready: '0/1', restarts: 3});
		expect(podState(pod)).toBe('failed');
	});

	it('Init:Error, Init:ExitCode:n and Init:Signal:n from a failed init container', () => {
		const initPod = (t: {reason?: string; exitCode?: number; signal?: number}) =>
			makePod({phase: 'Pending', init: [{name: 'init'}], initStatuses: [terminated('init', t)]});
		expect(podStatus(initPod({reason: 'Error', exitCode: 1})).status).toBe('Init:Error');
		expect(podStatus(initPod({exitCode: 3})).status).toBe('Init:ExitCode:3');
		expect(podStatus(initPod({exitCode: 143, signal: 15})).status).toBe('Init:Signal:15');
		expect(podState(initPod({exitCode: 3}))).toBe('failed');
		// Exit code 0 means the init container finished, whatever the signal.
		expect(podStatus(initPod({exitCode: 0, signal: 15})).status).toBe('Pending');
	});

	it('a started, ready sidecar (restartable init container) is skipped', () => {
		const pod = makePod({
			init: [{name: 'proxy', restartPolicy: 'Always'}],
			initStatuses: [{name: 'proxy', ready: true, started: true, restartCount: 1, state: {running: {}}}],
			statuses: [running('c0')],
		});
		expect(podStatus(pod)).toEqual({status: 'Running', ready: '1/1', restarts: 0});
		expect(podState(pod)).toBe('ready');
	});

	it('a started but not ready sidecar stops the init scan without an Init: status', () => {
		const pod = makePod({
			init: [{name: 'proxy', restartPolicy: 'Always'}, {name: 'migrate'}],
			initStatuses: [
				{name: 'proxy', ready: false, started: true, restartCount: 0, state: {running: {}}},
				{name: 'migrate', restartCount: 0, state: {running: {}}},
			],
			statuses: [waiting('c0', 'PodInitializing')],
			phase: 'Pending',
		});
		expect(podStatus(pod).status).toBe('PodInitializing');
	});

	it('a sidecar that has not started yet counts as an init step', () => {
		const pod = makePod({
			phase: 'Pending',
			init: [{name: 'proxy', restartPolicy: 'Always'}],
			initStatuses: [{name: 'proxy', ready: false, started: false, restartCount: 0, state: {waiting: {reason: 'PodInitializing'}}}],
		});
		expect(podStatus(pod).status).toBe('Init:0/1');
	});

	it('Terminating with a deletionTimestamp', () => {
		const pod = makePod({statuses: [running('c0')], deletionTimestamp: '2026-11-09T15:34:00Z'});
		expect(podStatus(pod).status).toBe('Terminating');
		expect(podState(pod)).toBe('terminating');
	});

	it('Unknown when being deleted on a lost node', () => {
		const pod = makePod({reason: 'NodeLost', statuses: [running('c0')], deletionTimestamp: '2026-11-09T15:34:00Z'});
		expect(podStatus(pod).status).toBe('Unknown');
		expect(podState(pod)).toBe('terminating');
	});

	it('status.reason overrides the phase (Evicted)', () => {
		const pod = makePod({phase: 'Failed', reason: 'Evicted'});
		expect(podStatus(pod).status).toBe('Evicted');
		expect(podState(pod)).toBe('failed');
	});

	it('Unknown phase maps to the unknown state', () => {
		expect(podState(makePod({phase: 'Unknown'}))).toBe('unknown');
	});

	it('survives garbage', () => {
		expect(podStatus(null)).toEqual({status: '', ready: '0/0', restarts: 0});
		expect(podStatus({spec: 'x', status: {containerStatuses: [null, 3, {state: null}]}} as unknown)).toEqual({status: '', ready: '0/0', restarts: 0});
	});
});

describe('podView', () => {
	it('carries the icon and state', () => {
		const view = podView(makePod({statuses: [running('c0', true, 1)]}));
		expect(view).toEqual({name: 'p', status: 'Running', icon: 'ok', state: 'ready', ready: '1/1', restarts: 1, createdAt: '2026-11-09T15:30:12Z'});
		expect(podView(makePod({statuses: [waiting('c0', 'CrashLoopBackOff')]})).icon).toBe('bad');
		expect(podView(makePod({phase: 'Pending', init: [{name: 'i'}], initStatuses: [{name: 'i', state: {running: {}}}]})).icon).toBe('progressing');
	});

	it('sorts by creation time, then name', () => {
		const a = {...podView(makePod({})), name: 'b', createdAt: '2026-11-09T15:30:12Z'};
		const b = {...a, name: 'a'};
		const c = {...a, name: 'c', createdAt: '2026-11-09T15:30:11Z'};
		expect([a, b, c].sort(comparePods).map((p) => p.name)).toEqual(['c', 'a', 'b']);
	});
});

describe('absurd restart counts', () => {
	it('1e308 restarts count as absent for that container only, so the sum stays a finite number', () => {
		const pod: Pod = {
			spec: {containers: [{name: 'a'}, {name: 'b'}, {name: 'c'}]},
			status: {phase: 'Running', containerStatuses: [running('a', true, 1e308), running('b', true, 1e308), running('c', true, 3)]},
		};
		expect(podStatus(pod)).toEqual({status: 'Running', ready: '3/3', restarts: 3});
		expect(JSON.stringify(podView(pod).restarts)).toBe('3');
	});
});

