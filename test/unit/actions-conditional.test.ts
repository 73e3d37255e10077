import {describe, expect, it} from 'vitest';
import {conditionalOn, isPreconditionFailure} from '../../source/actions/conditional.js';
import {describeStep} from '../../source/actions/execute.js';
import {conflictMessage, describeFailure} from '../../source/actions/failure.js';
import {displayServer} from '../../source/kube/error-words.js';
import {isRefusal, planAction, type PatchStep} from '../../source/actions/plan.js';
import {blueGreen, blueGreenReplicaSets, pausedBlueGreen, template, YELLOW} from './actions-fixtures.js';

describe('conditionalOn', () => {
	it('merge patch: adds metadata.resourceVersion to the body', () => {
		const step: PatchStep = {subresource: 'status', type: 'merge', body: {status: {pauseConditions: null}}};
		expect(conditionalOn(step, '4711')).toEqual({
			subresource: 'status',
			type: 'merge',
			body: {status: {pauseConditions: null}, metadata: {resourceVersion: '4711'}},
		});
		// The plan's step is not modified.
		expect(step.body).toEqual({status: {pauseConditions: null}});
	});

	it('JSON patch: prepends a test op on /metadata/resourceVersion', () => {
		const replace = {op: 'replace', path: '/spec/template', value: {}};
		const step: PatchStep = {subresource: null, type: 'json', body: [replace]};
		expect(conditionalOn(step, '99').body).toEqual([
			{op: 'test', path: '/metadata/resourceVersion', value: '99'},
			replace,
		]);
	});

	it('every step of a real plan can be wrapped', () => {
		const rollout = pausedBlueGreen();
		rollout.spec!.paused = true;
		const plan = planAction('promote', rollout, blueGreenReplicaSets());
		if (isRefusal(plan)) throw new Error('refused');
		const [first, second] = plan.patches.map((step, i) => conditionalOn(step, i === 0 ? plan.rollout.resourceVersion : '4712'));
		expect(first!.body).toEqual({spec: {paused: false}, metadata: {resourceVersion: '4711'}});
		expect(second!.body).toEqual({status: {pauseConditions: null}, metadata: {resourceVersion: '4712'}});
		const undo = planAction('undo', blueGreen({}, {template: template(YELLOW)}), blueGreenReplicaSets());
		if (isRefusal(undo)) throw new Error('refused');
		expect((conditionalOn(undo.patches[0]!, '4711').body as unknown[])[0]).toEqual({
			op: 'test',
			path: '/metadata/resourceVersion',
			value: '4711',
		});
	});

	it('without a resourceVersion the step is sent as is', () => {
		const step: PatchStep = {subresource: null, type: 'merge', body: {spec: {paused: true}}};
		expect(conditionalOn(step, '')).toBe(step);
	});
});

describe('isPreconditionFailure', () => {
	it('409 always', () => {
		expect(isPreconditionFailure(409, null)).toBe(true);
	});

	it('422 from our failed test op', () => {
		expect(
			isPreconditionFailure(422, {
				code: 422,
				reason: 'Invalid',
				message: 'the server rejected our request due to an error in our request',
				details: {causes: [{message: 'testing value /metadata/resourceVersion failed: test failed'}]},
			}),
		).toBe(true);
	});

	it('other 422s are not', () => {
		expect(isPreconditionFailure(422, {message: 'spec.replicas: Invalid value: -1'})).toBe(false);
		expect(isPreconditionFailure(403, null)).toBe(false);
	});
});

/** What client-node 1.4 throws for a non-2xx answer: an ApiException with the Status as JSON text. */
function apiException(code: number, status: object) {
	return Object.assign(new Error(`HTTP-Code: ${code}`), {code, body: JSON.stringify(status), headers: {}});
}

describe('describeFailure', () => {
	const patchStatus = {verb: 'patch' as const, resource: 'rollouts/status', namespace: 'shop', name: 'demo', server: 'https://127.0.0.1:6443'};

	it('403 names verb, resource with subresource, and namespace', () => {
		const error = apiException(403, {
			kind: 'Status',
			code: 403,
			reason: 'Forbidden',
			message: 'rollouts.argoproj.io "demo" is forbidden: User "viewer" cannot patch resource "rollouts/status" ...',
			details: {name: 'demo', group: 'argoproj.io', kind: 'rollouts'},
		});
		expect(describeFailure(error, patchStatus)).toEqual({
			kind: 'forbidden',
			message: 'forbidden: you cannot patch rollouts/status in namespace shop',
		});
		expect(describeFailure(error, {...patchStatus, resource: 'rollouts'}).message).toBe(
			'forbidden: you cannot patch rollouts in namespace shop',
		);
	});

	it('409 and the test-op 422 are conflicts', () => {
		expect(describeFailure(apiException(409, {code: 409, reason: 'Conflict'}), patchStatus).kind).toBe('conflict');
		const failedTest = apiException(422, {code: 422, details: {causes: [{message: 'testing value /metadata/resourceVersion failed'}]}});
		expect(describeFailure(failedTest, patchStatus).kind).toBe('conflict');
	});

	it('conflict wording', () => {
		expect(conflictMessage('5000')).toBe(
			'rollout changed since you looked at it (now at resourceVersion 5000); nothing was written — review and try again',
		);
	});

	it('404, 422, 401, 500', () => {
		expect(describeFailure(apiException(404, {code: 404, reason: 'NotFound'}), {...patchStatus, resource: 'rollouts'})).toEqual({
			kind: 'notFound',
			message: "rollout 'demo' not found in namespace shop",
		});
		expect(describeFailure(apiException(422, {code: 422, message: 'Rollout "demo" is invalid: spec.replicas'}), patchStatus)).toEqual({
			kind: 'invalid',
			message: 'invalid: Rollout "demo" is invalid: spec.replicas',
		});
		expect(describeFailure(Object.assign(new Error('x'), {code: 401, body: undefined}), patchStatus).message).toMatch(/^unauthorized/);
		expect(describeFailure(apiException(500, {message: 'etcd down'}), patchStatus)).toEqual({
			kind: 'other',
			message: 'patch rollouts/status failed: API server answered 500: etcd down',
		});
	});

	it('connection errors in words, without credentials', () => {
		const refused = Object.assign(new Error('request to https://127.0.0.1:1/x failed, reason: connect ECONNREFUSED'), {
			name: 'FetchError',
			type: 'system',
			code: 'ECONNREFUSED',
		});
		expect(describeFailure(refused, {...patchStatus, server: 'https://admin:secret@127.0.0.1:1'})).toEqual({
			kind: 'unreachable',
			message: 'cannot reach https://127.0.0.1:1: connection refused (ECONNREFUSED)',
		});
		const tls = Object.assign(new Error('self signed'), {name: 'FetchError', code: 'DEPTH_ZERO_SELF_SIGNED_CERT'});
		expect(describeFailure(tls, patchStatus).message).toBe(
			'cannot reach https://127.0.0.1:6443: its TLS certificate is self-signed and not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)',
		);
		expect(displayServer('https://user:pw@example.com:443/prefix?token=x#y')).toBe('https://example.com/prefix');
	});
});

describe('describeStep', () => {
	it('names the fields a step writes', () => {
		expect(describeStep({subresource: 'status', type: 'merge', body: {status: {pauseConditions: null, currentStepIndex: 2}}})).toBe(
			'status.pauseConditions, status.currentStepIndex',
		);
		expect(describeStep({subresource: null, type: 'merge', body: {spec: {paused: false}}})).toBe('spec.paused');
		expect(describeStep({subresource: null, type: 'json', body: [{op: 'replace', path: '/spec/template'}]})).toBe('spec.template');
	});
});
