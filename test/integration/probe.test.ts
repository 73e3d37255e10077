// `rollouts-tui probe` against the local control plane's data plane: real
// Endpoints from kube-controller-manager, real answers from the pod IPs, and
// the errors and latency the data plane was told to produce.
import {spawn} from 'node:child_process';
import * as k8s from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {clusterPaths, dataPlaneStatus, putFaults, serverState} from '../cluster/cluster.js';
import {
	blueGreenManifest,
	createHealthyBlueGreen,
	createNamespace,
	getCluster,
	GREEN_IMAGE,
	kubeConfig,
	setRolloutImage,
	waitFor,
} from './helpers.js';

interface ProbeJson {
	service: string;
	requests: number;
	errors: number;
	latencyMs: {p50: number; p95: number} | null;
	versions: {version: string; answers: number; share: number}[];
	lastError: {kind: string; detail: string} | null;
}

/** Runs the built CLI (async: the data plane's control socket must stay served meanwhile). */
function cli(...args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		const child = spawn('node', ['dist/rollouts-tui.mjs', ...args], {env: {...process.env, KUBECONFIG: ''}});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
		child.on('close', (code) => resolve({code, stdout, stderr}));
	});
}

const paths = () => clusterPaths(getCluster().stateDir);
const socket = () => {
	const status = dataPlaneStatus(paths());
	if (!status.available) throw new Error(`the data plane is not running: ${status.reason}`);
	return status.socket;
};

describe('rollouts-tui probe through the service proxy', () => {
	const name = 'probe-demo';
	let namespace = '';
	const probe = async (...args: string[]) => cli('probe', name, '-n', namespace, '--kubeconfig', getCluster().kubeconfig, ...args);
	const probeJson = async (...args: string[]) => {
		const result = await probe('-o', 'json', ...args);
		return {...result, json: JSON.parse(result.stdout) as ProbeJson};
	};

	beforeAll(async () => {
		socket(); // fails at once, with the reason, when there is no data plane
		namespace = await createNamespace('probe');
		await createHealthyBlueGreen(blueGreenManifest({name, namespace, autoPromotionEnabled: false, replicas: 2}));
		// Endpoints follow the pods' readiness; the answers follow the Endpoints.
		await waitFor(async () => (await probeJson('--count', '5')).json.versions[0]?.share === 1, {timeoutMs: 20_000, description: 'the active Service to answer'});
	}, 120_000);

	afterAll(async () => {
		await putFaults(socket(), {}).catch(() => {});
	});

	it('reports the colour the active pods answer, and passes --expect', async () => {
		const {code, json} = await probeJson('--count', '40', '--rate', '50', '--expect', 'blue');
		expect(code).toBe(0);
		expect(json).toMatchObject({service: name, requests: 40, errors: 0, versions: [{version: 'blue', answers: 40, share: 1}]});
		expect(json.latencyMs!.p95).toBeGreaterThan(0);
	});

	it('reports injected errors and latency as the data plane produced them', async () => {
		await putFaults(socket(), {blue: {errorRate: 0.2, latencyMs: 120}});
		const {code, json, stderr} = await probeJson('--count', '200', '--rate', '50', '--expect', 'blue');
		const truth = (await serverState(socket())).answered['blue']!;
		expect(code, stderr).toBe(1); // 80% blue < 95%
		expect(stderr).toMatch(/blue answered [\d.]+% of 200 requests, below the expected 95%/);
		expect(json.requests).toBe(200);
		// Exactly what the server in the namespace did, and within 5 points of the 20% it was told.
		expect(json.errors).toBe(truth.errors);
		expect(json.versions).toEqual([{version: 'blue', answers: truth.ok, share: truth.ok / 200}]);
		expect(json.errors / json.requests).toBeGreaterThan(0.15);
		expect(json.errors / json.requests).toBeLessThan(0.25);
		expect(json.latencyMs!.p50).toBeGreaterThanOrEqual(120);
		expect(json.latencyMs!.p50).toBeLessThan(600);
		await putFaults(socket(), {});
	});

	it('the preview Service answers the new colour once its pods run', {timeout: 120_000}, async () => {
		await setRolloutImage(namespace, name, GREEN_IMAGE);
		await waitFor(async () => (await probeJson('--service', 'preview', '--count', '5')).json.versions[0]?.version === 'green', {
			timeoutMs: 60_000,
			description: 'the preview Service to answer green',
		});
		const preview = await probeJson('--service', 'preview', '--count', '30', '--rate', '50', '--expect', 'green');
		expect(preview.code).toBe(0);
		const active = await probeJson('--count', '30', '--rate', '50', '--expect', 'blue', '--expect-share', '1');
		expect(active.code, active.stdout + active.stderr).toBe(0);
	});

	it('says so when a Service has no ready endpoints', async () => {
		const core = kubeConfig().makeApiClient(k8s.CoreV1Api);
		await core.createNamespacedService({
			namespace,
			body: {metadata: {name: 'nobody'}, spec: {selector: {app: 'nothing-here'}, ports: [{name: 'http', port: 80, targetPort: 8080}]}},
		});
		const result = await cli('probe', 'nobody', '-n', namespace, '--kubeconfig', getCluster().kubeconfig, '--count', '3', '-o', 'json');
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/every request failed: Service nobody has no ready endpoints/);
		expect((JSON.parse(result.stdout) as ProbeJson).lastError?.kind).toBe('no-endpoints');
	});

	it('a read-only user without services/proxy gets a clear denial', async () => {
		const result = await cli('probe', name, '-n', namespace, '--kubeconfig', getCluster().kubeconfigReadonly, '--count', '2');
		expect(result.code).toBe(1);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/not allowed to proxy to Service probe-demo \(RBAC: services\/proxy\)/);
	});
});
