/** Starting a new cluster from nothing (`up()` decides whether one is needed). */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import {createArgoNamespace, crdsEstablished, installArgoCrds} from './crds.js';
import {goModuleDir} from './gomod.js';
import {adminKubeConfig} from './kube.js';
import {writeKwokConfig} from './kwok.js';
import {allocatePorts} from './net.js';
import {startDataPlane} from './dataplane/dataplane.js';
import {choosePodNetwork} from './dataplane/network.js';
import {createNodes, nodeNames, nodesReady} from './nodes.js';
import {
	binaryNames,
	COMPONENTS,
	defaultBinDir,
	logFile,
	type ClusterPaths,
	type ClusterPorts,
	type ClusterState,
	type ComponentName,
	type Context,
} from './paths.js';
import {generatePki, writeKubeconfigs} from './pki.js';
import {spawnComponent} from './processes.js';
import {createReadonlyRbac} from './rbac.js';
import {waitComponent, waitReady} from './readiness.js';
import {ClusterError} from './util.js';

export interface UpOptions {
	/**
	 * The cluster's state directory (default: clusterPaths().stateDir, i.e.
	 * ROLLOUTS_TUI_CLUSTER_DIR or `<repo>/.cluster`). Another directory is another,
	 * independent cluster: its own ports, certificates, lock and processes. Pass the
	 * same directory to down(), stopComponent() and startComponent().
	 */
	stateDir?: string;
	/** Directory holding the binaries (build.sh's last stdout line). Default: defaultBinDir(). */
	binDir?: string;
	/** Number of fake nodes (default 3). */
	nodes?: number;
	/** Progress messages (default: silent). */
	log?: (message: string) => void;
	/** Recorded in the state so a test run only stops clusters it started (default 'cli'). */
	owner?: 'test' | 'cli';
	/**
	 * Run kube-apiserver with its watch cache (default: off, unless ROLLOUTS_TUI_WATCH_CACHE=1).
	 * A freshly restarted apiserver with a watch cache answers every resumed watch with
	 * 410 Gone (its cache has no history) and 429 while the cache fills; the controllers'
	 * client-go reflectors then back off for 30-75 s before they see new objects. Without
	 * the cache, watches are served from etcd, resume from their resourceVersion and the
	 * controllers carry on within a second of a restart. Use `compactEtcd()` to force 410s.
	 */
	watchCache?: boolean;
}

export interface UpResult {
	/** True when an already running, healthy cluster was reused. */
	reused: boolean;
	paths: ClusterPaths;
	ports: ClusterPorts;
	state: ClusterState;
	elapsedMs: number;
}

function resolveBinaries(binDir: string): Record<ComponentName, string> {
	const result = {} as Record<ComponentName, string>;
	const missing: string[] = [];
	for (const component of COMPONENTS) {
		const candidate = path.join(binDir, binaryNames[component]);
		try {
			result[component] = fs.realpathSync(candidate);
		} catch {
			missing.push(candidate);
		}
	}
	if (missing.length > 0) {
		throw new ClusterError(`missing binaries: ${missing.join(', ')}; run \`bash test/cluster/build.sh\` (or \`npm run cluster:build\`)`);
	}
	return result;
}

/** Starts a new cluster: certificates, configuration, then the components in order, waiting for each. */
export async function startFresh(paths: ClusterPaths, options: UpOptions, log: (m: string) => void, t0: number): Promise<UpResult> {
	const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
	const binDir = options.binDir ?? defaultBinDir();
	const binaries = resolveBinaries(binDir);
	await fsp.mkdir(paths.stateDir, {recursive: true});
	await fsp.mkdir(paths.logsDir, {recursive: true});
	// Keep the previous cluster's logs one generation back.
	for (const component of COMPONENTS) {
		const file = logFile(component, paths);
		if (fs.existsSync(file)) await fsp.rename(file, path.join(paths.logsDir, `${component}.prev.log`));
	}
	const ports = await allocatePorts();
	const nodes = nodeNames(options.nodes ?? 3);
	const state: ClusterState = {
		binDir,
		binaries,
		startedAt: new Date().toISOString(),
		owner: options.owner ?? 'cli',
		nodes,
		watchCache: options.watchCache ?? process.env.ROLLOUTS_TUI_WATCH_CACHE === '1',
		podNetwork: choosePodNetwork(paths.stateDir),
	};
	await fsp.writeFile(paths.portsFile, JSON.stringify(ports, null, '\t'));
	await fsp.writeFile(paths.stateFile, JSON.stringify(state, null, '\t'));
	const ctx: Context = {paths, ports, state};

	await Promise.all([generatePki(paths.pkiDir), writeKwokConfig(paths), goModuleDir('argo', 'github.com/argoproj/argo-rollouts')]);
	await writeKubeconfigs(paths, ports);
	log(`certificates and configuration written (${elapsed()})`);

	const start = async (component: ComponentName) => {
		const {pid, logOffset} = await spawnComponent(component, ctx);
		return {component, pid, logOffset};
	};

	const etcd = await start('etcd');
	await waitReady('etcd', etcd.pid, etcd.logOffset, ctx);
	log(`etcd ready on 127.0.0.1:${ports.etcdClient} (${elapsed()})`);

	const apiserver = await start('kube-apiserver');
	await waitReady('kube-apiserver', apiserver.pid, apiserver.logOffset, ctx);
	log(`kube-apiserver ready on https://127.0.0.1:${ports.apiserver} (${elapsed()})`);

	const kc = adminKubeConfig(paths);
	const started = await Promise.all((['kube-controller-manager', 'kube-scheduler', 'kwok'] as const).map(start));

	const apiserverCtx = (what: string, check: () => Promise<boolean>, timeoutMs = 120_000) =>
		waitComponent('kube-apiserver', apiserver.pid, ctx, check, {timeoutMs, what, intervalMs: 300});

	const crdsAndController = (async () => {
		const names = await installArgoCrds(paths, ports);
		await apiserverCtx('the Argo CRDs to be Established', () => crdsEstablished(kc, names));
		await createArgoNamespace(kc);
		log(`Argo Rollouts CRDs established (${elapsed()})`);
	})();
	const nodesUp = (async () => {
		await createNodes(kc, nodes, state.podNetwork);
		const kwok = started.find((s) => s.component === 'kwok')!;
		await waitComponent('kwok', kwok.pid, ctx, () => nodesReady(kc, nodes), {timeoutMs: 120_000, what: `nodes ${nodes.join(', ')} to be Ready`, intervalMs: 300});
		log(`${nodes.length} kwok nodes Ready (${elapsed()})`);
	})();
	const rbac = createReadonlyRbac(kc);
	const health = Promise.all(started.map((s) => waitReady(s.component, s.pid, s.logOffset, ctx))).then(() =>
		log(`kube-controller-manager, kube-scheduler and kwok healthy (${elapsed()})`),
	);
	await Promise.all([crdsAndController, nodesUp, rbac, health]);

	const controller = await start('rollouts-controller');
	const kcm = started.find((s) => s.component === 'kube-controller-manager')!;
	await Promise.all([
		waitReady('rollouts-controller', controller.pid, controller.logOffset, ctx),
		// Proves the controller manager works; pods in `default` need it (ServiceAccount admission).
		waitComponent('kube-controller-manager', kcm.pid, ctx, async () => {
			await kc.makeApiClient(k8s.CoreV1Api).readNamespacedServiceAccount({name: 'default', namespace: 'default'});
			return true;
		}, {timeoutMs: 60_000, what: 'ServiceAccount default/default'}),
	]);
	log(`Argo Rollouts controller ready (${elapsed()})`);
	await startDataPlane(ctx, log);
	return {reused: false, paths, ports, state, elapsedMs: Date.now() - t0};
}
