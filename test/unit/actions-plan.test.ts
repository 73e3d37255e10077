import {stepOf} from '../../source/domain/step.js';
import {describe, expect, it} from 'vitest';
import {
	applicableActions,
	isRefusal,
	planAction,
	refusalText,
	rfc3339Seconds,
	stepText,
	successMessage,
	type ActionPlan,
	type Refusal,
} from '../../source/actions/plan.js';
import {
	abortedBlueGreen,
	blueGreen,
	blueGreenReplicaSets,
	canary,
	canaryReplicaSets,
	healthyBlueGreen,
	pausedBlueGreen,
	pausedCanary,
	STEPS,
} from './actions-fixtures.js';

function plan(result: ActionPlan | Refusal): ActionPlan {
	if (isRefusal(result)) throw new Error(`unexpected refusal: ${refusalText(result)}`);
	return result;
}

function refusal(result: ActionPlan | Refusal): Refusal {
	if (!isRefusal(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.patches)}`);
	return result;
}

const bg = blueGreenReplicaSets();
const cn = canaryReplicaSets();

describe('promote: blue-green', () => {
	it('paused by BlueGreenPause: clears pause conditions on /status, and says which Service switches', () => {
		const p = plan(planAction('promote', pausedBlueGreen(), bg));
		expect(p.patches).toEqual([{subresource: 'status', type: 'merge', body: {status: {pauseConditions: null}}}]);
		expect(p.rollout).toEqual({namespace: 'shop', name: 'bluegreen-demo', resourceVersion: '4711'});
		expect(p.action).toBe('promote');
		expect(p.summary).toBe(
			'Switch active Service bluegreen-demo from revision 1 (argoproj/rollouts-demo:blue) to revision 2 (argoproj/rollouts-demo:green)?',
		);
	});

	it('spec.paused only: unpauses the main object', () => {
		const p = plan(planAction('promote', blueGreen({}, {paused: true}), bg));
		expect(p.patches).toEqual([{subresource: null, type: 'merge', body: {spec: {paused: false}}}]);
		expect(p.summary).toBe('Resume bluegreen-demo, which was paused manually?');
	});

	it('spec.paused and BlueGreenPause: spec first, then status (else the controller re-pauses)', () => {
		const r = pausedBlueGreen();
		r.spec!.paused = true;
		const p = plan(planAction('promote', r, bg));
		expect(p.patches).toEqual([
			{subresource: null, type: 'merge', body: {spec: {paused: false}}},
			{subresource: 'status', type: 'merge', body: {status: {pauseConditions: null}}},
		]);
		expect(p.summary).toMatch(/^Promote bluegreen-demo: clear the manual pause and switch active Service bluegreen-demo from revision 1/);
	});

	it('aborted: refused with the retry / promote-full hint', () => {
		const r = refusal(planAction('promote', {...abortedBlueGreen(), status: {...abortedBlueGreen().status, pauseConditions: [{reason: 'BlueGreenPause'}]}}, bg));
		expect(refusalText(r)).toBe('rollout is aborted: use retry (r) to try again, or promote-full (P) to skip all steps');
		expect(r.action).toBe('promote');
	});

	it('not paused (waiting for the preview): nothing to promote, hints at promote-full', () => {
		const r = refusal(planAction('promote', blueGreen(), bg));
		expect(r.reason).toBe('nothing to promote: rollout is not paused');
		expect(r.hint).toMatch(/promote-full \(P\)/);
	});

	it('healthy: nothing to promote, no hint', () => {
		const r = refusal(planAction('promote', healthyBlueGreen(), bg));
		expect(r.reason).toBe('nothing to promote: rollout is not paused');
		expect(r.hint).toBeUndefined();
	});

	it('just promoted (controllerPause, no conditions): nothing to promote', () => {
		const r = refusal(planAction('promote', blueGreen({controllerPause: true}), bg));
		expect(r.reason).toBe('nothing to promote: already promoted, waiting for the controller');
	});

	it('first deployment (no active selector): makes the revision active', () => {
		const p = plan(planAction('promote', blueGreen({pauseConditions: [{reason: 'BlueGreenPause'}], blueGreen: {}}), bg));
		expect(p.summary).toBe(
			'Promote bluegreen-demo: make revision 2 (argoproj/rollouts-demo:green) active on Service bluegreen-demo?',
		);
	});
});

describe('promote: canary', () => {
	it('paused at the pause step (index 1 of 3): clears pause conditions only', () => {
		const p = plan(planAction('promote', pausedCanary(), cn));
		expect(p.patches).toEqual([{subresource: 'status', type: 'merge', body: {status: {pauseConditions: null}}}]);
		expect(p.summary).toBe('Promote canary-demo: end the pause at step 2 of 3 (pause) and go on to step 3 of 3 (setWeight: 60)?');
	});

	it('Inconclusive step analysis with controllerPause: clears both and advances the step', () => {
		const r = canary({
			currentStepIndex: 1,
			controllerPause: true,
			pauseConditions: [{reason: 'InconclusiveAnalysisRun'}],
			canary: {currentStepAnalysisRunStatus: {name: 'ar', status: 'Inconclusive'}},
		});
		const p = plan(planAction('promote', r, cn));
		expect(p.patches).toEqual([
			{
				subresource: 'status',
				type: 'merge',
				body: {status: {pauseConditions: null, controllerPause: false, currentStepIndex: 2}},
			},
		]);
		expect(p.summary).toMatch(/^Promote canary-demo: accept the inconclusive analysis at step 2 of 3/);
	});

	it('Inconclusive but no controllerPause: the ordinary clear', () => {
		const r = canary({
			currentStepIndex: 1,
			pauseConditions: [{reason: 'InconclusiveAnalysisRun'}],
			canary: {currentStepAnalysisRunStatus: {status: 'Inconclusive'}},
		});
		expect(plan(planAction('promote', r, cn)).patches).toEqual([
			{subresource: 'status', type: 'merge', body: {status: {pauseConditions: null}}},
		]);
	});

	it('running a step without a pause: skips it (step index + 1)', () => {
		const p = plan(planAction('promote', canary({currentStepIndex: 0}), cn));
		expect(p.patches).toEqual([
			{subresource: 'status', type: 'merge', body: {status: {pauseConditions: null, currentStepIndex: 1}}},
		]);
		expect(p.summary).toBe('Promote canary-demo: skip step 1 of 3 (setWeight: 20) and go on to step 2 of 3 (pause)?');
	});

	it('nil currentStepIndex counts as 0', () => {
		const r = canary();
		delete r.status!.currentStepIndex;
		expect(plan(planAction('promote', r, cn)).patches[0]!.body).toEqual({status: {pauseConditions: null, currentStepIndex: 1}});
	});

	it('on the last step: finishing makes the new revision stable', () => {
		const p = plan(planAction('promote', canary({currentStepIndex: 2}), cn));
		expect(p.patches[0]!.body).toEqual({status: {pauseConditions: null, currentStepIndex: 3}});
		expect(p.summary).toMatch(/finish: revision 2 \(argoproj\/rollouts-demo:yellow\) becomes stable\?$/);
	});

	it('fully promoted: nothing to promote', () => {
		const r = refusal(planAction('promote', canary({currentStepIndex: 3, stableRS: 'ddd'}), cn));
		expect(r.reason).toBe('nothing to promote: all 3 steps are done');
	});

	it('fully promoted but spec.paused: the plugin’s two bodies (index stays at len), spec first', () => {
		const p = plan(planAction('promote', canary({currentStepIndex: 3, stableRS: 'ddd'}, {paused: true}), cn));
		expect(p.patches).toEqual([
			{subresource: null, type: 'merge', body: {spec: {paused: false}}},
			{subresource: 'status', type: 'merge', body: {status: {pauseConditions: null, currentStepIndex: 3}}},
		]);
	});

	it('no steps and not paused: nothing to promote', () => {
		const r = canary({}, {strategy: {canary: {steps: []}}});
		expect(refusal(planAction('promote', r, cn)).reason).toBe('nothing to promote: rollout is not paused and has no steps');
	});

	it('aborted canary: refused', () => {
		expect(refusal(planAction('promote', canary({abort: true}), cn)).reason).toBe('rollout is aborted');
	});
});

describe('promote-full', () => {
	it('paused blue-green: promoteFull on /status', () => {
		const p = plan(planAction('promote-full', pausedBlueGreen(), bg));
		expect(p.patches).toEqual([{subresource: 'status', type: 'merge', body: {status: {promoteFull: true}}}]);
		expect(p.summary).toBe(
			'Fully promote bluegreen-demo: switch active Service bluegreen-demo to revision 2 (argoproj/rollouts-demo:green) now, skipping any remaining analysis and pauses?',
		);
	});

	it('aborted blue-green: allowed, and says it ends the abort', () => {
		const p = plan(planAction('promote-full', abortedBlueGreen(), bg));
		expect(p.patches).toEqual([{subresource: 'status', type: 'merge', body: {status: {promoteFull: true}}}]);
		expect(p.summary).toMatch(/\(this also ends the abort\)\?$/);
	});

	it('spec.paused: status then spec, like the plugin', () => {
		const p = plan(planAction('promote-full', canary({currentStepIndex: 1}, {paused: true}), cn));
		expect(p.patches).toEqual([
			{subresource: 'status', type: 'merge', body: {status: {promoteFull: true}}},
			{subresource: null, type: 'merge', body: {spec: {paused: false}}},
		]);
		expect(p.summary).toBe(
			'Fully promote canary-demo: make revision 2 (argoproj/rollouts-demo:yellow) stable now, skipping all remaining steps, analysis and pauses (this also clears the manual pause)?',
		);
	});

	it('already fully promoted but paused: only unpauses', () => {
		const r = healthyBlueGreen();
		r.spec!.paused = true;
		expect(plan(planAction('promote-full', r, bg)).patches).toEqual([
			{subresource: null, type: 'merge', body: {spec: {paused: false}}},
		]);
	});

	it('already fully promoted and not paused: refused', () => {
		expect(refusal(planAction('promote-full', healthyBlueGreen(), bg)).reason).toBe(
			'nothing to promote: revision 2 is already fully promoted',
		);
		expect(refusal(planAction('promote-full', canary({currentStepIndex: 3, stableRS: 'ddd'}), cn)).reason).toBe(
			'nothing to promote: revision 2 is already fully promoted',
		);
	});
});

describe('abort and retry', () => {
	it('abort: status merge abort=true, in Service terms', () => {
		const p = plan(planAction('abort', pausedBlueGreen(), bg));
		expect(p.patches).toEqual([{subresource: 'status', type: 'merge', body: {status: {abort: true}}}]);
		expect(p.summary).toBe(
			'Abort rollout bluegreen-demo: point active Service bluegreen-demo back to stable revision 1 and scale down revision 2?',
		);
	});

	it('abort canary: traffic back to stable', () => {
		expect(plan(planAction('abort', pausedCanary(), cn)).summary).toBe(
			'Abort rollout canary-demo: send all traffic back to stable revision 1 and scale down revision 2?',
		);
	});

	it('abort refused when already aborted or nothing in progress', () => {
		expect(refusal(planAction('abort', abortedBlueGreen(), bg)).reason).toBe('rollout is already aborted');
		expect(refusal(planAction('abort', healthyBlueGreen(), bg)).reason).toBe(
			'nothing to abort: revision 2 is stable and no update is in progress',
		);
	});

	it('retry: status merge abort=false', () => {
		const p = plan(planAction('retry', abortedBlueGreen(), bg));
		expect(p.patches).toEqual([{subresource: 'status', type: 'merge', body: {status: {abort: false}}}]);
		expect(p.summary).toBe(
			'Retry rollout bluegreen-demo: leave the aborted state and roll out revision 2 (argoproj/rollouts-demo:green) again?',
		);
	});

	it('retry refused when not aborted', () => {
		expect(refusal(planAction('retry', pausedBlueGreen(), bg)).reason).toBe('rollout is not aborted: nothing to retry');
	});
});

describe('pause, resume, restart', () => {
	it('pause: spec merge paused=true on the main object', () => {
		const p = plan(planAction('pause', healthyBlueGreen(), bg));
		expect(p.patches).toEqual([{subresource: null, type: 'merge', body: {spec: {paused: true}}}]);
	});

	it('pause refused when already paused', () => {
		const r = refusal(planAction('pause', blueGreen({}, {paused: true}), bg));
		expect(r.reason).toBe('rollout is already paused');
		expect(r.hint).toBe('use promote (p) to resume it');
	});

	it('pause is allowed on a controller pause (it also stops auto-promotion)', () => {
		expect(plan(planAction('pause', pausedBlueGreen(), bg)).patches).toEqual([
			{subresource: null, type: 'merge', body: {spec: {paused: true}}},
		]);
	});

	it('restart: restartAt = now in RFC 3339 UTC, seconds precision, rounded up', () => {
		const now = Date.parse('2026-03-04T05:06:07.891Z');
		const p = plan(planAction('restart', healthyBlueGreen(), bg, {now}));
		expect(p.patches).toEqual([{subresource: null, type: 'merge', body: {spec: {restartAt: '2026-03-04T05:06:08Z'}}}]);
		expect(p.summary).toBe('Restart all pods of bluegreen-demo? They are evicted and recreated a few at a time.');
	});

	it('rfc3339Seconds rounds milliseconds up to the next second', () => {
		expect(rfc3339Seconds(Date.UTC(2026, 0, 2, 3, 4, 5, 1))).toBe('2026-01-02T03:04:06Z');
		expect(rfc3339Seconds(Date.UTC(2026, 0, 2, 3, 4, 5, 0))).toBe('2026-01-02T03:04:05Z');
	});
});

describe('applicableActions', () => {
	it('paused blue-green: promote, full, abort, undo, restart, pause enabled; retry not', () => {
		const actions = applicableActions(pausedBlueGreen(), bg);
		expect(Object.fromEntries(Object.entries(actions).map(([k, v]) => [k, v.enabled]))).toEqual({
			promote: true,
			'promote-full': true,
			abort: true,
			retry: false,
			undo: true,
			restart: true,
			pause: true,
		});
		expect(actions.retry.reason).toBe('rollout is not aborted: nothing to retry');
	});

	it('aborted: promote disabled with the hint, retry enabled', () => {
		const actions = applicableActions(abortedBlueGreen(), bg);
		expect(actions.promote).toEqual({
			enabled: false,
			reason: 'rollout is aborted: use retry (r) to try again, or promote-full (P) to skip all steps',
		});
		expect(actions.retry).toEqual({enabled: true});
		expect(actions['promote-full'].enabled).toBe(true);
	});
});

describe('words', () => {
	it('success messages are the plugin’s', () => {
		expect(successMessage('promote', 'x')).toBe("rollout 'x' promoted");
		expect(successMessage('promote-full', 'x')).toBe("rollout 'x' fully promoted");
		expect(successMessage('abort', 'x')).toBe("rollout 'x' aborted");
		expect(successMessage('retry', 'x')).toBe("rollout 'x' retried");
		expect(successMessage('undo', 'x')).toBe("rollout 'x' undo");
		expect(successMessage('restart', 'x')).toBe("rollout 'x' restarts in 0s");
		expect(successMessage('pause', 'x')).toBe("rollout 'x' paused");
	});

	it('step texts', () => {
		expect(STEPS.map((s) => stepText(stepOf(s)))).toEqual(['setWeight: 20', 'pause', 'setWeight: 60']);
		expect(stepText(stepOf({pause: {duration: 30}}))).toBe('pause: 30s');
		expect(stepText(stepOf({pause: {duration: '5m'}}))).toBe('pause: 5m');
		expect(stepText(stepOf({analysis: {templates: []}}))).toBe('analysis');
		expect(stepText(stepOf({setCanaryScale: {weight: 10}}))).toBe('setCanaryScale{weight: 10}');
	});
});
