import {describe, expect, it} from 'vitest';
import {experimentOf} from '../../source/domain/analysis.js';
import {toRollout} from '../../source/domain/normalise.js';
import {stepOf} from '../../source/domain/step.js';
import {describeStep, stepViews} from '../../source/model/steps.js';
import {canary} from './builders.js';

const STEPS = [{setWeight: 20}, {pause: {}}, {setWeight: 60}, {pause: {duration: '30s'}}, {setWeight: 100}];

const at = (index: number, over: unknown = {}) =>
	canary({spec: {strategy: {canary: {steps: STEPS}}}, status: {currentStepIndex: index, currentPodHash: 'bbb', ...(over as object)}});

const states = (raw: unknown) => stepViews(toRollout(raw), [], 20)!.map((s) => s.state);

describe('step texts', () => {
	it.each([
		[{setWeight: 20}, 'setWeight 20'],
		[{pause: {}}, 'pause until promoted'],
		[{pause: {duration: '1h'}}, 'pause 1h'],
		[{pause: {duration: 45}}, 'pause 45s'],
		[{analysis: {templates: [{templateName: 'success-rate'}, {templateName: 'latency'}]}}, 'analysis: success-rate, latency'],
		[{analysis: {}}, 'analysis'],
		[{experiment: {duration: '5m', templates: [{name: 'baseline'}, {name: 'canary'}], analyses: [{name: 'compare'}]}}, 'experiment: baseline, canary for 5m, analyses compare'],
		[{setCanaryScale: {weight: 50}}, 'setCanaryScale weight 50'],
		[{setCanaryScale: {replicas: 2}}, 'setCanaryScale replicas 2'],
		[{setCanaryScale: {matchTrafficWeight: true}}, 'setCanaryScale matchTrafficWeight'],
		[{setHeaderRoute: {name: 'hdr', match: [{headerName: 'x'}]}}, 'setHeaderRoute hdr'],
		[{setHeaderRoute: {name: 'hdr'}}, 'setHeaderRoute hdr (remove)'],
		[{setMirrorRoute: {name: 'mir', percentage: 35, match: [{method: {exact: 'GET'}}]}}, 'setMirrorRoute mir 35%'],
		[{plugin: {name: 'argoproj-labs/step', config: {}}}, 'plugin argoproj-labs/step'],
		[{somethingNew: {}}, 'somethingNew'],
		[null, 'unknown step'],
	])('%j -> %s', (raw, text) => {
		expect(describeStep(stepOf(raw))).toBe(text);
	});
});

describe('step states', () => {
	it('before, during and after the steps', () => {
		expect(states(at(0))).toEqual(['current', 'pending', 'pending', 'pending', 'pending']);
		expect(states(at(2))).toEqual(['done', 'done', 'current', 'pending', 'pending']);
		expect(states(at(5))).toEqual(['done', 'done', 'done', 'done', 'done']);
		expect(stepViews(toRollout(at(5)), [], 100)!.every((s) => s.live === null)).toBe(true);
	});

	it('no currentStepIndex counts as 0; aborted: nothing done, nothing current', () => {
		expect(states(canary({spec: {strategy: {canary: {steps: STEPS}}}, status: {currentStepIndex: undefined}}))).toEqual(['current', 'pending', 'pending', 'pending', 'pending']);
		expect(states(at(0, {abort: true}))).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
	});

	it('an indefinite pause waits for promote; a timed one resumes at start + duration', () => {
		const pause = {pauseConditions: [{reason: 'CanaryPauseStep', startTime: '2026-11-09T15:30:00Z'}], controllerPause: true};
		expect(stepViews(toRollout(at(1, pause)), [], 20)![1]!.live).toEqual({text: 'waiting for promote', resumesAt: null, run: null});
		expect(stepViews(toRollout(at(3, pause)), [], 60)![3]!.live).toEqual({text: 'paused', resumesAt: '2026-11-09T15:30:30.000Z', run: null});
		expect(stepViews(toRollout(at(3, {controllerPause: true})), [], 60)![3]!.live?.text).toBe('resuming');
	});

	it('the current setWeight step shows the actual weight', () => {
		expect(stepViews(toRollout(at(2)), [], 40)![2]!.live?.text).toBe('actual weight 40 of 60');
	});

	it('analysis and experiment steps show their run', () => {
		const raw = canary({
			spec: {strategy: {canary: {steps: [{analysis: {templates: [{templateName: 't'}]}}, {experiment: {templates: [{name: 'a'}]}}]}}},
			status: {currentStepIndex: 0, canary: {currentStepAnalysisRunStatus: {name: 'run-1', status: 'Failed', message: 'metric "m" assessed Failed'}}},
		});
		expect(stepViews(toRollout(raw), [], 0)![0]!.live).toEqual({
			text: 'analysis Failed: metric "m" assessed Failed',
			resumesAt: null,
			run: {name: 'run-1', status: 'Failed', message: 'metric "m" assessed Failed'},
		});
		const exp = experimentOf({metadata: {name: 'exp-1'}, status: {phase: 'Running'}});
		const second = canary({...raw, status: {currentStepIndex: 1, canary: {currentExperiment: 'exp-1'}}});
		expect(stepViews(toRollout(second), [exp], 0)![1]!.live?.text).toBe('experiment Running');
	});

	it('an inconclusive analysis waits for promote', () => {
		const raw = at(1, {pauseConditions: [{reason: 'InconclusiveAnalysisRun', startTime: '2026-11-09T15:30:00Z'}]});
		expect(stepViews(toRollout(raw), [], 0)![1]!.live?.text).toBe('analysis inconclusive: waiting for promote');
	});

	it('blue-green has no steps', () => {
		expect(stepViews(toRollout({spec: {strategy: {blueGreen: {activeService: 'a'}}}}), [], null)).toBeNull();
	});
});
