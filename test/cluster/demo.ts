/**
 * The Argo Rollouts getting-started blue-green demo on the local cluster, shown in the TUI.
 *
 *   npm run demo        (tsx test/cluster/demo.ts up)     cluster up, demo objects, wait Healthy, run the TUI
 *                                                          on the demo rollout with the traffic panel on
 *   npm run demo:green  (tsx test/cluster/demo.ts green)  set the image to :green (then promote in the TUI)
 *   tsx test/cluster/demo.ts blue                          set the image back to :blue
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import {adminKubeConfig, build, ClusterError, repoRoot, status, up, waitForDefaultServiceAccount} from './cluster.js';
import {BLUE_IMAGE, blueGreenManifest, ROLLOUT} from './manifests.js';
import {createIfMissing as createOnce, elapsedLogger, runMain} from './script.js';

const NAMESPACE = 'default';
const NAME = 'bluegreen-demo';
const IMAGE = 'argoproj/rollouts-demo';

const say = elapsedLogger(5);
const createIfMissing = (what: string, create: () => Promise<unknown>) => createOnce(what, create, say);

// The active Service is `bluegreen-demo`, the preview Service `bluegreen-demo-preview`.
const demo = blueGreenManifest({
	name: NAME,
	namespace: NAMESPACE,
	image: BLUE_IMAGE,
	autoPromotionEnabled: false,
	replicas: 3,
	// Argo's default, as in the getting-started example: the old ReplicaSet stays up 30 s after a promotion.
	scaleDownDelaySeconds: 30,
	imagePullPolicy: 'Always',
});

const ingress: k8s.V1Ingress = {
	apiVersion: 'networking.k8s.io/v1',
	kind: 'Ingress',
	metadata: {name: NAME, namespace: NAMESPACE},
	spec: {
		rules: [
			{
				host: 'bluegreen.auto',
				http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: NAME, port: {number: 80}}}}]},
			},
		],
	},
};

async function ensureDemo(kc: k8s.KubeConfig): Promise<void> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	await waitForDefaultServiceAccount(kc, NAMESPACE);
	for (const service of [demo.activeService, demo.previewService]) {
		await createIfMissing(`Service ${service.metadata!.name}`, () => core.createNamespacedService({namespace: NAMESPACE, body: service}));
	}
	await createIfMissing(`Ingress ${NAME} (host bluegreen.auto)`, () =>
		kc.makeApiClient(k8s.NetworkingV1Api).createNamespacedIngress({namespace: NAMESPACE, body: ingress}),
	);
	await createIfMissing(`Rollout ${NAME}`, () =>
		kc.makeApiClient(k8s.CustomObjectsApi).createNamespacedCustomObject({...ROLLOUT, namespace: NAMESPACE, body: demo.rollout}),
	);
}

type RolloutStatus = {phase?: string; message?: string; readyReplicas?: number};

async function waitSettled(kc: k8s.KubeConfig, timeoutMs = 120_000): Promise<RolloutStatus> {
	const custom = kc.makeApiClient(k8s.CustomObjectsApi);
	const deadline = Date.now() + timeoutMs;
	let last: RolloutStatus = {};
	while (Date.now() < deadline) {
		const object = (await custom.getNamespacedCustomObject({...ROLLOUT, namespace: NAMESPACE, name: NAME})) as {status?: RolloutStatus};
		last = object.status ?? {};
		// A paused demo (green waiting for promotion) is as settled as a Healthy one.
		if (last.phase === 'Healthy' || last.phase === 'Paused') return last;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	throw new ClusterError(`rollout ${NAMESPACE}/${NAME} did not become Healthy within ${timeoutMs / 1000}s (phase ${last.phase ?? 'none'}: ${last.message ?? ''})`);
}

async function setImage(color: 'blue' | 'green'): Promise<void> {
	const s = await status();
	if (!s.healthy) throw new ClusterError('the cluster is not running; start it with `npm run demo` or `npm run cluster:up`');
	const kc = adminKubeConfig();
	await kc.makeApiClient(k8s.CustomObjectsApi).patchNamespacedCustomObject({
		...ROLLOUT,
		namespace: NAMESPACE,
		name: NAME,
		body: [{op: 'replace', path: '/spec/template/spec/containers/0/image', value: `${IMAGE}:${color}`}],
	});
	say(`set ${NAMESPACE}/${NAME} to ${IMAGE}:${color}`);
	if (color === 'green') say('the new ReplicaSet comes up behind the preview Service; the rollout then pauses until promoted');
}

async function runTui(kubeconfig: string): Promise<number> {
	const cli = path.join(repoRoot, 'dist', 'rollouts-tui.mjs');
	if (!fs.existsSync(cli)) {
		console.error(`\n${path.relative(process.cwd(), cli) || cli} is missing: build the TUI first with \`npm run build\`, then run \`npm run demo\` again.`);
		console.error(`(The cluster keeps running; meanwhile: export KUBECONFIG=${kubeconfig})`);
		return 1;
	}
	// The demo rollout's detail with the traffic panel on: promoting turns its active strip from blue to green (Esc: the list).
	const args = [NAME, '-n', NAMESPACE, '--kubeconfig', kubeconfig, '--traffic'];
	say(`starting the TUI: node dist/rollouts-tui.mjs ${args.join(' ')}`);
	const child = spawn(process.execPath, [cli, ...args], {stdio: 'inherit', cwd: repoRoot});
	return new Promise((resolve) => {
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
		child.on('error', (error) => {
			console.error(error.message);
			resolve(1);
		});
	});
}

async function main(command: string | undefined): Promise<number> {
	switch (command) {
		case 'up': {
			say('building binaries (cached)');
			const binDir = await build({onProgress: (line) => say(line)});
			const result = await up({binDir, owner: 'cli', log: say});
			say(result.reused ? 'reusing the running cluster' : `cluster up in ${(result.elapsedMs / 1000).toFixed(1)}s`);
			const kc = adminKubeConfig();
			await ensureDemo(kc);
			const settled = await waitSettled(kc);
			say(`rollout ${NAME} is ${settled.phase} (${settled.readyReplicas ?? 0} ready)`);
			say(`next: \`npm run demo:green\` in another terminal, then promote in the TUI. Stop the cluster with \`npm run cluster:down\`.`);
			return runTui(result.paths.kubeconfig);
		}
		case 'green':
		case 'blue':
			await setImage(command);
			return 0;
		default:
			console.error('usage: tsx test/cluster/demo.ts up|green|blue');
			return 2;
	}
}

runMain(main);
