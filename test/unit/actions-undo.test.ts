import {describe, expect, it} from 'vitest';
import {isRefusal, planAction, undoCandidates, type ActionPlan, type Refusal} from '../../source/actions/plan.js';
import {toReplicaSet} from '../../source/domain/normalise.js';
import {parseQuantity, templateDiff, templateMatches, withoutHashLabel} from '../../source/actions/template.js';
import type {ReplicaSet} from '../../source/domain/raw.js';
import {BLUE, blueGreen, blueGreenReplicaSets, GREEN, replicaSet, template, YELLOW} from './actions-fixtures.js';

/** The revision as undo reads it: missing 0, unreadable null. */
const revisionOf = (raw: unknown) => toReplicaSet(raw).revision;

function plan(result: ActionPlan | Refusal): ActionPlan {
	if (isRefusal(result)) throw new Error(`unexpected refusal: ${result.reason}`);
	return result;
}

function reason(result: ActionPlan | Refusal): string {
	if (!isRefusal(result)) throw new Error('expected a refusal');
	return result.reason;
}

/** revisions 1 blue, 2 green, 3 yellow (current template yellow). */
function threeRevisions(): ReplicaSet[] {
	return [
		replicaSet('bluegreen-demo', 'aaa', 1, BLUE),
		replicaSet('bluegreen-demo', 'ccc', 3, YELLOW),
		replicaSet('bluegreen-demo', 'bbb', 2, GREEN),
	];
}

describe('undo: target selection', () => {
	it('default target is the second-highest revision; JSON patch replaces /spec/template without the hash label', () => {
		const rollout = blueGreen({}, {template: template(YELLOW)});
		const p = plan(planAction('undo', rollout, threeRevisions()));
		expect(p.patches).toHaveLength(1);
		const step = p.patches[0]!;
		expect(step.subresource).toBeNull();
		expect(step.type).toBe('json');
		const ops = step.body as Array<{op: string; path: string; value: {metadata: {labels: Record<string, string>}; spec: {containers: Array<{image: string}>}}}>;
		expect(ops).toHaveLength(1);
		expect(ops[0]!.op).toBe('replace');
		expect(ops[0]!.path).toBe('/spec/template');
		expect(ops[0]!.value.metadata.labels).toEqual({app: 'demo'});
		expect(ops[0]!.value.spec.containers[0]!.image).toBe(GREEN);
		// The ReplicaSet's template, defaults and all, as the plugin sends it.
		expect(ops[0]!.value).toEqual(withoutHashLabel(threeRevisions()[2]!.spec!.template!));
		expect(p.summary).toBe('Roll back bluegreen-demo to revision 2 (argoproj/rollouts-demo:green)?');
		expect(p.targetRevision).toBe(2);
	});

	it('does not modify the ReplicaSet passed in', () => {
		const sets = threeRevisions();
		planAction('undo', blueGreen({}, {template: template(YELLOW)}), sets);
		expect(sets[2]!.spec!.template!.metadata!.labels!['rollouts-pod-template-hash']).toBe('bbb');
	});

	it('--to-revision N picks that revision', () => {
		const p = plan(planAction('undo', blueGreen({}, {template: template(YELLOW)}), threeRevisions(), {toRevision: 1}));
		expect((p.patches[0]!.body as Array<{value: {spec: {containers: Array<{image: string}>}}}>)[0]!.value.spec.containers[0]!.image).toBe(BLUE);
		expect(p.targetRevision).toBe(1);
		expect(p.summary).toBe('Roll back bluegreen-demo to revision 1 (argoproj/rollouts-demo:blue)?');
	});

	it('--to-revision of a missing revision: the plugin’s error', () => {
		expect(reason(planAction('undo', blueGreen(), threeRevisions(), {toRevision: 7}))).toBe(
			'unable to find specified revision 7 in history',
		);
	});

	it('only one revision: no revision found', () => {
		expect(reason(planAction('undo', blueGreen(), [replicaSet('bluegreen-demo', 'bbb', 2, GREEN)]))).toBe(
			'no revision found for rollout "bluegreen-demo"',
		);
	});

	it('ignores ReplicaSets controlled by another rollout', () => {
		const sets = [replicaSet('bluegreen-demo', 'bbb', 2, GREEN), replicaSet('other', 'aaa', 1, BLUE, 'other-uid')];
		expect(reason(planAction('undo', blueGreen(), sets))).toBe('no revision found for rollout "bluegreen-demo"');
	});

	it('missing annotation counts as revision 0; non-numeric ones are skipped', () => {
		expect(revisionOf(replicaSet('x', 'h', null, BLUE))).toBe(0);
		expect(revisionOf(replicaSet('x', 'h', 'abc', BLUE))).toBeNull();
		const sets = [replicaSet('bluegreen-demo', 'bbb', 2, GREEN), replicaSet('bluegreen-demo', 'zzz', 'garbage', YELLOW), replicaSet('bluegreen-demo', 'aaa', null, BLUE)];
		const p = plan(planAction('undo', blueGreen(), sets));
		expect(p.targetRevision).toBe(0);
		expect(p.summary).toBe('Roll back bluegreen-demo to ReplicaSet bluegreen-demo-aaa (argoproj/rollouts-demo:blue)?');
	});

	it('template already matches the target (defaults in the ReplicaSet ignored): skipped', () => {
		// Current template is green; revision 2 is green too.
		expect(reason(planAction('undo', blueGreen(), threeRevisions(), {toRevision: 2}))).toBe(
			'skipped: current template already matches revision 2',
		);
	});

	it('workloadRef rollouts are refused', () => {
		const r = planAction('undo', blueGreen({}, {workloadRef: {kind: 'Deployment', name: 'web'}}), threeRevisions());
		expect(reason(r)).toBe('undo of a rollout with spec.workloadRef is not supported');
	});

	it('negative --to-revision is refused', () => {
		expect(reason(planAction('undo', blueGreen(), threeRevisions(), {toRevision: -1}))).toMatch(/^invalid revision -1/);
	});

	it('undoCandidates lists revisions newest first, marking the current one', () => {
		const list = undoCandidates(blueGreen(), threeRevisions());
		expect(list.map((c) => [c.revision, c.replicaSet, c.images, c.current])).toEqual([
			[3, 'bluegreen-demo-ccc', [YELLOW], true],
			[2, 'bluegreen-demo-bbb', [GREEN], false],
			[1, 'bluegreen-demo-aaa', [BLUE], false],
		]);
	});
});

describe('templateMatches (semantic, derivative)', () => {
	const live = replicaSet('r', 'bbb', 2, GREEN).spec!.template!;

	it('equal apart from the hash label and server defaults', () => {
		expect(templateMatches(template(GREEN), live)).toBe(true);
	});

	it('a different image does not match', () => {
		expect(templateMatches(template(BLUE), live)).toBe(false);
	});

	it('empty values in the rollout are the same as missing', () => {
		const desired = template(GREEN);
		desired.metadata!.annotations = {};
		desired.spec!.initContainers = [];
		desired.spec!.containers![0]!.env = [];
		desired.spec!.containers![0]!['command'] = undefined;
		expect(templateMatches(desired, live)).toBe(true);
	});

	it('an extra label in the rollout does not match', () => {
		const desired = template(GREEN);
		desired.metadata!.labels!['tier'] = 'web';
		expect(templateMatches(desired, live)).toBe(false);
	});

	it('a different number of containers does not match', () => {
		const desired = template(GREEN);
		desired.spec!.containers!.push({name: 'sidecar', image: 'envoy'});
		expect(templateMatches(desired, live)).toBe(false);
	});

	it('quantities compare by value', () => {
		const desired = template(GREEN);
		desired.spec!.containers![0]!.resources = {limits: {cpu: '0.5', memory: '1Gi'}};
		const withResources = structuredClone(live);
		withResources.spec!.containers![0]!.resources = {limits: {cpu: '500m', memory: '1024Mi'}};
		expect(templateMatches(desired, withResources)).toBe(true);
		withResources.spec!.containers![0]!.resources = {limits: {cpu: '1', memory: '1024Mi'}};
		expect(templateMatches(desired, withResources)).toBe(false);
	});

	it('parseQuantity', () => {
		expect(parseQuantity('500m')).toBeCloseTo(0.5);
		expect(parseQuantity('1Gi')).toBe(2 ** 30);
		expect(parseQuantity('1e3')).toBe(1000);
		expect(parseQuantity(2)).toBe(2);
		expect(parseQuantity('abc')).toBeNull();
	});
});

describe('templateDiff', () => {
	it('shows image, env and resources changes per container', () => {
		const from = template(GREEN);
		from.spec!.containers![0]!.env = [{name: 'COLOR', value: 'green'}, {name: 'MODE', value: 'prod'}];
		from.spec!.containers![0]!.resources = {limits: {cpu: '500m'}};
		const to = template(BLUE);
		to.spec!.containers![0]!.env = [{name: 'COLOR', value: 'blue'}, {name: 'MODE', value: 'prod'}, {name: 'DEBUG', value: '1'}];
		to.spec!.containers![0]!.resources = {limits: {cpu: '0.5', memory: '128Mi'}};
		expect(templateDiff(from, to)).toEqual([
			{kind: 'same', text: 'label app=demo'},
			{kind: 'same', text: 'container demo'},
			{kind: 'removed', text: `  image: ${GREEN}`},
			{kind: 'added', text: `  image: ${BLUE}`},
			{kind: 'removed', text: '  env COLOR=green'},
			{kind: 'added', text: '  env COLOR=blue'},
			{kind: 'same', text: '  env MODE=prod'},
			{kind: 'same', text: '  resources.limits.cpu: 500m'},
			{kind: 'same', text: '  port 8080/TCP (http)'},
			{kind: 'added', text: '  env DEBUG=1'},
			{kind: 'added', text: '  resources.limits.memory: 128Mi'},
		]);
	});

	it('ignores the hash label and shows added and removed containers', () => {
		const from = template(GREEN);
		const to = replicaSet('r', 'aaa', 1, BLUE).spec!.template!;
		to.spec!.containers!.push({name: 'sidecar', image: 'envoy:1'});
		const lines = templateDiff(from, to);
		expect(lines.some((l) => l.text.includes('rollouts-pod-template-hash'))).toBe(false);
		expect(lines).toContainEqual({kind: 'added', text: 'container sidecar'});
		expect(lines).toContainEqual({kind: 'added', text: '  image: envoy:1'});
	});

	it('identical templates: only same lines', () => {
		expect(templateDiff(template(BLUE), template(BLUE)).every((l) => l.kind === 'same')).toBe(true);
	});

	it('env from a secret is shown as a reference, not a value', () => {
		const to = template(BLUE);
		to.spec!.containers![0]!.env = [{name: 'TOKEN', valueFrom: {secretKeyRef: {name: 's', key: 'k'}}}];
		expect(templateDiff(template(BLUE), to)).toContainEqual({
			kind: 'added',
			text: '  env TOKEN=<from {"secretKeyRef":{"name":"s","key":"k"}}>',
		});
	});
});

it('blueGreenReplicaSets fixture sanity', () => {
	expect(blueGreenReplicaSets().map(revisionOf)).toEqual([1, 2]);
});
