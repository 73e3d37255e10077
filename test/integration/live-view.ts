// The view rollouts-tui derives, fed by our own watches (the cluster Source)
// against the local control plane; plus the manifests and the loopback HTTP
// server the analysis tests need. Test-only helpers.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import * as k8s from '@kubernetes/client-node';
import {afterAll} from 'vitest';
import {createClusterSource} from '../../source/kube/cluster-source.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import type {Source} from '../../source/kube/source.js';
import {deriveRollouts} from '../../source/model/derive.js';
import type {RolloutView} from '../../source/model/view.js';
import {BLUE_IMAGE, getCluster, kubeConfig, type RolloutObject} from './helpers.js';
import {timeUntil} from './source-helpers.js';

const sources: Source[] = [];
afterAll(() => {
	for (const s of sources.splice(0)) s.stop();
});

export interface LiveView {
	source: Source;
	/** The rollout's view now (undefined until the watches have it). */
	view(name: string): RolloutView | undefined;
	/** Resolves with the view and the wall-clock time (ms) at which `predicate` first held. */
	until(name: string, predicate: (v: RolloutView) => boolean, timeoutMs: number, what: string): Promise<{view: RolloutView; at: number}>;
}

export function liveView(namespace: string): LiveView {
	const {kc} = loadKubeConfig({kubeconfig: getCluster().kubeconfig});
	const source = createClusterSource(kc, {namespace});
	sources.push(source);
	source.start();
	const view = (name: string) => deriveRollouts(source.getSnapshot().objects, Date.now()).find((v) => v.name === name);
	return {
		source,
		view,
		async until(name, predicate, timeoutMs, what) {
			let last: RolloutView | undefined;
			await timeUntil(
				source,
				() => {
					last = view(name);
					return last !== undefined && predicate(last);
				},
				timeoutMs,
				() => `${what} (last: ${JSON.stringify({status: last?.status, message: last?.message, steps: last?.steps?.map((s) => s.state), pause: last?.pause})})`,
			);
			return {view: last!, at: Date.now()};
		},
	};
}

/** A basic canary (no Services, no traffic routing) with these steps. */
export function canaryRollout(name: string, namespace: string, steps: unknown[], replicas = 2): RolloutObject {
	const labels = {app: name};
	return {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Rollout',
		metadata: {name, namespace, labels},
		spec: {
			replicas,
			revisionHistoryLimit: 2,
			selector: {matchLabels: labels},
			template: {
				metadata: {labels},
				spec: {containers: [{name, image: BLUE_IMAGE, imagePullPolicy: 'IfNotPresent', resources: {requests: {cpu: '5m', memory: '32Mi'}}}]},
			},
			strategy: {canary: {steps}},
		},
	};
}

const TEMPLATES = {group: 'argoproj.io', version: 'v1alpha1', plural: 'analysistemplates'} as const;

export async function createAnalysisTemplate(namespace: string, name: string, spec: Record<string, unknown>, kc = kubeConfig()): Promise<void> {
	await kc.makeApiClient(k8s.CustomObjectsApi).createNamespacedCustomObject({
		...TEMPLATES,
		namespace,
		body: {apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: {name, namespace}, spec},
	});
}

/** A web metric measuring `{$.value}` of the URL in args.url: under 100 succeeds, over 500 fails, between is inconclusive. */
export const WEB_CHECK = {
	args: [{name: 'url'}],
	metrics: [
		{name: 'latency', count: 1, successCondition: 'result < 100', failureCondition: 'result > 500', provider: {web: {url: '{{args.url}}', jsonPath: '{$.value}'}}},
	],
};

/** A Job metric: kwok completes the Job's pod, so it succeeds. */
export const JOB_CHECK = {
	metrics: [
		{
			name: 'smoke-job',
			count: 1,
			provider: {
				job: {
					spec: {
						backoffLimit: 0,
						template: {spec: {restartPolicy: 'Never', containers: [{name: 'smoke', image: 'busybox', command: ['true']}]}},
					},
				},
			},
		},
	],
};

/** An HTTP server on 127.0.0.1 answering `/<path>` with `{"value": values[path]}`. */
export async function metricServer(values: Record<string, number>): Promise<{url: (path: string) => string; hits: () => number; close: () => Promise<void>}> {
	let hits = 0;
	const server = http.createServer((req, res) => {
		hits++;
		const value = values[(req.url ?? '/').slice(1)];
		res.writeHead(value === undefined ? 404 : 200, {'content-type': 'application/json'});
		res.end(JSON.stringify({value}));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return {url: (path) => `http://127.0.0.1:${port}/${path}`, hits: () => hits, close};
}
