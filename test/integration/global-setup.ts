/**
 * vitest globalSetup of the `integration` project: makes sure the local control
 * plane with the real Argo Rollouts controller runs (build + up, or reuse a
 * running one), exposes its kubeconfig to the tests and, on teardown, stops it
 * only when a test run started it and no other test run still uses it.
 *
 * Tests read the paths with `inject('clusterKubeconfig')` or the env var
 * ROLLOUTS_TUI_KUBECONFIG (see helpers.ts `getCluster()`).
 * Set ROLLOUTS_TUI_KEEP_CLUSTER=1 to leave the cluster running after the run.
 */
import type {TestProject} from 'vitest/node';
import {build, clusterPaths, down, otherLiveUsers, readStateSync, registerUser, status, unregisterUser, up} from '../cluster/cluster.js';

declare module 'vitest' {
	export interface ProvidedContext {
		clusterKubeconfig: string;
		clusterKubeconfigReadonly: string;
		clusterStateDir: string;
		clusterBinDir: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const t0 = Date.now();
	const log = (message: string) => console.log(`[cluster +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
	const paths = clusterPaths();
	let binDir: string;
	const current = await status(paths);
	if (current.healthy && current.state) {
		binDir = current.state.binDir;
		log('reusing the running cluster');
	} else {
		binDir = await build({onProgress: (line) => log(line)});
		const result = await up({binDir, owner: 'test', log});
		binDir = result.state.binDir;
		log(result.reused ? 'reusing the running cluster' : `cluster up in ${(result.elapsedMs / 1000).toFixed(1)}s`);
	}
	registerUser(process.pid, paths);

	process.env.ROLLOUTS_TUI_KUBECONFIG = paths.kubeconfig;
	process.env.ROLLOUTS_TUI_KUBECONFIG_READONLY = paths.kubeconfigReadonly;
	process.env.ROLLOUTS_TUI_CLUSTER_DIR = paths.stateDir;
	process.env.ROLLOUTS_TUI_BIN_DIR = binDir;
	project.provide('clusterKubeconfig', paths.kubeconfig);
	project.provide('clusterKubeconfigReadonly', paths.kubeconfigReadonly);
	project.provide('clusterStateDir', paths.stateDir);
	project.provide('clusterBinDir', binDir);

	return async () => {
		unregisterUser(process.pid, paths);
		if (process.env.ROLLOUTS_TUI_KEEP_CLUSTER === '1') {
			log('ROLLOUTS_TUI_KEEP_CLUSTER=1: leaving the cluster running');
			return;
		}
		const state = readStateSync(paths);
		if (state?.owner !== 'test') return; // started by `npm run cluster:up`: leave it alone
		if (otherLiveUsers(process.pid, paths).length > 0) {
			log('another test run still uses the cluster; leaving it running');
			return;
		}
		await down();
		log('cluster stopped');
	};
}
