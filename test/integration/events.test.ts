/**
 * Events from the real Argo Rollouts controller, through the cluster Source
 * and the model, into the detail view's EVENTS section: ScalingReplicaSet on
 * creation, RolloutPaused on an update, RolloutAborted after an abort sent by
 * our executor; the same for the read-only user. Latencies are printed.
 */
import {afterAll, describe, expect, test} from 'vitest';
import {executePlan} from '../../source/actions/execute.js';
import {planFor} from '../../source/actions/targets.js';
import {createClusterSource} from '../../source/kube/cluster-source.js';
import type {Source} from '../../source/kube/source.js';
import {deriveRollouts} from '../../source/model/derive.js';
import type {RolloutView} from '../../source/model/view.js';
import {eventsLines} from '../../source/ui/events-lines.js';
import {plain} from '../../source/ui/lines.js';
import {BLUE_IMAGE, GREEN_IMAGE, blueGreenManifest, createHealthyBlueGreen, createNamespace, kubeConfig, readonlyKubeConfig, setRolloutImage} from './helpers.js';

const sources: Source[] = [];
afterAll(() => {
	for (const source of sources) source.stop();
});

function startSource(namespace: string, kc = kubeConfig()): Source {
	const source = createClusterSource(kc, {namespace});
	sources.push(source);
	source.start();
	return source;
}

const viewOf = (source: Source, name: string): RolloutView | undefined =>
	deriveRollouts(source.getSnapshot().objects, Date.now()).find(v => v.name === name);

/** Resolves with the time (performance.now()) at which `predicate` first held for the rollout's view. */
function whenView(source: Source, name: string, predicate: (view: RolloutView) => boolean, timeoutMs: number, what: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const check = () => {
			const view = viewOf(source, name);
			if (view && predicate(view)) {
				done();
				resolve(performance.now());
			}
		};
		const timer = setTimeout(() => {
			done();
			reject(new Error(`not within ${timeoutMs}ms: ${what}; events: ${JSON.stringify(viewOf(source, name)?.events.map(e => e.reason))}`));
		}, timeoutMs);
		const unsubscribe = source.subscribe(check);
		const done = () => {
			clearTimeout(timer);
			unsubscribe();
		};
		check();
	});
}

const hasEvent = (reason: string) => (view: RolloutView) => view.events.some(e => e.reason === reason);

describe('events from the real controller', () => {
	test('ScalingReplicaSet, RolloutPaused and RolloutAborted reach the detail view, for the read-only user too', async () => {
		const namespace = await createNamespace('events');
		const name = 'events-bg';
		const source = startSource(namespace);
		const readonly = startSource(namespace, readonlyKubeConfig());
		await createHealthyBlueGreen(blueGreenManifest({name, namespace, image: BLUE_IMAGE, autoPromotionEnabled: false, replicas: 2}));
		await whenView(source, name, hasEvent('ScalingReplicaSet'), 10_000, 'ScalingReplicaSet');
		const watched = source.getSnapshot().watches.find(w => w.resource === 'events');
		expect(watched?.state).toBe('live');

		// The update pauses the rollout: the controller writes the status and an event.
		await setRolloutImage(namespace, name, GREEN_IMAGE);
		const pausedAt = whenView(source, name, v => v.status === 'Paused', 30_000, 'status Paused');
		const eventAt = whenView(source, name, hasEvent('RolloutPaused'), 30_000, 'RolloutPaused');
		const pauseLag = Math.max(0, (await eventAt) - (await pausedAt));
		console.log(`RolloutPaused event after the Paused status: ${pauseLag.toFixed(0)} ms`);
		expect(pauseLag).toBeLessThan(1000);

		// Abort through our own planner and executor, as the `a` key does; while the controller still writes
		// the status, the conditional patch is refused, and a person would look and press again.
		let sent = 0;
		let result = {ok: false, message: 'not sent'};
		for (let attempt = 0; attempt < 20 && !result.ok; attempt++) {
			if (attempt > 0) await new Promise(resolve => setTimeout(resolve, 300));
			const outcome = planFor(source.getSnapshot().objects, `${namespace}/${name}`, 'abort', {now: Date.now()});
			if (!('plan' in outcome)) throw new Error(outcome.refused);
			sent = performance.now();
			result = await executePlan(kubeConfig(), outcome.plan);
		}
		expect(result.ok, result.message).toBe(true);
		const abortedAt = await whenView(source, name, hasEvent('RolloutAborted'), 10_000, 'RolloutAborted');
		console.log(`RolloutAborted event after the abort was sent: ${(abortedAt - sent).toFixed(0)} ms`);
		expect(abortedAt - sent).toBeLessThan(1000);

		// Warnings first, and the section names reason, subject and message.
		const view = viewOf(source, name)!;
		const aborted = view.events.find(e => e.reason === 'RolloutAborted')!;
		expect(aborted).toMatchObject({type: 'Warning', object: {kind: 'Rollout', name}});
		expect(view.events[0]!.type).toBe('Warning');
		expect(view.lastWarningAt).not.toBeNull();
		const section = eventsLines(view.events, Date.now()).map(plain);
		expect(section[0]).toMatch(/^EVENTS {2}\d+ {2}\d+ warnings?$/);
		expect(section.some(l => l.includes('RolloutAborted') && l.includes(`rollout/${name}`))).toBe(true);

		// The read-only user is allowed to watch events and sees the same ones.
		await whenView(readonly, name, hasEvent('RolloutAborted'), 10_000, 'RolloutAborted for the read-only user');
		expect(readonly.getSnapshot().watches.find(w => w.resource === 'events')?.state).toBe('live');
	}, 120_000);
});
