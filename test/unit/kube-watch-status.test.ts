import {KINDS} from '../../source/domain/kinds.js';
import {describe, expect, it} from 'vitest';
import type {ResourceKind, WatchStatus} from '../../source/kube/source.js';
import {describeWatches, staleSince} from '../../source/kube/watch-status.js';

const all: ResourceKind[] = KINDS.map((kind) => kind.resource);
const now = 1_000_000;

function watch(resource: ResourceKind, patch: Partial<WatchStatus> = {}): WatchStatus {
	return {resource, state: 'live', attempt: 0, nextRetryAt: null, reason: null, ...patch};
}
const allLive = () => all.map((resource) => watch(resource));
const replace = (watches: WatchStatus[], patches: Partial<Record<ResourceKind, Partial<WatchStatus>>>) =>
	watches.map((w) => (patches[w.resource] ? {...w, ...patches[w.resource]} : w));

describe('describeWatches', () => {
	it('says live when everything is live', () => {
		expect(describeWatches(allLive(), now)).toEqual({summary: 'live', severity: 'ok'});
		expect(describeWatches([], now)).toEqual({summary: 'live', severity: 'ok'});
	});

	it('says connecting at start-up', () => {
		expect(describeWatches(all.map((r) => watch(r, {state: 'connecting'})), now)).toEqual({summary: 'connecting', severity: 'ok'});
		expect(describeWatches(replace(allLive(), {pods: {state: 'connecting'}}), now).summary).toBe('connecting (pods)');
	});

	it('groups kinds reconnecting for the same reason, with attempt and countdown', () => {
		const reason = 'connection refused to https://127.0.0.1:6443';
		const watches = all.map((r, i) => watch(r, {state: 'reconnecting', attempt: 3 - (i % 2), nextRetryAt: now + 3_200 + i, reason}));
		expect(describeWatches(watches, now)).toEqual({
			summary: `reconnecting (attempt 3, next try in 4s): ${reason}`,
			severity: 'warn',
		});
	});

	it('names the kinds when only some reconnect, and says when a try is under way', () => {
		const watches = replace(allLive(), {pods: {state: 'reconnecting', attempt: 1, nextRetryAt: null, reason: 'connection reset by x'}});
		expect(describeWatches(watches, now).summary).toBe('pods: reconnecting (attempt 1, retrying now): connection reset by x');
	});

	it('shows forbidden and not-installed kinds once, merged', () => {
		const watches = replace(allLive(), {
			pods: {state: 'unavailable', reason: 'forbidden: cannot list pods in namespace shop'},
			services: {state: 'unavailable', reason: 'forbidden: cannot list services in namespace shop'},
			analysisruns: {state: 'unavailable', reason: 'not installed (no CRD for analysisruns.argoproj.io)'},
			experiments: {state: 'unavailable', reason: 'not installed (no CRD for experiments.argoproj.io)'},
		});
		expect(describeWatches(watches, now)).toEqual({
			summary:
				'forbidden: cannot list pods, services in namespace shop; not installed (no CRD for analysisruns.argoproj.io, experiments.argoproj.io)',
			severity: 'warn',
		});
	});

	it('puts failures first and marks them as errors', () => {
		const watches = replace(allLive(), {
			rollouts: {state: 'failed', reason: 'unauthorized: credentials rejected'},
			pods: {state: 'reconnecting', attempt: 2, nextRetryAt: now + 900, reason: 'connection reset by x'},
		});
		expect(describeWatches(watches, now)).toEqual({
			summary: 'rollouts: unauthorized: credentials rejected; pods: reconnecting (attempt 2, next try in 1s): connection reset by x',
			severity: 'error',
		});
	});

	it('staleSince: the oldest loss among kinds not live again; null when all are live or never were', () => {
		expect(staleSince(allLive())).toBeNull();
		expect(staleSince(all.map((r) => watch(r, {state: 'connecting'})))).toBeNull();
		const watches = replace(allLive(), {
			pods: {state: 'reconnecting', staleSince: now - 5000},
			services: {state: 'reconnecting', staleSince: now - 12_000},
			rollouts: {state: 'reconnecting'},
		});
		expect(staleSince(watches)).toBe(now - 12_000);
	});
});
