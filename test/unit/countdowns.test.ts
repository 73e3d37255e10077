import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {toReplicaSet, toRollout} from '../../source/domain/normalise.js';
import {emptyObjectSets} from '../../source/domain/raw.js';
import {countdownText, countdowns, headlineTimer, pauseView, remainingSeconds, remainingText} from '../../source/model/countdowns.js';
import {deriveRollouts} from '../../source/model/derive.js';
import {blueGreen, canary, loadList, NOW, replicaSet} from './builders.js';

const START = '2026-11-09T15:34:00Z';

describe('remaining time', () => {
	it.each([
		[0, '0s'],
		[-5000, '0s'],
		[400, '1s'],
		[30_000, '30s'],
		[252_000, '4m 12s'],
		[480_000, '8m'],
		[3_900_000, '1h 5m'],
		[3_600_000 + 30_000, '1h'],
		[2 * 86_400_000 + 3 * 3_600_000, '2d 3h'],
	])('%d ms -> %s', (ms, text) => expect(remainingText(ms)).toBe(text));

	it('remainingSeconds rounds up and stops at 0', () => {
		expect(remainingSeconds('2026-11-09T15:35:10.500Z', NOW)).toBe(11);
		expect(remainingSeconds('2026-11-09T15:34:00Z', NOW)).toBe(0);
		expect(remainingSeconds(null, NOW)).toBeNull();
	});
});

describe('pause', () => {
	const timed = canary({
		spec: {strategy: {canary: {steps: [{setWeight: 20}, {pause: {duration: '5m'}}]}}},
		status: {currentStepIndex: 1, controllerPause: true, pauseConditions: [{reason: 'CanaryPauseStep', startTime: START}]},
	});

	it('a timed canary pause resumes at start + duration and ticks', () => {
		expect(pauseView(toRollout(timed))).toEqual({reason: 'CanaryPauseStep', startedAt: START, resumesAt: '2026-11-09T15:39:00.000Z'});
		const [c] = countdowns(toRollout(timed), [], 'Paused');
		expect(c).toEqual({kind: 'pause', at: '2026-11-09T15:39:00.000Z', subject: ''});
		expect(countdownText(c!, NOW)).toBe('resumes in 4m');
		expect(countdownText(c!, NOW + 228_000)).toBe('resumes in 12s');
		expect(countdownText(c!, NOW + 240_000)).toBe('resuming');
	});

	it('spec.paused holds a timed pause; alone it is a manual pause', () => {
		const held = {...timed, spec: {...timed.spec, paused: true}};
		expect(pauseView(toRollout(held))?.resumesAt).toBeNull();
		expect(pauseView(toRollout(canary({spec: {paused: true}})))).toEqual({reason: 'Manual', startedAt: null, resumesAt: null});
		expect(pauseView(toRollout(canary()))).toBeNull();
	});

	it('an indefinite pause says "waiting for promote"', () => {
		const raw = canary({status: {currentStepIndex: 1, pauseConditions: [{reason: 'CanaryPauseStep', startTime: START}]}});
		const [view] = deriveRollouts({...emptySets(), rollouts: [raw]}, NOW);
		expect(view!.pause).toEqual({reason: 'CanaryPauseStep', startedAt: START, resumesAt: null});
		expect(headlineTimer(view!, NOW)).toBe('waiting for promote');
	});

	it('blue-green auto-promotes autoPromotionSeconds after the BlueGreenPause started', () => {
		const raw = blueGreen({
			spec: {strategy: {blueGreen: {autoPromotionSeconds: 30}}},
			status: {pauseConditions: [{reason: 'BlueGreenPause', startTime: START}], controllerPause: true},
		});
		expect(pauseView(toRollout(raw))?.resumesAt).toBe('2026-11-09T15:34:30.000Z');
		const [c] = countdowns(toRollout(raw), [], 'Paused');
		expect([c!.kind, countdownText(c!, Date.parse(START))]).toEqual(['autoPromotion', 'auto-promotes in 30s']);
		// autoPromotionEnabled: false pauses until a promote, whatever the seconds say.
		const manual = blueGreen({...raw, spec: {strategy: {blueGreen: {autoPromotionSeconds: 30, autoPromotionEnabled: false}}}});
		expect(pauseView(toRollout(manual))?.resumesAt).toBeNull();
	});
});

describe('scale-down and progress deadlines', () => {
	it('each ReplicaSet with a deadline and replicas; the aborted one is told apart', () => {
		const ro = toRollout(blueGreen({status: {abort: true, currentPodHash: 'bbb'}}));
		const sets = [
			replicaSet('old', 'aaa', 1, {metadata: {annotations: {'scale-down-deadline': '2026-11-09T15:35:25Z'}}}),
			replicaSet('new', 'bbb', 2, {metadata: {annotations: {'scale-down-deadline': '2026-11-09T15:35:30Z'}}}),
			replicaSet('gone', 'ccc', 0, {spec: {replicas: 0}, metadata: {annotations: {'scale-down-deadline': '2026-11-09T15:35:05Z'}}}),
		].map(toReplicaSet);
		const cs = countdowns(ro, sets, 'Degraded');
		expect(cs.map((c) => [c.kind, c.subject, countdownText(c, NOW)])).toEqual([
			['scaleDown', 'old', 'scales down in 25s'],
			['abortScaleDown', 'new', 'scales down (aborted) in 30s'],
		]);
	});

	it('progressDeadlineSeconds from the Progressing condition while progressing', () => {
		const progressing = {type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: '2026-11-09T15:33:00Z'};
		const ro = toRollout(canary({spec: {progressDeadlineSeconds: 600}, status: {conditions: [progressing]}}));
		expect(countdowns(ro, [], 'Progressing').map((c) => countdownText(c, NOW))).toEqual(['deadline in 8m']);
		expect(countdowns(ro, [], 'Healthy')).toEqual([]);
		const done = toRollout(canary({status: {conditions: [{...progressing, reason: 'NewReplicaSetAvailable'}]}}));
		expect(countdowns(done, [], 'Progressing')).toEqual([]);
	});
});

describe('captured objects', () => {
	const fixture = (name: string) => loadList(path.join(import.meta.dirname, '..', 'fixtures', `${name}.yaml`));
	it('the timed canary pause resumes one hour after its start; the blue-green pause waits for promote', () => {
		const [timed] = deriveRollouts(fixture('canary-step3-timed-pause'), NOW);
		expect(timed!.pause?.reason).toBe('CanaryPauseStep');
		expect(Date.parse(timed!.pause!.resumesAt!) - Date.parse(timed!.pause!.startedAt!)).toBe(3_600_000);
		expect(timed!.countdowns[0]?.kind).toBe('pause');
		const [bg] = deriveRollouts(fixture('bluegreen-paused'), NOW);
		expect(bg!.pause).toMatchObject({reason: 'BlueGreenPause', resumesAt: null});
		expect(bg!.stage).toBe('waiting for promote');
	});

	it('the aborted blue-green: the preview scales down by the abort delay', () => {
		const [view] = deriveRollouts(fixture('bluegreen-aborted'), NOW);
		expect(view!.countdowns.map((c) => c.kind)).toContain('abortScaleDown');
	});
});

const emptySets = emptyObjectSets;
