// While the connection is degraded the last known state stays on screen,
// marked stale with its age, and action keys wait for a fresh state.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import type {ActionPlan} from '../../source/actions/plan.js';
import type {ResourceKind, Snapshot, Source, WatchStatus} from '../../source/kube/source.js';
import type {ObjectSets} from '../../source/domain/raw.js';
import {objectsFromFile, plainText, renderAt, settle} from './render.js';

const KINDS: ResourceKind[] = ['rollouts', 'replicasets', 'pods', 'services', 'ingresses', 'analysisruns', 'experiments'];
const live = (resource: ResourceKind): WatchStatus => ({resource, state: 'live', attempt: 0, nextRetryAt: null, reason: null});

/** A Source whose watch states the test sets, as the cluster source would report them. */
function switchableSource(objects: ObjectSets) {
	const listeners = new Set<() => void>();
	let snapshot: Snapshot = {version: 1, objects, watches: KINDS.map(live)};
	const source: Source = {
		start() {},
		stop() {},
		getSnapshot: () => snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		ready: async () => {},
	};
	const setWatches = (watches: WatchStatus[]) => {
		snapshot = {...snapshot, version: snapshot.version + 1, watches};
		for (const listener of listeners) listener();
	};
	return {source, setWatches};
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('a degraded connection', () => {
	it('keeps the last state on screen marked "stale 12s", refuses action keys until live again, then acts', async () => {
		const {source, setWatches} = switchableSource(objectsFromFile('examples/bluegreen-paused.yaml'));
		const sent: ActionPlan[] = [];
		const execute = async (plan: ActionPlan) => (sent.push(plan), {ok: true as const, message: `rollout '${plan.rollout.name}' promoted`});
		const ui = renderAt(<App source={source} origin="context test" namespace="default" readonlyReason={null} execute={execute} />, 140, 30);
		cleanup = ui.unmount;
		await settle();
		expect(plainText(ui.lastFrame())).toContain('● live');

		const lostAt = Date.now() - 12_000;
		const reason = 'connection refused to https://127.0.0.1:6443';
		setWatches(KINDS.map((resource) => ({resource, state: 'reconnecting', attempt: 2, nextRetryAt: null, reason, staleSince: lostAt})));
		await settle(100);
		let frame = plainText(ui.lastFrame());
		expect(frame.split('\n')[0]).toMatch(/◌ degraded, stale 1[1-3]s/);
		expect(frame).toContain('bluegreen-demo'); // the last known state stays
		expect(frame).toContain('॥ Paused');

		await ui.press('p');
		frame = plainText(ui.lastFrame());
		expect(frame).toMatch(/waiting for a fresh state \(the view is 1[1-3]s old while reconnecting\)/);
		expect(frame).not.toContain('CONFIRM');

		setWatches(KINDS.map(live));
		await settle(100);
		frame = plainText(ui.lastFrame());
		expect(frame.split('\n')[0]).toContain('● live');
		expect(frame.split('\n')[0]).not.toContain('stale');
		await ui.press('p');
		expect(plainText(ui.lastFrame())).toContain('CONFIRM');
		await ui.press('y');
		await settle(50);
		expect(sent.map((plan) => plan.action)).toEqual(['promote']);
	});

	it('a confirmation opened while live waits when the connection drops before y', async () => {
		const {source, setWatches} = switchableSource(objectsFromFile('examples/bluegreen-paused.yaml'));
		const sent: ActionPlan[] = [];
		const execute = async (plan: ActionPlan) => (sent.push(plan), {ok: true as const, message: 'promoted'});
		const ui = renderAt(<App source={source} origin="context test" namespace="default" readonlyReason={null} execute={execute} />, 140, 30);
		cleanup = ui.unmount;
		await settle();
		await ui.press('p');
		expect(plainText(ui.lastFrame())).toContain('CONFIRM');
		setWatches(KINDS.map((resource) => ({...live(resource), ...(resource === 'pods' ? {state: 'reconnecting' as const, reason: 'connection reset', staleSince: Date.now()} : {})})));
		await settle(100);
		await ui.press('y');
		expect(sent).toEqual([]);
		expect(plainText(ui.lastFrame())).toContain('waiting for a fresh state');
		expect(plainText(ui.lastFrame())).toContain('CONFIRM');
		setWatches(KINDS.map(live));
		await settle(100);
		await ui.press('y');
		await settle(50);
		expect(sent).toHaveLength(1);
	});
});
