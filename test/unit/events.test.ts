// Events: the domain constructor reads both APIs; the model links events to a
// rollout's objects, Warnings first; the list marks a recent Warning; the
// detail section and the JSON show them.
import {describe, expect, it} from 'vitest';
import {eventOf} from '../../source/domain/event.js';
import type {Event} from '../../source/domain/raw.js';
import {deriveRollouts} from '../../source/model/derive.js';
import {hasRecentWarning, MAX_EVENTS} from '../../source/model/events.js';
import {toJson} from '../../source/print/json.js';
import {eventsLines} from '../../source/ui/events-lines.js';
import {plain} from '../../source/ui/lines.js';
import {listLines} from '../../source/ui/list-lines.js';
import {blueGreen, NOW, objects, pod, replicaSet, ROLLOUT_UID} from './builders.js';

const at = (msAgo: number) => new Date(NOW - msAgo).toISOString();

/** An events.k8s.io/v1 Event about an object. */
function event(name: string, regarding: Event['regarding'], over: Partial<Event> = {}): Event {
	return {
		apiVersion: 'events.k8s.io/v1',
		kind: 'Event',
		metadata: {name, namespace: 'default', uid: `${name}-uid`, creationTimestamp: at(60_000)},
		regarding: {namespace: 'default', ...regarding},
		type: 'Normal',
		reason: 'ScalingReplicaSet',
		note: 'Scaled up ReplicaSet bg-aaa from 0 to 3',
		deprecatedCount: 1,
		deprecatedLastTimestamp: at(60_000),
		...over,
	};
}

const rolloutRef = {kind: 'Rollout', name: 'bg', uid: ROLLOUT_UID};

describe('eventOf', () => {
	it('reads events.k8s.io/v1 and core/v1 Events alike', () => {
		const v1 = eventOf(event('e1', rolloutRef, {type: 'Warning', reason: 'RolloutAborted', note: 'aborted', deprecatedCount: 4}));
		const core = eventOf({
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {name: 'e1', namespace: 'default'},
			involvedObject: {kind: 'Rollout', name: 'bg', uid: ROLLOUT_UID},
			type: 'Warning',
			reason: 'RolloutAborted',
			message: 'aborted',
			count: 4,
			lastTimestamp: at(60_000),
		});
		for (const e of [v1, core]) {
			expect(e).toMatchObject({type: 'Warning', reason: 'RolloutAborted', message: 'aborted', count: 4, lastSeen: at(60_000)});
			expect(e.subject).toMatchObject({kind: 'Rollout', name: 'bg', uid: ROLLOUT_UID});
		}
	});

	it('takes the series for repeated events and survives garbage', () => {
		const e = eventOf(event('e', rolloutRef, {series: {count: 9, lastObservedTime: at(5_000)}, deprecatedLastTimestamp: undefined}));
		expect(e).toMatchObject({count: 9, lastSeen: at(5_000)});
		const junk = eventOf({metadata: 7, regarding: 'x', series: [], count: 'many', eventTime: 'not a time'});
		expect(junk).toMatchObject({type: '', reason: '', message: '', count: 1, lastSeen: null, lastSeenMs: Number.NEGATIVE_INFINITY});
	});
});

describe('rollout events', () => {
	const rs = replicaSet('bg-aaa', 'aaa', 1);
	const p = pod('bg-aaa-1', 'bg-aaa-uid');
	const sets = (events: Event[]) =>
		objects({rollouts: [blueGreen()], replicaSets: [rs], pods: [p], events});

	it("links events to the rollout, its ReplicaSets and pods by UID, Warnings first, newest first", () => {
		const [view] = deriveRollouts(
			sets([
				event('old', rolloutRef, {deprecatedLastTimestamp: at(120_000)}),
				event('new', {kind: 'ReplicaSet', name: 'bg-aaa', uid: 'bg-aaa-uid'}, {deprecatedLastTimestamp: at(10_000)}),
				event('pod', {kind: 'Pod', name: 'bg-aaa-1', uid: 'bg-aaa-1-uid'}, {type: 'Warning', reason: 'BackOff', note: 'Back-off restarting'}),
				// Another object's, and an earlier rollout's of the same name (another UID): not this rollout's.
				event('other', {kind: 'Pod', name: 'unrelated', uid: 'x'}),
				event('stale', {kind: 'Rollout', name: 'bg', uid: 'previous-uid'}),
			]),
			NOW,
		);
		expect(view!.events.map(e => `${e.type} ${e.object.kind}/${e.object.name}`)).toEqual([
			'Warning Pod/bg-aaa-1',
			'Normal ReplicaSet/bg-aaa',
			'Normal Rollout/bg',
		]);
		expect(view!.lastWarningAt).toBe(at(60_000));
	});

	it('links events that name no UID by kind, namespace and name', () => {
		const [view] = deriveRollouts(sets([event('e', {kind: 'Rollout', name: 'bg', namespace: ''}), event('elsewhere', {kind: 'Rollout', name: 'bg', namespace: 'other'})]), NOW);
		expect(view!.events).toHaveLength(1);
	});

	it('keeps at most MAX_EVENTS, and finds the newest Warning among all', () => {
		const many = Array.from({length: MAX_EVENTS + 5}, (_, i) => event(`e${i}`, rolloutRef, {type: 'Warning', deprecatedLastTimestamp: at(1000 * (i + 1))}));
		const [view] = deriveRollouts(sets(many), NOW);
		expect(view!.events).toHaveLength(MAX_EVENTS);
		expect(view!.lastWarningAt).toBe(at(1000));
	});

	it('marks a Warning of the last ten minutes in the list, and not an older one', () => {
		expect(hasRecentWarning(at(9 * 60_000), NOW)).toBe(true);
		expect(hasRecentWarning(at(11 * 60_000), NOW)).toBe(false);
		expect(hasRecentWarning(null, NOW)).toBe(false);
		const marked = (lastSeen: string) => {
			const views = deriveRollouts(sets([event('w', rolloutRef, {type: 'Warning', deprecatedLastTimestamp: lastSeen})]), NOW);
			return plain(listLines(views, null, NOW, 80, false).rows[0]!).slice(0, 2);
		};
		expect(marked(at(30_000))).toBe(' ⚠');
		expect(marked(at(3_600_000))).toBe('  ');
	});

	it('shows the section in the detail view and the events in the JSON', () => {
		const [view] = deriveRollouts(
			sets([event('w', rolloutRef, {type: 'Warning', reason: 'RolloutAborted', note: 'Rollout aborted\nupdate to revision 2', deprecatedCount: 3})]),
			NOW,
		);
		const text = eventsLines(view!.events, NOW).map(plain);
		expect(text).toEqual(['EVENTS  1  1 warning', ' ⚠ 60s  RolloutAborted ×3 rollout/bg: Rollout aborted update to revision 2']);
		expect(eventsLines([], NOW).map(plain)).toEqual(['EVENTS  none in scope']);
		const json = JSON.parse(toJson([view!])) as {rollouts: Array<{events: unknown}>};
		expect(json.rollouts[0]!.events).toEqual([
			{type: 'Warning', reason: 'RolloutAborted', message: 'Rollout aborted\nupdate to revision 2', count: 3, lastSeen: at(60_000), object: {kind: 'Rollout', name: 'bg'}},
		]);
	});
});
