// executePlan's request handling (content types, resourceVersion chaining,
// conflict handling) against a scripted loopback server. What the real API
// server and controller do is covered by test/integration/actions.test.ts.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {KubeConfig} from '@kubernetes/client-node';
import {afterEach, describe, expect, it} from 'vitest';
import {executePlan} from '../../source/actions/execute.js';
import type {ActionPlan} from '../../source/actions/plan.js';

interface Seen {
	method: string;
	path: string;
	query: URLSearchParams;
	contentType: string | undefined;
	body: unknown;
}

type Reply = {code: number; body: unknown};

class ScriptedServer {
	readonly seen: Seen[] = [];
	private readonly server: http.Server;

	constructor(private readonly script: (request: Seen, index: number) => Reply) {
		this.server = http.createServer((req, res) => {
			let raw = '';
			req.on('data', (chunk) => (raw += chunk));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://localhost');
				const request: Seen = {
					method: req.method ?? '',
					path: url.pathname,
					query: url.searchParams,
					contentType: req.headers['content-type'],
					body: raw ? JSON.parse(raw) : undefined,
				};
				this.seen.push(request);
				const reply = this.script(request, this.seen.length - 1);
				res.writeHead(reply.code, {'Content-Type': 'application/json'});
				res.end(JSON.stringify(reply.body));
			});
		});
	}

	async listen(): Promise<KubeConfig> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		const kc = new KubeConfig();
		kc.loadFromOptions({
			clusters: [{name: 'fake', server: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`, skipTLSVerify: true}],
			users: [{name: 'u', token: 'secret-token'}],
			contexts: [{name: 'fake', cluster: 'fake', user: 'u'}],
			currentContext: 'fake',
		});
		return kc;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

let server: ScriptedServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function serve(script: (request: Seen, index: number) => Reply): Promise<KubeConfig> {
	server = new ScriptedServer(script);
	return server.listen();
}

const rollout = (resourceVersion: string, generation = 3) => ({
	apiVersion: 'argoproj.io/v1alpha1',
	kind: 'Rollout',
	metadata: {name: 'demo', namespace: 'shop', resourceVersion, generation},
});

const status = (code: number, reason: string, message: string, details: object = {}) => ({
	kind: 'Status',
	apiVersion: 'v1',
	status: 'Failure',
	code,
	reason,
	message,
	details,
});

const twoSteps: ActionPlan = {
	action: 'promote',
	rollout: {namespace: 'shop', name: 'demo', resourceVersion: '100'},
	patches: [
		{subresource: null, type: 'merge', body: {spec: {paused: false}}},
		{subresource: 'status', type: 'merge', body: {status: {pauseConditions: null}}},
	],
	summary: 'Promote demo?',
};

const undoPlan: ActionPlan = {
	action: 'undo',
	rollout: {namespace: 'shop', name: 'demo', resourceVersion: '100'},
	patches: [{subresource: null, type: 'json', body: [{op: 'replace', path: '/spec/template', value: {}}]}],
	summary: 'Roll back demo?',
	targetRevision: 1,
};

const ROLLOUT_PATH = '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/demo';

describe('executePlan', () => {
	it('sends each step to the right path with its content type, chaining resourceVersions', async () => {
		const kc = await serve((_request, index) => ({code: 200, body: rollout(String(101 + index))}));
		const result = await executePlan(kc, twoSteps);
		expect(result).toEqual({ok: true, message: "rollout 'demo' promoted", resourceVersion: '102'});
		const [spec, statusPatch] = server!.seen;
		expect(spec).toMatchObject({method: 'PATCH', path: ROLLOUT_PATH, contentType: 'application/merge-patch+json'});
		expect(spec!.body).toEqual({spec: {paused: false}, metadata: {resourceVersion: '100'}});
		expect(spec!.query.get('fieldManager')).toBe('rollouts-tui');
		expect(statusPatch).toMatchObject({method: 'PATCH', path: `${ROLLOUT_PATH}/status`, contentType: 'application/merge-patch+json'});
		expect(statusPatch!.body).toEqual({status: {pauseConditions: null}, metadata: {resourceVersion: '101'}});
	});

	it('JSON patches go as application/json-patch+json with a leading test op', async () => {
		const kc = await serve(() => ({code: 200, body: rollout('101')}));
		expect(await executePlan(kc, undoPlan)).toMatchObject({ok: true, message: "rollout 'demo' undo"});
		expect(server!.seen[0]!.contentType).toBe('application/json-patch+json');
		expect(server!.seen[0]!.body).toEqual([
			{op: 'test', path: '/metadata/resourceVersion', value: '100'},
			{op: 'replace', path: '/spec/template', value: {}},
		]);
	});

	it('first step conflict: nothing written, names the current resourceVersion', async () => {
		const kc = await serve((request) =>
			request.method === 'GET' ? {code: 200, body: rollout('250')} : {code: 409, body: status(409, 'Conflict', 'the object has been modified')},
		);
		expect(await executePlan(kc, twoSteps)).toEqual({
			ok: false,
			kind: 'conflict',
			message: 'rollout changed since you looked at it (now at resourceVersion 250); nothing was written — review and try again',
		});
		expect(server!.seen.filter((r) => r.method === 'PATCH')).toHaveLength(1);
	});

	it('a failed test op (bare 422) is a conflict when the version moved on', async () => {
		const kc = await serve((request) =>
			request.method === 'GET'
				? {code: 200, body: rollout('250')}
				: {code: 422, body: status(422, 'Invalid', 'the server rejected our request due to an error in our request')},
		);
		expect(await executePlan(kc, undoPlan)).toMatchObject({ok: false, kind: 'conflict', message: expect.stringContaining('resourceVersion 250')});
	});

	it('a 422 with the version unchanged stays "invalid"', async () => {
		const kc = await serve((request) =>
			request.method === 'GET'
				? {code: 200, body: rollout('100')}
				: {code: 422, body: status(422, 'Invalid', 'Rollout.argoproj.io "demo" is invalid: spec.template: Required value')},
		);
		expect(await executePlan(kc, undoPlan)).toEqual({
			ok: false,
			kind: 'invalid',
			message: 'invalid: Rollout.argoproj.io "demo" is invalid: spec.template: Required value',
		});
	});

	it('later step: a controller status write (same generation) is retried on the fresh version', async () => {
		const kc = await serve((request, index) => {
			if (index === 0) return {code: 200, body: rollout('101', 4)};
			if (index === 1) return {code: 409, body: status(409, 'Conflict', 'modified')};
			if (request.method === 'GET') return {code: 200, body: rollout('105', 4)};
			return {code: 200, body: rollout('106', 4)};
		});
		expect(await executePlan(kc, twoSteps)).toEqual({ok: true, message: "rollout 'demo' promoted", resourceVersion: '106'});
		const patches = server!.seen.filter((r) => r.method === 'PATCH');
		expect(patches.map((r) => (r.body as {metadata: {resourceVersion: string}}).metadata.resourceVersion)).toEqual(['100', '101', '105']);
	});

	it('later step: a spec change by someone else (new generation) is not overridden', async () => {
		const kc = await serve((request, index) => {
			if (index === 0) return {code: 200, body: rollout('101', 4)};
			if (request.method === 'GET') return {code: 200, body: rollout('110', 5)};
			return {code: 409, body: status(409, 'Conflict', 'modified')};
		});
		expect(await executePlan(kc, twoSteps)).toEqual({
			ok: false,
			kind: 'conflict',
			message:
				'promote partly applied: spec.paused written, but not status.pauseConditions — the rollout was changed by someone else in between (now at resourceVersion 110); review and try again',
		});
	});

	it('403 on the status subresource names it', async () => {
		const kc = await serve((request) =>
			request.path.endsWith('/status')
				? {code: 403, body: status(403, 'Forbidden', 'User "u" cannot patch ...', {name: 'demo', group: 'argoproj.io', kind: 'rollouts'})}
				: {code: 200, body: rollout('101')},
		);
		const result = await executePlan(kc, {...twoSteps, patches: [twoSteps.patches[1]!]});
		expect(result).toEqual({ok: false, kind: 'forbidden', message: 'forbidden: you cannot patch rollouts/status in namespace shop'});
	});

	it('unreachable server: words, not the token', async () => {
		const kc = await serve(() => ({code: 200, body: {}}));
		await server!.close();
		server = undefined;
		const result = await executePlan(kc, twoSteps);
		expect(result).toMatchObject({ok: false, kind: 'unreachable'});
		expect((result as {message: string}).message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)$/);
		expect(JSON.stringify(result)).not.toContain('secret-token');
	});
});
