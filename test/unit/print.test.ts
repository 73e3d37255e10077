import {describe, expect, it} from 'vitest';
import {deriveRollouts} from '../../source/model/derive.js';
import {emptyObjectSets} from '../../source/domain/raw.js';
import type {RolloutView} from '../../source/model/view.js';
import {toJson} from '../../source/print/json.js';
import {describeService, renderText} from '../../source/print/text.js';
import {NOW, ROLLOUT_UID, canary, loadList, objects, pod, replicaSet} from './builders.js';

const example = deriveRollouts(loadList(new URL('../../examples/bluegreen-paused.yaml', import.meta.url).pathname), NOW);

const GOLDEN_TEXT = `Name:            bluegreen-demo
Namespace:       default
Status:          ॥ Paused
Message:         BlueGreenPause
Strategy:        BlueGreen
Images:          argoproj/rollouts-demo:blue (active, stable)
                 argoproj/rollouts-demo:green (preview)
Replicas:
  Desired:       3
  Current:       6
  Updated:       3
  Ready:         3
  Available:     3
Services:
  Active:        bluegreen-demo -> 7bf8d7d8b5 -> revision:1 (host: bluegreen.auto)
  Preview:       bluegreen-demo-preview -> 6cbccd9f99 -> revision:2

NAME                                        KIND        STATUS     AGE    INFO
⟳ bluegreen-demo                            Rollout     ॥ Paused   7d6h
├──# revision:2
│  └──⧉ bluegreen-demo-6cbccd9f99           ReplicaSet  ✔ Healthy  4m48s  preview
│     ├──□ bluegreen-demo-6cbccd9f99-fv5zq  Pod         ✔ Running  4m48s  ready:1/1
│     ├──□ bluegreen-demo-6cbccd9f99-h7xjm  Pod         ✔ Running  4m48s  ready:1/1,restarts:1
│     └──□ bluegreen-demo-6cbccd9f99-rk2c8  Pod         ✔ Running  4m47s  ready:1/1
└──# revision:1
   └──⧉ bluegreen-demo-7bf8d7d8b5           ReplicaSet  ✔ Healthy  7d6h   stable,active
      ├──□ bluegreen-demo-7bf8d7d8b5-2xq8t  Pod         ✔ Running  7d6h   ready:1/1
      ├──□ bluegreen-demo-7bf8d7d8b5-9kzbv  Pod         ✔ Running  7d6h   ready:1/1
      └──□ bluegreen-demo-7bf8d7d8b5-lwn4p  Pod         ✔ Running  7d6h   ready:1/1
`;

describe('renderText', () => {
	it('prints the paused blue-green demo like kubectl argo rollouts get', () => {
		expect(renderText(example, NOW, {color: false})).toBe(GOLDEN_TEXT);
	});

	it('has no escape codes without colour, and ANSI colours with it', () => {
		expect(renderText(example, NOW, {color: false})).not.toContain('\x1b');
		const coloured = renderText(example, NOW, {color: true});
		expect(coloured).toContain('argoproj/rollouts-demo:blue (\x1b[32mactive\x1b[0m, \x1b[32mstable\x1b[0m)');
		expect(coloured).toContain('argoproj/rollouts-demo:green (\x1b[94mpreview\x1b[0m)');
		// The paused icon has no colour; the ReplicaSet name takes its tag colour.
		expect(coloured).toContain('Status:          ॥ Paused\n');
		expect(coloured).toContain('│  └──⧉ \x1b[94mbluegreen-demo-6cbccd9f99\x1b[0m           ReplicaSet  \x1b[32m✔\x1b[0m Healthy  4m48s  \x1b[94mpreview\x1b[0m\n');
		expect(coloured).toContain('\x1b[32mstable\x1b[0m,\x1b[32mactive\x1b[0m\n');
		// Stripping the codes gives the plain output back.
		expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(GOLDEN_TEXT);
	});

	it('separates rollouts with a blank line and prints nothing for none', () => {
		const two = [example[0], {...example[0], name: 'second'}] as RolloutView[];
		const text = renderText(two, NOW, {color: false});
		expect(text.split('\n\nName:            ')).toHaveLength(2);
		expect(text.endsWith('ready:1/1\n')).toBe(true);
		expect(renderText([], NOW, {color: false})).toBe('');
	});

	it('prints a canary with steps, analysis runs, a scale-down delay and a failing pod', () => {
		const ro = canary({
			metadata: {name: 'canary-demo'},
			spec: {strategy: {canary: {steps: [{setWeight: 20}, {pause: {}}, {analysis: {}}], stableService: 'canary-demo-stable', canaryService: 'canary-demo-canary'}}},
			status: {
				phase: 'Paused',
				message: 'CanaryPauseStep',
				pauseConditions: [{reason: 'CanaryPauseStep'}],
				stableRS: 'aaa',
				currentPodHash: 'bbb',
				currentStepIndex: 1,
				replicas: 4,
				updatedReplicas: 1,
				availableReplicas: 4,
			},
		});
		const views = deriveRollouts(
			objects({
				rollouts: [ro],
				replicaSets: [
					replicaSet('canary-demo-aaa', 'aaa', 1, {metadata: {creationTimestamp: '2026-11-08T15:35:00Z'}}),
					replicaSet('canary-demo-bbb', 'bbb', 2, {spec: {replicas: 1}, status: {replicas: 1, readyReplicas: 0, availableReplicas: 1}}),
					replicaSet('canary-demo-old', 'old', 0, {
						metadata: {creationTimestamp: '2026-11-01T15:35:00Z', annotations: {'rollout.argoproj.io/revision': '0', 'scale-down-deadline': '2026-11-09T15:35:30Z'}},
						spec: {replicas: 0},
						status: {replicas: 0, readyReplicas: 0, availableReplicas: 0},
					}),
				],
				pods: [
					pod('canary-demo-aaa-x', 'canary-demo-aaa-uid', {metadata: {creationTimestamp: '2026-11-08T15:35:00Z'}}),
					pod('canary-demo-bbb-y', 'canary-demo-bbb-uid', {
						status: {containerStatuses: [{name: 'app', ready: false, restartCount: 3, state: {waiting: {reason: 'CrashLoopBackOff'}}}]},
					}),
				],
				analysisRuns: [
					{
						metadata: {
							name: 'canary-demo-bbb-2',
							creationTimestamp: '2026-11-09T15:33:00Z',
							annotations: {'rollout.argoproj.io/revision': '2'},
							ownerReferences: [{uid: ROLLOUT_UID}],
						},
						status: {phase: 'Running', metricResults: [{name: 'm', successful: 2, failed: 1}]},
					},
				],
				services: [{metadata: {name: 'canary-demo-stable', namespace: 'default'}, spec: {selector: {'rollouts-pod-template-hash': 'aaa'}}}],
			}),
			NOW,
		);
		expect(renderText(views, NOW, {color: false})).toBe(`Name:            canary-demo
Namespace:       default
Status:          ॥ Paused
Message:         CanaryPauseStep
Strategy:        Canary
  Step:          1/3
  SetWeight:     20
  ActualWeight:  25
Images:          app:aaa (stable)
                 app:bbb (canary)
Replicas:
  Desired:       3
  Current:       4
  Updated:       1
  Ready:         3
  Available:     4
Services:
  Stable:        canary-demo-stable -> aaa -> revision:1
  Canary:        canary-demo-canary (not found)

NAME                          KIND         STATUS              AGE    INFO
⟳ canary-demo                 Rollout      ॥ Paused            7d6h
├──# revision:2
│  ├──⧉ canary-demo-bbb       ReplicaSet   ✔ Healthy           4m48s  canary
│  │  └──□ canary-demo-bbb-y  Pod          ✖ CrashLoopBackOff  4m48s  ready:0/1,restarts:3
│  └──α canary-demo-bbb-2     AnalysisRun  ◌ Running           2m     ✔ 2,✖ 1
├──# revision:1
│  └──⧉ canary-demo-aaa       ReplicaSet   ✔ Healthy           24h    stable
│     └──□ canary-demo-aaa-x  Pod          ✔ Running           24h    ready:1/1
└──# revision:0
   └──⧉ canary-demo-old       ReplicaSet   • ScaledDown        8d     delay:30s
`);
	});

	it('nests an experiment with its ReplicaSets and AnalysisRuns', () => {
		const view: RolloutView = {
			...(example[0] as RolloutView),
			revisions: [
				{
					revision: 3,
					replicaSets: [],
					analysisRuns: [],
					experiments: [
						{
							name: 'exp',
							status: 'Successful',
							icon: 'ok',
							revision: 3,
							message: '',
							createdAt: '2026-11-09T15:34:00Z',
							replicaSets: [
								{...(example[0]?.revisions[0]?.replicaSets[0] as RolloutView['revisions'][0]['replicaSets'][0]), name: 'exp-baseline', tags: [], pods: []},
							],
							analysisRuns: [
								{name: 'exp-run', status: 'Error', icon: 'warning', revision: 3, counts: {successful: 0, failed: 0, inconclusive: 1, error: 2}, createdAt: null, kind: null, stepIndex: null, message: '', metrics: []},
							],
						},
					],
				},
			],
		};
		const tree = renderText([view], NOW, {color: false}).split('\n\n')[1];
		expect(tree).toBe(`NAME                     KIND         STATUS        AGE        INFO
⟳ bluegreen-demo         Rollout      ॥ Paused      7d6h
└──# revision:3
   └──Σ exp              Experiment   ✔ Successful  60s
      ├──⧉ exp-baseline  ReplicaSet   ✔ Healthy     4m48s
      └──α exp-run       AnalysisRun  ⚠ Error       <unknown>  ? 1,⚠ 2
`);
	});

	it('describes each Service state', () => {
		const ref = {name: 'svc', hash: 'abc', exists: true, replicaSet: 'rs-abc', revision: 4, hosts: []};
		expect(describeService(ref)).toBe('svc -> abc -> revision:4');
		expect(describeService({...ref, replicaSet: null, revision: null})).toBe('svc -> abc -> (no ReplicaSet)');
		expect(describeService({...ref, hash: null, replicaSet: null, revision: null})).toBe('svc -> (no pod-template-hash)');
		expect(describeService({...ref, exists: false, hash: null})).toBe('svc (not found)');
		expect(describeService({...ref, hosts: ['a.example', 'b.example']})).toBe('svc -> abc -> revision:4 (hosts: a.example, b.example)');
	});
});

describe('toJson', () => {
	it('keeps the documented contract for the paused blue-green demo', () => {
		const out = toJson(example);
		expect(out.endsWith('}\n')).toBe(true);
		expect(out).toContain('\n  "rollouts": [\n    {\n      "namespace": "default",\n');
		const parsed = JSON.parse(out) as {rollouts: Array<Record<string, unknown>>};
		expect(Object.keys(parsed)).toEqual(['rollouts', 'ingressSwitches']);
		const ro = parsed.rollouts[0];
		expect(ro).toMatchObject({
			namespace: 'default',
			name: 'bluegreen-demo',
			strategy: 'BlueGreen',
			status: 'Paused',
			message: 'BlueGreenPause',
			step: null,
			setWeight: null,
			actualWeight: null,
			replicas: {desired: 3, current: 6, updated: 3, ready: 3, available: 3},
			images: [
				{image: 'argoproj/rollouts-demo:blue', tags: ['active', 'stable']},
				{image: 'argoproj/rollouts-demo:green', tags: ['preview']},
			],
			services: {
				active: {name: 'bluegreen-demo', hash: '7bf8d7d8b5'},
				preview: {name: 'bluegreen-demo-preview', hash: '6cbccd9f99'},
			},
		});
		expect(Object.keys(ro ?? {}).slice(0, 13)).toEqual([
			'namespace',
			'name',
			'strategy',
			'status',
			'message',
			'step',
			'setWeight',
			'actualWeight',
			'replicas',
			'images',
			'services',
			'revisions',
			'uid',
		]);
		const revisions = ro?.['revisions'] as Array<Record<string, unknown>>;
		expect(revisions.map((r) => r['revision'])).toEqual([2, 1]);
		expect(revisions[0]).toMatchObject({
			revision: 2,
			replicaSets: [
				{
					name: 'bluegreen-demo-6cbccd9f99',
					hash: '6cbccd9f99',
					status: 'Healthy',
					tags: ['preview'],
					scaleDownDelay: null,
					pods: [
						{name: 'bluegreen-demo-6cbccd9f99-fv5zq', status: 'Running', ready: '1/1', restarts: 0},
						{name: 'bluegreen-demo-6cbccd9f99-h7xjm', status: 'Running', ready: '1/1', restarts: 1},
						{name: 'bluegreen-demo-6cbccd9f99-rk2c8', status: 'Running', ready: '1/1', restarts: 0},
					],
				},
			],
			analysisRuns: [],
			experiments: [],
		});
		expect((revisions[1]?.['replicaSets'] as Array<Record<string, unknown>>)[0]).toMatchObject({tags: ['stable', 'active']});
		const pod0 = ((revisions[0]?.['replicaSets'] as Array<Record<string, unknown>>)[0]?.['pods'] as Array<Record<string, unknown>>)[0];
		expect(Object.keys(pod0 ?? {}).slice(0, 4)).toEqual(['name', 'status', 'ready', 'restarts']);
	});

	it('is {"rollouts": []} for nothing', () => {
		expect(toJson([])).toBe('{\n  "rollouts": [],\n  "ingressSwitches": []\n}\n');
	});
});

describe('toJson: steps, pause, traffic routing, analysis metrics, workloadRef', () => {
	const NOW_MS = Date.parse('2026-11-09T15:35:00Z');
	const derive = (sets: Parameters<typeof deriveRollouts>[0]) => JSON.parse(toJson(deriveRollouts(sets, NOW_MS), NOW_MS)).rollouts[0];

	it('a canary at a timed pause: steps with states, the pause with its remaining seconds, traffic routing', () => {
		const ro = derive({
			...emptyObjectSets(),
			rollouts: [
				{
					metadata: {name: 'c', namespace: 'default', uid: 'u'},
					spec: {
						workloadRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'},
						strategy: {canary: {canaryService: 'c-canary', stableService: 'c-stable', trafficRouting: {nginx: {stableIngress: 'c'}}, steps: [{setWeight: 20}, {pause: {duration: '5m'}}, {setWeight: 100}]}},
					},
					status: {
						currentStepIndex: 1,
						pauseConditions: [{reason: 'CanaryPauseStep', startTime: '2026-11-09T15:33:00Z'}],
						canary: {weights: {canary: {weight: 20, serviceName: 'c-canary', podTemplateHash: 'b'}, stable: {weight: 80, serviceName: 'c-stable', podTemplateHash: 'a'}}},
					},
				},
			],
		});
		expect(ro.steps).toEqual([
			{index: 0, kind: 'setWeight', text: 'setWeight 20', state: 'done'},
			{index: 1, kind: 'pause', text: 'pause 5m', state: 'current'},
			{index: 2, kind: 'setWeight', text: 'setWeight 100', state: 'pending'},
		]);
		expect(ro.pause).toEqual({reason: 'CanaryPauseStep', startedAt: '2026-11-09T15:33:00Z', resumesAt: '2026-11-09T15:38:00.000Z', remainingSeconds: 180});
		expect(ro.trafficRouting).toMatchObject({
			type: 'nginx',
			canaryService: {name: 'c-canary', exists: false},
			stableService: {name: 'c-stable', exists: false},
			weights: {canary: {weight: 20, serviceName: 'c-canary', podTemplateHash: 'b'}, stable: {weight: 80}, additional: [], verified: null},
		});
		expect(Object.keys(ro.trafficRouting).slice(0, 4)).toEqual(['type', 'canaryService', 'stableService', 'weights']);
		expect(ro.workloadRef).toEqual({kind: 'Deployment', name: 'web', found: false, images: []});
	});

	it('blue-green: steps null; analysis runs carry kind, message and metrics', () => {
		const ro = derive({
			...emptyObjectSets(),
			rollouts: [{metadata: {name: 'b', namespace: 'default', uid: 'u'}, spec: {strategy: {blueGreen: {activeService: 'b'}}}}],
			analysisRuns: [
				{
					metadata: {name: 'r', namespace: 'default', labels: {'rollout-type': 'PrePromotion'}, ownerReferences: [{uid: 'u'}]},
					spec: {metrics: [{name: 'm', count: 2, successCondition: 'result == 1', provider: {web: {url: 'u'}}}]},
					status: {phase: 'Failed', message: 'no', metricResults: [{name: 'm', phase: 'Failed', failed: 1, measurements: [{phase: 'Failed', value: '0', startedAt: 's', finishedAt: 'f', message: 'x'}]}]},
				},
			],
		});
		expect([ro.steps, ro.pause, ro.trafficRouting, ro.workloadRef]).toEqual([null, null, null, null]);
		const run = ro.revisions[0].analysisRuns[0];
		expect([run.kind, run.message]).toEqual(['PrePromotion', 'no']);
		expect(Object.keys(run.metrics[0]).slice(0, 13)).toEqual(['name', 'provider', 'phase', 'successCondition', 'failureCondition', 'count', 'failureLimit', 'inconclusiveLimit', 'successful', 'failed', 'inconclusive', 'error', 'measurements']);
		expect(run.metrics[0]).toMatchObject({count: 2, failureLimit: null, measurements: [{phase: 'Failed', value: '0', startedAt: 's', finishedAt: 'f', message: 'x'}]});
	});
});
