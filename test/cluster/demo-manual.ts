/**
 * Hand-made blue-green (no Argo Rollouts) on the local cluster, shown in the TUI:
 * Deployments blue and green (3 x argoproj/rollouts-demo:blue and :green),
 * blue-service and green-service, and demo-ingress on bluegreen.demo -> blue-service.
 *
 *   npm run demo:manual   cluster up, the objects in namespace manual-demo, wait 3/3 ready, run the TUI
 * In the TUI: Enter on demo-ingress, w switches to green, D scales blue down, U scales it back up.
 */
import {spawn} from 'node:child_process';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import {adminKubeConfig, build, ClusterError, repoRoot, up, waitForDefaultServiceAccount} from './cluster.js';
import {MANUAL_HOST, MANUAL_INGRESS, manualDeployment, manualIngress, manualService} from './manual-manifests.js';
import {createIfMissing as createOnce, elapsedLogger, runMain} from './script.js';

const NAMESPACE = 'manual-demo';
const say = elapsedLogger(5);
const createIfMissing = (what: string, create: () => Promise<unknown>) => createOnce(what, create, say);

async function ensureObjects(kc: k8s.KubeConfig): Promise<void> {
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const apps = kc.makeApiClient(k8s.AppsV1Api);
	await createIfMissing(`namespace ${NAMESPACE}`, () => core.createNamespace({body: {metadata: {name: NAMESPACE}}}));
	await waitForDefaultServiceAccount(kc, NAMESPACE);
	for (const color of ['blue', 'green'] as const) {
		await createIfMissing(`Deployment ${color}`, () => apps.createNamespacedDeployment({namespace: NAMESPACE, body: manualDeployment(NAMESPACE, color)}));
		await createIfMissing(`Service ${color}-service`, () => core.createNamespacedService({namespace: NAMESPACE, body: manualService(NAMESPACE, color)}));
	}
	await createIfMissing(`Ingress ${MANUAL_INGRESS} (host ${MANUAL_HOST})`, () =>
		kc.makeApiClient(k8s.NetworkingV1Api).createNamespacedIngress({namespace: NAMESPACE, body: manualIngress(NAMESPACE)}),
	);
}

async function waitReady(kc: k8s.KubeConfig, timeoutMs = 120_000): Promise<void> {
	const apps = kc.makeApiClient(k8s.AppsV1Api);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await apps.listNamespacedDeployment({namespace: NAMESPACE});
		const ready = list.items.map((d) => `${d.metadata?.name} ${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`);
		if (list.items.length >= 2 && list.items.every((d) => (d.status?.readyReplicas ?? 0) === (d.spec?.replicas ?? 1))) {
			say(`ready: ${ready.join(', ')}`);
			return;
		}
		if (Date.now() > deadline) throw new ClusterError(`the Deployments did not become ready within ${timeoutMs / 1000}s (${ready.join(', ')})`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

async function main(): Promise<number> {
	say('building binaries (cached)');
	const binDir = await build({onProgress: (line) => say(line)});
	const result = await up({binDir, owner: 'cli', log: say});
	const kc = adminKubeConfig();
	await ensureObjects(kc);
	await waitReady(kc);
	const kubeconfig = result.paths.kubeconfig;
	say(`in the TUI: Enter on ${MANUAL_INGRESS}, w switches traffic, D/U scale the idle side. Stop the cluster with \`npm run cluster:down\`.`);
	say(`scripts: node dist/rollouts-tui.mjs switch ${MANUAL_INGRESS} -n ${NAMESPACE} --kubeconfig ${kubeconfig}`);
	const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'rollouts-tui.mjs'), '-n', NAMESPACE, '--kubeconfig', kubeconfig], {stdio: 'inherit', cwd: repoRoot});
	return new Promise((resolve) => {
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
		child.on('error', (error) => {
			console.error(error.message);
			resolve(1);
		});
	});
}

runMain(main);
