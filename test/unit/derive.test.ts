import {describe, expect, it} from 'vitest';
import {ObjectIndex, deriveRollout, deriveRollouts} from '../../source/model/derive.js';
import type {AnalysisRun, Experiment, ObjectSets, Service} from '../../source/domain/raw.js';
import {NOW, ROLLOUT_UID, blueGreen, canary, loadList, objects, pod, replicaSet} from './builders.js';

const STEPS = [{setWeight: 20}, {pause: {}}, {setWeight: 50}, {pause: {duration: '30s'}}];

/** A canary mid-update: stable "aaa" with 3 available pods, canary "bbb" with 1. */
function canaryAt(index: number | undefined, over: Record<string, unknown> = {}) {
	const ro = canary({
		spec: {strategy: {canary: {steps: STEPS, ...((over['canary'] as object) ?? {})}}},
		status: {
			stableRS: 'aaa',
			currentPodHash: 'bbb',
			currentStepIndex: index,
			replicas: 4,
			updatedReplicas: 1,
			availableReplicas: 4,
			...((over['status'] as object) ?? {}),
		},
	});
	const sets = objects({
		rollouts: [ro],
		replicaSets: [replicaSet('can-aaa', 'aaa', 1), replicaSet('can-bbb', 'bbb', 2, {spec: {replicas: 1}, status: {replicas: 1, readyReplicas: 1, availableReplicas: 1}})],
	});
	return deriveRollout(ro, sets, NOW);
}

describe('canary step and weights', () => {
	it('mid-update without traffic routing: weight from available canary pods', () => {
		const v = canaryAt(1);
		expect([v.step, v.setWeight, v.actualWeight]).toEqual(['1/4', 20, 25]);
	});

	it('setWeight is the last setWeight at or before the current step', () => {
		expect(canaryAt(2).setWeight).toBe(50);
		expect(canaryAt(3).setWeight).toBe(50);
		expect(canaryAt(0).setWeight).toBe(20);
	});

	it('0 before the first setWeight step', () => {
		const ro = canary({spec: {strategy: {canary: {steps: [{pause: {}}, {setWeight: 20}]}}}, status: {currentStepIndex: 0, currentPodHash: 'bbb'}});
		expect(deriveRollout(ro, objects({rollouts: [ro]}), NOW).setWeight).toBe(0);
	});

	it('all steps done: max weight', () => {
		const v = canaryAt(4);
		expect([v.step, v.setWeight, v.actualWeight]).toEqual(['4/4', 100, 100]);
	});

	it('no currentStepIndex yet: no step shown, index counts as 0', () => {
		const v = canaryAt(undefined);
		expect([v.step, v.setWeight, v.actualWeight]).toEqual([null, 20, 25]);
	});

	it('no steps: no step, 100/100', () => {
		const ro = canary({spec: {strategy: {canary: {steps: []}}}, status: {currentStepIndex: 0}});
		const v = deriveRollout(ro, objects({rollouts: [ro]}), NOW);
		expect([v.step, v.setWeight, v.actualWeight]).toEqual([null, 100, 100]);
	});

	it('aborted: setWeight 0', () => {
		expect(canaryAt(1, {status: {abort: true}}).setWeight).toBe(0);
	});

	it('no available replicas: actual weight 0', () => {
		expect(canaryAt(1, {status: {availableReplicas: 0}}).actualWeight).toBe(0);
	});

	it('traffic routing: actual weight from status.canary.weights, else setWeight', () => {
		const routing = {trafficRouting: {nginx: {stableIngress: 'demo'}}};
		expect(canaryAt(1, {canary: routing, status: {canary: {weights: {canary: {weight: 15}, stable: {weight: 85}}}}}).actualWeight).toBe(15);
		expect(canaryAt(1, {canary: routing}).actualWeight).toBe(20);
	});

	it('traffic routing with maxTrafficWeight scales the finished weight', () => {
		const v = canaryAt(4, {canary: {trafficRouting: {maxTrafficWeight: 1000, nginx: {}}}});
		expect([v.setWeight, v.actualWeight]).toEqual([1000, 1000]);
	});

	it('blue-green has no step or weights', () => {
		const ro = blueGreen();
		const v = deriveRollout(ro, objects({rollouts: [ro]}), NOW);
		expect([v.step, v.setWeight, v.actualWeight]).toEqual([null, null, null]);
	});

	it('canary services go in stable/canary, not active/preview', () => {
		const ro = canary({spec: {strategy: {canary: {stableService: 'demo-stable', canaryService: 'demo-canary'}}}, status: {stableRS: 'aaa', currentPodHash: 'bbb'}});
		const svc = (name: string, hash: string): Service => ({metadata: {name, namespace: 'default'}, spec: {selector: {'rollouts-pod-template-hash': hash}}});
		const v = deriveRollout(
			ro,
			objects({rollouts: [ro], replicaSets: [replicaSet('can-aaa', 'aaa', 1), replicaSet('can-bbb', 'bbb', 2)], services: [svc('demo-stable', 'aaa'), svc('demo-canary', 'bbb')]}),
			NOW,
		);
		expect(v.services.active).toBeNull();
		expect(v.services.preview).toBeNull();
		expect(v.services.stable).toMatchObject({name: 'demo-stable', revision: 1});
		expect(v.services.canary).toMatchObject({name: 'demo-canary', revision: 2});
	});
});

describe('deriveRollouts', () => {
	const run = (name: string, revision: number, created: string, phase = 'Successful'): AnalysisRun => ({
		metadata: {
			name,
			namespace: 'default',
			uid: `${name}-uid`,
			creationTimestamp: created,
			annotations: {'rollout.argoproj.io/revision': String(revision)},
			ownerReferences: [{uid: ROLLOUT_UID}],
		},
		status: {phase, metricResults: [{name: 'm', successful: 2, failed: 1}, {name: 'n', successful: 1, inconclusive: 1, error: 3}]},
	});

	it('groups ReplicaSets, experiments and runs by revision, newest first', () => {
		const ro = canary({status: {stableRS: 'aaa', currentPodHash: 'bbb', currentStepIndex: 1}});
		const exp: Experiment = {
			metadata: {
				name: 'exp-1',
				namespace: 'default',
				uid: 'exp-uid',
				creationTimestamp: '2026-11-09T15:31:00Z',
				annotations: {'rollout.argoproj.io/revision': '3'},
				ownerReferences: [{uid: ROLLOUT_UID}],
			},
			status: {phase: 'Running', message: ''},
		};
		const expRs = replicaSet('exp-1-baseline', 'eee', 0, {
			metadata: {ownerReferences: [{uid: 'exp-uid'}], annotations: {'experiment.argoproj.io/template-name': 'baseline'}},
			spec: {replicas: 1},
			status: {replicas: 1, availableReplicas: 1},
		});
		const v = deriveRollout(
			ro,
			objects({
				rollouts: [ro],
				replicaSets: [replicaSet('b-rs', 'bbb', 3), replicaSet('a-rs', 'aaa', 1), replicaSet('c-rs', 'ccc', 3, {spec: {replicas: 0}, status: {replicas: 0}}), expRs],
				pods: [pod('a-rs-1', 'a-rs-uid'), pod('exp-pod', 'exp-1-baseline-uid')],
				analysisRuns: [
					run('run-b', 3, '2026-11-09T15:32:00Z'),
					run('run-a', 3, '2026-11-09T15:32:00Z', 'Running'),
					run('run-old', 1, '2026-11-02T10:00:00Z'),
					{...run('exp-run', 3, '2026-11-09T15:31:00Z'), metadata: {name: 'exp-run', annotations: {'rollout.argoproj.io/revision': '3'}, ownerReferences: [{uid: 'exp-uid'}]}},
				],
				experiments: [exp],
			}),
			NOW,
		);
		expect(v.revisions.map((r) => r.revision)).toEqual([3, 1]);
		const [r3, r1] = v.revisions;
		expect(r3?.replicaSets.map((rs) => rs.name)).toEqual(['b-rs', 'c-rs']);
		expect(r3?.replicaSets.map((rs) => rs.tags)).toEqual([['canary'], []]);
		// Same revision and creation time: name descending.
		expect(r3?.analysisRuns.map((r) => r.name)).toEqual(['run-b', 'run-a']);
		expect(r3?.analysisRuns[0]).toMatchObject({status: 'Successful', icon: 'ok', counts: {successful: 3, failed: 1, inconclusive: 1, error: 3}});
		expect(r3?.analysisRuns[1]?.icon).toBe('progressing');
		expect(r3?.experiments).toHaveLength(1);
		expect(r3?.experiments[0]).toMatchObject({name: 'exp-1', status: 'Running', icon: 'progressing', revision: 3});
		expect(r3?.experiments[0]?.replicaSets?.map((rs) => [rs.name, rs.tags, rs.template, rs.pods.length])).toEqual([['exp-1-baseline', [], 'baseline', 1]]);
		expect(r3?.experiments[0]?.analysisRuns?.map((r) => r.name)).toEqual(['exp-run']);
		expect(r1?.replicaSets.map((rs) => [rs.name, rs.tags, rs.pods.length])).toEqual([['a-rs', ['stable'], 1]]);
		expect(r1?.analysisRuns.map((r) => r.name)).toEqual(['run-old']);
		expect(v.images).toEqual([
			{image: 'app:aaa', tags: ['stable']},
			{image: 'app:bbb', tags: ['canary']},
			{image: 'app:eee', tags: ['Σ:baseline']},
		]);
		expect(v.currentRevision).toBe(3);
	});

	it('only includes children owned by the rollout UID', () => {
		const ro = blueGreen();
		const foreign = replicaSet('other-rs', 'aaa', 9, {metadata: {ownerReferences: [{uid: 'someone-else'}]}});
		const v = deriveRollout(ro, objects({rollouts: [ro], replicaSets: [replicaSet('bg-aaa', 'aaa', 1), foreign]}), NOW);
		expect(v.revisions.flatMap((r) => r.replicaSets.map((rs) => rs.name))).toEqual(['bg-aaa']);
	});

	it('currentRevision: the current pod hash, else the newest revision', () => {
		const ro = blueGreen({status: {currentPodHash: 'aaa'}});
		const sets = objects({rollouts: [ro], replicaSets: [replicaSet('x-aaa', 'aaa', 4), replicaSet('x-bbb', 'bbb', 5)]});
		expect(deriveRollout(ro, sets, NOW).currentRevision).toBe(4);
		const unknownHash = blueGreen({status: {currentPodHash: 'zzz'}});
		expect(deriveRollout(unknownHash, sets, NOW).currentRevision).toBe(5);
		expect(deriveRollout(ro, objects({rollouts: [ro]}), NOW).currentRevision).toBeNull();
	});

	it('flags: paused, aborted, needsAttention', () => {
		const paused = deriveRollout(blueGreen({status: {pauseConditions: [{reason: 'BlueGreenPause'}]}}), objects(), NOW);
		expect([paused.status, paused.paused, paused.needsAttention]).toEqual(['Paused', true, true]);
		const manual = deriveRollout(blueGreen({spec: {paused: true}}), objects(), NOW);
		expect([manual.paused, manual.needsAttention]).toEqual([true, true]);
		const aborted = deriveRollout(
			blueGreen({status: {abort: true, phase: 'Degraded', message: 'RolloutAborted: x'}}),
			objects(),
			NOW,
		);
		expect([aborted.aborted, aborted.needsAttention, aborted.icon]).toEqual([true, true, 'bad']);
		const healthy = deriveRollout(blueGreen(), objects(), NOW);
		expect([healthy.status, healthy.paused, healthy.aborted, healthy.needsAttention, healthy.icon]).toEqual(['Healthy', false, false, false, 'ok']);
	});

	it('sorts rollouts by namespace, then name', () => {
		const r = (ns: string, name: string, uid: string) => blueGreen({metadata: {namespace: ns, name, uid}});
		const views = deriveRollouts(objects({rollouts: [r('b', 'a', '1'), r('a', 'z', '2'), r('a', 'b', '3')]}), NOW);
		expect(views.map((v) => `${v.namespace}/${v.name}`)).toEqual(['a/b', 'a/z', 'b/a']);
	});

	it('accepts a prebuilt ObjectIndex', () => {
		const ro = blueGreen();
		const sets = objects({rollouts: [ro], replicaSets: [replicaSet('bg-aaa', 'aaa', 1)]});
		expect(deriveRollout(ro, new ObjectIndex(sets), NOW)).toEqual(deriveRollout(ro, sets, NOW));
	});

	it('survives garbage objects without throwing', () => {
		const garbage = [null, undefined, 0, 'x', [], true, {}, {metadata: null}, {metadata: 'x'}, {metadata: {name: 5, ownerReferences: 'x'}}];
		const weird = {
			metadata: {name: 'weird', namespace: 7, uid: ROLLOUT_UID, generation: 'x', annotations: {'rollout.argoproj.io/revision': 3}},
			spec: {replicas: 'three', paused: 'yes', strategy: {canary: {steps: [null, 5, {setWeight: 'x'}], trafficRouting: 'x'}}, template: 7},
			status: {
				observedGeneration: 3,
				pauseConditions: 'x',
				conditions: [null, 'x', {type: 7}],
				currentStepIndex: 'one',
				canary: null,
				blueGreen: 'x',
				replicas: Number.NaN,
			},
		};
		const sets = {
			rollouts: [...garbage, weird, {metadata: {name: 'bg', uid: 'u2'}, spec: {strategy: {blueGreen: {activeService: ['x'], previewService: 'p'}}}, status: null}],
			replicaSets: [...garbage, {metadata: {name: 'rs', uid: 'rs-uid', ownerReferences: [null, {uid: ROLLOUT_UID}], labels: null, annotations: 'x'}, spec: null, status: 'x'}],
			pods: [...garbage, {metadata: {name: 'p', ownerReferences: [{uid: 'rs-uid'}], deletionTimestamp: 5}, spec: {containers: 'x', initContainers: [null]}, status: {initContainerStatuses: [null, {state: 'x'}], containerStatuses: {}}}],
			services: [...garbage, {metadata: {name: 'p', namespace: 'default'}, spec: {selector: 'x'}}],
			ingresses: [...garbage, {metadata: {name: 'i'}, spec: {rules: [null, {host: 5, http: {paths: 'x'}}], defaultBackend: 'x'}}],
			analysisRuns: [...garbage, {metadata: {name: 'r', ownerReferences: [{uid: ROLLOUT_UID}]}, status: {metricResults: [null, {successful: 'x'}]}}],
			experiments: [...garbage, {metadata: {name: 'e', uid: 'e', ownerReferences: [{uid: ROLLOUT_UID}]}, status: 'x'}],
		} as unknown as ObjectSets;
		let views: ReturnType<typeof deriveRollouts> = [];
		expect(() => (views = deriveRollouts(sets, NOW))).not.toThrow();
		expect(views.map((v) => v.name)).toEqual(['bg', 'weird']);
		const w = views[1];
		expect(w?.strategy).toBe('Canary');
		expect(w?.replicas.desired).toBe(1);
		expect(w?.revisions.flatMap((r) => r.replicaSets.map((rs) => rs.pods.map((p) => p.name)))).toEqual([['p']]);
		expect(() => deriveRollouts(null as unknown as ObjectSets, NOW)).not.toThrow();
		expect(deriveRollouts({} as ObjectSets, NOW)).toEqual([]);
		expect(() => deriveRollout(null as never, objects(), NOW)).not.toThrow();
	});

	it('stays linear with thousands of objects', () => {
		const rollouts = [];
		const replicaSets = [];
		const pods = [];
		for (let i = 0; i < 500; i++) {
			const uid = `ro-${i}`;
			rollouts.push(blueGreen({metadata: {name: `ro-${i}`, uid}}));
			for (let r = 1; r <= 3; r++) {
				const rs = replicaSet(`ro-${i}-rs${r}`, `h${r}`, r, {metadata: {ownerReferences: [{uid}]}});
				replicaSets.push(rs);
				for (let p = 0; p < 5; p++) pods.push(pod(`ro-${i}-rs${r}-${p}`, `ro-${i}-rs${r}-uid`));
			}
		}
		const start = performance.now();
		const views = deriveRollouts(objects({rollouts, replicaSets, pods}), NOW);
		const elapsed = performance.now() - start;
		expect(views).toHaveLength(500);
		expect(views[0]?.revisions.flatMap((r) => r.replicaSets.flatMap((rs) => rs.pods))).toHaveLength(15);
		expect(elapsed).toBeLessThan(2000);
	});
});

describe('examples/bluegreen-paused.yaml', () => {
	const sets = loadList(new URL('../../examples/bluegreen-paused.yaml', import.meta.url).pathname);
	const now = Date.parse('2026-11-09T15:35:00Z');

	it('derives the paused blue-green demo', () => {
		const [v, ...rest] = deriveRollouts(sets, now);
		expect(rest).toHaveLength(0);
		expect(v).toMatchObject({
			namespace: 'default',
			name: 'bluegreen-demo',
			strategy: 'BlueGreen',
			status: 'Paused',
			message: 'BlueGreenPause',
			icon: 'paused',
			replicas: {desired: 3, current: 6, updated: 3, ready: 3, available: 3},
			currentRevision: 2,
			paused: true,
			aborted: false,
			needsAttention: true,
		});
		expect(v?.services.active).toEqual({
			name: 'bluegreen-demo',
			hash: '7bf8d7d8b5',
			exists: true,
			replicaSet: 'bluegreen-demo-7bf8d7d8b5',
			revision: 1,
			hosts: ['bluegreen.auto'],
		});
		expect(v?.services.preview).toMatchObject({name: 'bluegreen-demo-preview', hash: '6cbccd9f99', revision: 2, hosts: []});
		expect(v?.revisions.map((r) => [r.revision, r.replicaSets.map((rs) => [rs.tags, rs.pods.length])])).toEqual([
			[2, [[['preview'], 3]]],
			[1, [[['stable', 'active'], 3]]],
		]);
		const restarts = v?.revisions[0]?.replicaSets[0]?.pods.map((p) => [p.name, p.status, p.state, p.restarts]);
		expect(restarts).toEqual([
			['bluegreen-demo-6cbccd9f99-fv5zq', 'Running', 'ready', 0],
			['bluegreen-demo-6cbccd9f99-h7xjm', 'Running', 'ready', 1],
			['bluegreen-demo-6cbccd9f99-rk2c8', 'Running', 'ready', 0],
		]);
	});
});

describe('ownership with many references', () => {
	it('a pod naming its ReplicaSet among 150,000 references, repeats included, is listed once', () => {
		const refs = Array.from({length: 150_000}, (_, i) => ({uid: i % 3 === 0 ? 'rs-1-uid' : `other-${i}`}));
		const p = pod('p-1', 'rs-1-uid', {metadata: {ownerReferences: refs}});
		const [view] = deriveRollouts(objects({rollouts: [blueGreen()], replicaSets: [replicaSet('rs-1', 'aaa', 1)], pods: [p]}), NOW);
		expect(view?.revisions[0]?.replicaSets[0]?.pods.map(x => x.name)).toEqual(['p-1']);
	});
});
