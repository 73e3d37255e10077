// 3. Against the local control plane (.cluster/, see test/cluster): 20 blue-green
// rollouts in a fresh namespace, then Source start->ready, change->snapshot
// latency, and the official plugin vs our CLI printing one rollout.
// Skipped with a note when there is no kubeconfig or the API does not answer.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as k8s from '@kubernetes/client-node';
import {createClusterSource} from '../../source/kube/cluster-source.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import type {Source} from '../../source/kube/source.js';
import {median, ms, quantile, sleep, within, type Table} from './util.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const KUBECONFIG = path.join(root, '.cluster', 'kubeconfig');
const PLUGIN = path.join(os.homedir(), '.cache', 'rollouts-tui', 'bin', 'current', 'kubectl-argo-rollouts');
const ROLLOUT = {group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts'} as const;
const COUNT = 20;
const REPLICAS = 3;

export type ClusterResult = {tables: Table[]} | {skipped: string};

export async function benchCluster(): Promise<ClusterResult> {
	if (!fs.existsSync(KUBECONFIG)) return {skipped: `${path.relative(root, KUBECONFIG)} does not exist (npm run cluster:up)`};
	const {kc, server} = loadKubeConfig({kubeconfig: KUBECONFIG});
	if (new URL(server).hostname !== '127.0.0.1') return {skipped: `kubeconfig server ${server} is not 127.0.0.1`};
	const answered = await apiAnswers(kc);
	if (answered !== true) return {skipped: `API server ${server} does not answer: ${answered}`};

	const core = kc.makeApiClient(k8s.CoreV1Api);
	const custom = kc.makeApiClient(k8s.CustomObjectsApi);
	const namespace = `bench-${Date.now().toString(36)}`;
	const notes: string[] = [];
	let completed = false;
	await retry('create namespace', () => core.createNamespace({body: {metadata: {name: namespace}}}), [409]);
	try {
		const setup = await createRollouts(core, custom, namespace);
		notes.push(`setup: ${COUNT} rollouts created; ${setup.healthy}/${COUNT} Healthy with ${REPLICAS}/${REPLICAS} available after ${ms(setup.ms)} (controller + kwok)`);
		const readyRows = await startToReady(kc, namespace);
		const latency = await changeLatency(kc, custom, namespace);
		const cli = await cliVersusPlugin(namespace, 'bg-00');
		completed = true;
		return {
			tables: [
				{
					title: `3a. createClusterSource({namespace}).start() -> ready() (${namespace}: ${COUNT} rollouts, ${COUNT * REPLICAS}+ pods)`,
					head: ['run', 'start -> ready', 'objects in snapshot', 'target'],
					rows: readyRows,
					notes,
				},
				{
					title: '3b. Label patch on a Rollout -> visible in Source.getSnapshot() (raw listener, before the UI 50 ms coalescing)',
					head: ['samples', 'median', 'p95', 'max', 'PATCH round trip (median)', 'target'],
					rows: [latency],
				},
				{
					title: '3c. Print one rollout once (wall time incl. process start, 1 warm-up then 5 runs)',
					head: ['command', 'median', 'min', 'max', 'exit codes', 'output lines', 'target'],
					rows: cli,
				},
			],
		};
	} finally {
		const cleanup = `cleanup: namespace ${namespace} ${await deleteNamespace(core, namespace)}`;
		// On success the tables above (printed after this runs) carry it; on failure say it now.
		if (completed) notes.push(cleanup);
		else console.log(`  (${cleanup})`);
	}
}

async function apiAnswers(kc: k8s.KubeConfig): Promise<true | string> {
	let last = '';
	const start = performance.now();
	for (let attempt = 0; attempt < 10 && performance.now() - start < 20_000; attempt++) {
		try {
			await within(kc.makeApiClient(k8s.VersionApi).getCode(), 3000, 'GET /version');
			return true;
		} catch (error) {
			last = errorLine(error);
			await sleep(2000);
		}
	}
	return last;
}

/** HTTP status of a client-node error; undefined for connection errors. */
const statusOf = (error: unknown) => {
	const code = (error as {code?: unknown}).code;
	return typeof code === 'number' ? code : undefined;
};
const errorLine = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

/**
 * Retries connection errors and 5xx (other test suites restart the API server
 * while this runs), at most 8 attempts or 30 s; `ok` lists statuses that count as done.
 */
async function retry<T>(what: string, call: () => Promise<T>, ok: number[] = []): Promise<T | undefined> {
	const start = performance.now();
	for (let attempt = 1; ; attempt++) {
		try {
			return await within(call(), 10_000, what);
		} catch (error) {
			const status = statusOf(error);
			if (status !== undefined && ok.includes(status)) return undefined;
			const transient = status === undefined || status >= 500;
			if (!transient || attempt >= 8 || performance.now() - start > 30_000) throw new Error(`${what}: ${errorLine(error)}`);
			await sleep(1000 * attempt);
		}
	}
}

async function createRollouts(core: k8s.CoreV1Api, custom: k8s.CustomObjectsApi, namespace: string) {
	const t0 = performance.now();
	await Promise.all(
		Array.from({length: COUNT}, async (_, i) => {
			const name = `bg-${String(i).padStart(2, '0')}`;
			const labels = {app: name};
			const body = {metadata: {name, labels}, spec: {selector: labels, ports: [{name: 'http', port: 80, targetPort: 'http', protocol: 'TCP'}]}};
			await retry(`create Service ${name}`, () => core.createNamespacedService({namespace, body}), [409]);
			await retry(`create Rollout ${name}`, () => custom.createNamespacedCustomObject({
				...ROLLOUT,
				namespace,
				body: {
					apiVersion: 'argoproj.io/v1alpha1',
					kind: 'Rollout',
					metadata: {name, labels},
					spec: {
						replicas: REPLICAS,
						revisionHistoryLimit: 2,
						selector: {matchLabels: labels},
						template: {
							metadata: {labels},
							spec: {containers: [{name, image: 'argoproj/rollouts-demo:blue', ports: [{name: 'http', containerPort: 8080, protocol: 'TCP'}]}]},
						},
						strategy: {blueGreen: {activeService: name}},
					},
				},
			}), [409]);
		}),
	);
	// Bounded wait for the controller and kwok to make every rollout Healthy.
	let healthy = 0;
	for (let i = 0; i < 120 && performance.now() - t0 < 120_000; i++) {
		const list = (await retry('list rollouts', () => custom.listNamespacedCustomObject({...ROLLOUT, namespace}))) as {
			items: Array<{status?: {phase?: string; availableReplicas?: number}}>;
		};
		healthy = list.items.filter((r) => r.status?.phase === 'Healthy' && r.status.availableReplicas === REPLICAS).length;
		if (healthy === COUNT) break;
		await sleep(1000);
	}
	return {healthy, ms: performance.now() - t0};
}

const objectCount = (source: Source) => Object.values(source.getSnapshot().objects).reduce((n, items) => n + items.length, 0);

async function startToReady(kc: k8s.KubeConfig, namespace: string): Promise<string[][]> {
	const rows: string[][] = [];
	const times: number[] = [];
	for (let run = 1; run <= 3; run++) {
		const source = createClusterSource(kc, {namespace});
		const t0 = performance.now();
		source.start();
		try {
			await within(source.ready(), 30_000, 'ready()');
			times.push(performance.now() - t0);
			rows.push([String(run), ms(times.at(-1)!), String(objectCount(source)), '']);
		} catch (error) {
			rows.push([String(run), `failed: ${errorLine(error)}`, '', '']);
		} finally {
			source.stop();
		}
	}
	rows.push(['median', ms(median(times)), '', '(none given)']);
	return rows;
}

async function changeLatency(kc: k8s.KubeConfig, custom: k8s.CustomObjectsApi, namespace: string): Promise<string[]> {
	const source = createClusterSource(kc, {namespace});
	source.start();
	const latencies: number[] = [];
	const roundTrips: number[] = [];
	const failures: string[] = [];
	try {
		await within(source.ready(), 30_000, 'ready()');
		for (let i = 0; i < 20; i++) {
			const name = `bg-${String(i % COUNT).padStart(2, '0')}`;
			const value = `v${i}`;
			const seen = () =>
				source.getSnapshot().objects.rollouts.some((r) => r.metadata?.name === name && r.metadata.labels?.['bench-seq'] === value);
			let unsubscribe = () => {};
			const visible = new Promise<number>((resolve) => {
				unsubscribe = source.subscribe(() => {
					if (seen()) resolve(performance.now());
				});
			});
			const t0 = performance.now();
			try {
				await within(
					custom.patchNamespacedCustomObject({...ROLLOUT, namespace, name, body: [{op: 'add', path: '/metadata/labels/bench-seq', value}]}),
					10_000,
					'PATCH rollout',
				);
				roundTrips.push(performance.now() - t0);
				latencies.push((await within(visible, 10_000, `label ${value} on ${name}`)) - t0);
			} catch (error) {
				failures.push(errorLine(error));
				await sleep(1000);
			} finally {
				unsubscribe();
			}
		}
	} finally {
		source.stop();
	}
	return [`${latencies.length}${failures.length ? ` (${failures.length} failed: ${failures[0]})` : ''}`, ms(median(latencies)), ms(quantile(latencies, 0.95)), ms(Math.max(...latencies)), ms(median(roundTrips)), '(none given)'];
}

function run(command: string, args: string[]): Promise<{ms: number; code: number; lines: number}> {
	const env = {...process.env, NODE_OPTIONS: ''};
	const t0 = performance.now();
	return new Promise((resolve) => {
		execFile(command, args, {cwd: root, env, timeout: 30_000, maxBuffer: 16 << 20}, (error, stdout) => {
			const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
			resolve({ms: performance.now() - t0, code, lines: stdout.trimEnd().split('\n').length});
		});
	});
}

async function cliVersusPlugin(namespace: string, name: string): Promise<string[][]> {
	const common = [name, '-n', namespace, '--kubeconfig', '.cluster/kubeconfig'];
	const commands: Array<[string, string, string[]]> = [
		['kubectl-argo-rollouts get rollout', PLUGIN, ['get', 'rollout', ...common]],
		['node dist/rollouts-tui.mjs -o text', process.execPath, ['dist/rollouts-tui.mjs', ...common, '-o', 'text']],
	];
	const rows: string[][] = [];
	for (const [label, command, args] of commands) {
		if (!fs.existsSync(command) || (command === process.execPath && !fs.existsSync(path.join(root, 'dist', 'rollouts-tui.mjs')))) {
			rows.push([label, 'missing', '', '', '', '', '']);
			continue;
		}
		await run(command, args); // warm-up (page cache)
		const results = [];
		for (let i = 0; i < 5; i++) results.push(await run(command, args));
		const times = results.map((r) => r.ms);
		rows.push([
			label,
			ms(median(times)),
			ms(Math.min(...times)),
			ms(Math.max(...times)),
			[...new Set(results.map((r) => r.code))].join(','),
			String(results[0]!.lines),
			label.startsWith('node') ? 'compare with the plugin' : '',
		]);
	}
	return rows;
}

async function deleteNamespace(core: k8s.CoreV1Api, name: string): Promise<string> {
	const t0 = performance.now();
	try {
		await retry('delete namespace', () => core.deleteNamespace({name}), [404]);
		for (let i = 0; i < 60 && performance.now() - t0 < 60_000; i++) {
			try {
				await within(core.readNamespace({name}), 5000, 'read namespace');
			} catch (error) {
				if ((error as {code?: number}).code === 404) return `deleted in ${ms(performance.now() - t0)}`;
			}
			await sleep(1000);
		}
		return 'delete requested; still terminating after 60 s';
	} catch (error) {
		return `could not be deleted (${errorLine(error)}); delete it by hand: kubectl --kubeconfig .cluster/kubeconfig delete ns ${name}`;
	}
}
