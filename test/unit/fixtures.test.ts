// The model and the planner on objects captured from the local control plane
// (test/fixtures/capture.ts): the real controller's objects in each state the
// live tests reach.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {applicableActions} from '../../source/actions/plan.js';
import {deriveRollouts} from '../../source/model/derive.js';
import type {RolloutView} from '../../source/model/view.js';
import {loadList} from './builders.js';

const fixture = (name: string) => loadList(path.join(import.meta.dirname, '..', 'fixtures', `${name}.yaml`));

function only(name: string): {view: RolloutView; objects: ReturnType<typeof fixture>} {
	const objects = fixture(name);
	const views = deriveRollouts(objects, Date.now());
	expect(views).toHaveLength(1);
	return {view: views[0]!, objects};
}

const tagsByRevision = (view: RolloutView) => view.revisions.map((r) => [r.revision, r.replicaSets.map((rs) => rs.tags)]);
const enabled = (objects: ReturnType<typeof fixture>) =>
	Object.entries(applicableActions(objects.rollouts[0]!, objects.replicaSets))
		.filter(([, a]) => a.enabled)
		.map(([name]) => name);

describe('captured blue-green states', () => {
	it('paused: the new revision is the preview, the old one active and stable', () => {
		const {view, objects} = only('bluegreen-paused');
		expect([view.strategy, view.status, view.message, view.paused, view.needsAttention]).toEqual(['BlueGreen', 'Paused', 'BlueGreenPause', true, true]);
		expect(tagsByRevision(view)).toEqual([[2, [['preview']]], [1, [['stable', 'active']]]]);
		expect(view.currentRevision).toBe(2);
		expect([view.services.active?.revision, view.services.preview?.revision]).toEqual([1, 2]);
		expect(view.images.map((i) => [i.image, i.tags])).toEqual([
			['argoproj/rollouts-demo:blue', ['active', 'stable']],
			['argoproj/rollouts-demo:green', ['preview']],
		]);
		expect(enabled(objects)).toEqual(['promote', 'promote-full', 'abort', 'undo', 'restart', 'pause']);
	});

	it('promoted: the new revision is active and stable', () => {
		const {view, objects} = only('bluegreen-promoted');
		expect([view.status, view.message, view.paused]).toEqual(['Healthy', '', false]);
		expect(tagsByRevision(view)).toEqual([[2, [['stable', 'active']]], [1, [[]]]]);
		expect(view.services.active?.revision).toBe(2);
		expect(enabled(objects)).not.toContain('promote');
	});

	it('aborted: Degraded, active back on the stable revision, retry offered', () => {
		const {view, objects} = only('bluegreen-aborted');
		expect([view.status, view.aborted, view.needsAttention]).toEqual(['Degraded', true, true]);
		expect(view.message).toMatch(/^RolloutAborted: /);
		expect(tagsByRevision(view)).toEqual([[3, [['preview']]], [2, [['stable', 'active']]], [1, [[]]]]);
		expect(view.services.active?.revision).toBe(2);
		const actions = applicableActions(objects.rollouts[0]!, objects.replicaSets);
		expect(actions.retry.enabled).toBe(true);
		expect(actions.promote.reason).toBe('rollout is aborted: use retry (r) to try again, or promote-full (P) to skip all steps');
	});
});

describe('captured canary states', () => {
	it('step 1 of 4: an indefinite pause after setWeight 25', () => {
		const {view, objects} = only('canary-step1-paused');
		expect([view.strategy, view.status, view.message, view.step, view.setWeight, view.actualWeight]).toEqual(['Canary', 'Paused', 'CanaryPauseStep', '1/4', 25, 25]);
		expect(tagsByRevision(view)).toEqual([[2, [['canary']]], [1, [['stable']]]]);
		expect(view.pauseEndsAt).toBeNull();
		expect(enabled(objects)).toContain('promote');
	});

	it('step 3 of 4: a timed pause after setWeight 75 ends an hour after it started', () => {
		const {view, objects} = only('canary-step3-timed-pause');
		expect([view.status, view.step, view.setWeight, view.actualWeight]).toEqual(['Paused', '3/4', 75, 75]);
		const started = (objects.rollouts[0]!.status?.pauseConditions ?? []).find((c) => c.reason === 'CanaryPauseStep')?.startTime;
		expect(view.pauseEndsAt).toBe(new Date(Date.parse(started!) + 3_600_000).toISOString());
	});
});
