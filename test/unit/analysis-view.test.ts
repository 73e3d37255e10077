import {describe, expect, it} from 'vitest';
import {analysisRunOf} from '../../source/domain/analysis.js';
import {toRollout} from '../../source/domain/normalise.js';
import {analysisKind, analysisRunView} from '../../source/model/analysis.js';
import {blueGreenStage, blueGreenView} from '../../source/model/bluegreen.js';
import {deriveRollouts} from '../../source/model/derive.js';
import {blueGreen, canary, objects, ROLLOUT_UID} from './builders.js';

const run = (over: Record<string, unknown> = {}) => ({
	apiVersion: 'argoproj.io/v1alpha1',
	kind: 'AnalysisRun',
	metadata: {
		name: 'can-6d4b-2-1',
		namespace: 'default',
		uid: 'run-uid',
		labels: {'rollout-type': 'Step', 'step-index': '1'},
		annotations: {'rollout.argoproj.io/revision': '2'},
		ownerReferences: [{kind: 'Rollout', uid: ROLLOUT_UID, controller: true}],
	},
	spec: {
		metrics: [
			{name: 'latency', interval: '5s', count: 3, successCondition: 'result < 300', provider: {prometheus: {query: 'q'}}},
			{name: 'ok', interval: 10, count: '{{args.count}}', failureLimit: 0, inconclusiveLimit: 1, successCondition: 'result.ok == true', failureCondition: 'result.ok == false', provider: {web: {url: 'http://127.0.0.1/x', jsonPath: '{$}'}}},
		],
	},
	status: {
		phase: 'Failed',
		message: 'Metric "ok" assessed Failed due to failed (1) > failureLimit (0)',
		metricResults: [
			{name: 'latency', phase: 'Successful', count: 1, successful: 1, measurements: [{phase: 'Successful', value: '120', startedAt: '2026-11-09T15:30:00Z', finishedAt: '2026-11-09T15:30:01Z'}]},
			{
				name: 'ok',
				phase: 'Failed',
				count: 1,
				failed: 1,
				message: 'assessed Failed',
				measurements: [{phase: 'Failed', value: '{"ok":false}', startedAt: '2026-11-09T15:30:00Z', finishedAt: '2026-11-09T15:30:00Z', message: 'bad'}],
			},
		],
	},
	...over,
});

describe('analysis runs', () => {
	it('metrics join spec and results, failures first', () => {
		const view = analysisRunView(analysisRunOf(run()));
		expect([view.kind, view.stepIndex, view.status, view.message]).toEqual(['Step', 1, 'Failed', 'Metric "ok" assessed Failed due to failed (1) > failureLimit (0)']);
		expect(view.metrics.map((m) => m.name)).toEqual(['ok', 'latency']);
		expect(view.metrics[0]).toEqual({
			name: 'ok',
			provider: 'web',
			successCondition: 'result.ok == true',
			failureCondition: 'result.ok == false',
			count: '{{args.count}}',
			interval: '10s',
			failureLimit: 0,
			inconclusiveLimit: 1,
			consecutiveErrorLimit: null,
			phase: 'Failed',
			message: 'assessed Failed',
			successful: 0,
			failed: 1,
			inconclusive: 0,
			error: 0,
			measurements: [{phase: 'Failed', value: '{"ok":false}', startedAt: '2026-11-09T15:30:00Z', finishedAt: '2026-11-09T15:30:00Z', message: 'bad', jobName: ''}],
		});
		expect(view.metrics[1]).toMatchObject({provider: 'prometheus', count: 3, failureLimit: null});
	});

	it('a result without a spec metric is kept; plugins and jobs are named', () => {
		const r = analysisRunOf({
			spec: {metrics: [{name: 'j', provider: {job: {spec: {}}}}, {name: 'p', provider: {plugin: {'argoproj-labs/metric': {}}}}]},
			status: {metricResults: [{name: 'extra', phase: 'Error', error: 2}, {name: 'j', measurements: [{phase: 'Running', metadata: {'job-name': 'job-1'}}]}]},
		});
		expect(r.metrics.map((m) => [m.name, m.provider, m.phase])).toEqual([['j', 'job', ''], ['p', 'plugin:argoproj-labs/metric', ''], ['extra', '', 'Error']]);
		expect(r.metrics[0]!.measurements[0]!.jobName).toBe('job-1');
		expect(analysisRunOf(null).metrics).toEqual([]);
	});

	it('kind from the rollout-type label, else from the rollout status naming the run', () => {
		const unlabelled = analysisRunOf(run({metadata: {name: 'bg-pre'}}));
		const ro = toRollout(blueGreen({status: {blueGreen: {prePromotionAnalysisRunStatus: {name: 'bg-pre', status: 'Running'}}}}));
		expect(analysisKind(unlabelled, ro)).toBe('PrePromotion');
		expect(analysisKind(unlabelled, null)).toBeNull();
		expect(analysisKind(analysisRunOf(run({metadata: {labels: {'rollout-type': 'Background'}}})), null)).toBe('Background');
	});

	it('deriveRollouts attaches kinds and metrics to the runs of a revision', () => {
		const [view] = deriveRollouts(objects({rollouts: [canary()], analysisRuns: [run() as never]}), 0);
		const r = view!.revisions[0]!.analysisRuns[0]!;
		expect([r.kind, r.metrics.length, r.counts]).toEqual(['Step', 2, {successful: 1, failed: 1, inconclusive: 0, error: 0}]);
	});
});

describe('blue-green stages', () => {
	const bg = (strategy: unknown, status: unknown) => toRollout(blueGreen({spec: {strategy: {blueGreen: strategy}}, status}));
	const pre = {prePromotionAnalysis: {templates: [{templateName: 'smoke'}]}};
	const post = {postPromotionAnalysis: {templates: [{templateName: 'soak'}]}};

	it('pre-promotion analysis, the pause, post-promotion analysis', () => {
		expect(blueGreenStage(bg(pre, {currentPodHash: 'bbb', blueGreen: {activeSelector: 'aaa', prePromotionAnalysisRunStatus: {name: 'r', status: 'Running'}}}), 'Progressing')).toBe('waiting for pre-promotion analysis');
		expect(blueGreenStage(bg({previewReplicaCount: 1, autoPromotionEnabled: false}, {currentPodHash: 'bbb', pauseConditions: [{reason: 'BlueGreenPause'}]}), 'Paused')).toBe('waiting for promote (preview at 1 replicas)');
		expect(blueGreenStage(bg(post, {currentPodHash: 'bbb', stableRS: 'aaa', blueGreen: {activeSelector: 'bbb', postPromotionAnalysisRunStatus: {name: 'r', status: 'Running'}}}), 'Progressing')).toBe('waiting for post-promotion analysis');
		expect(blueGreenStage(bg(post, {currentPodHash: 'bbb', stableRS: 'bbb', blueGreen: {activeSelector: 'bbb'}}), 'Healthy')).toBeNull();
	});

	it('the blue-green view reports the analyses it has and the preview scaling', () => {
		const ro = bg({...pre, previewReplicaCount: 1, autoPromotionSeconds: 20}, {blueGreen: {scaleUpPreviewCheckPoint: true, prePromotionAnalysisRunStatus: {name: 'r', status: 'Successful', message: ''}}});
		expect(blueGreenView(ro)).toEqual({
			autoPromotionEnabled: true,
			autoPromotionSeconds: 20,
			previewReplicaCount: 1,
			scaleUpPreviewCheckPoint: true,
			prePromotion: {name: 'r', status: 'Successful', message: ''},
			postPromotion: null,
		});
		expect(blueGreenView(toRollout(canary()))).toBeNull();
	});
});
