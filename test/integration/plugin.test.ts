/**
 * The official `kubectl-argo-rollouts` plugin (built from the same Argo release)
 * against the local cluster: a reference for what the TUI shows.
 */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, test} from 'vitest';
import {blueGreenManifest, createBlueGreen, createNamespace, getCluster, getRollout, waitFor} from './helpers.js';

const execFileP = promisify(execFile);

async function plugin(args: string[]): Promise<{stdout: string; stderr: string; code: number}> {
	try {
		const {stdout, stderr} = await execFileP(getCluster().pluginBinary, args, {
			timeout: 30_000,
			env: {...process.env, KUBECONFIG: '', NO_COLOR: '1'},
		});
		return {stdout, stderr, code: 0};
	} catch (error) {
		const e = error as {stdout?: string; stderr?: string; code?: number};
		return {stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1};
	}
}

describe('kubectl-argo-rollouts plugin', () => {
	test('get rollout prints the tree of a Healthy rollout', async () => {
		const {kubeconfig, kubeconfigReadonly} = getCluster();
		const namespace = await createNamespace('plugin');
		const name = 'plugin-demo';
		await createBlueGreen(blueGreenManifest({name, namespace, replicas: 2}));
		await waitFor(async () => (await getRollout(namespace, name)).status?.phase === 'Healthy', {
			timeoutMs: 45_000,
			description: 'the rollout to become Healthy',
		});

		const admin = await plugin(['get', 'rollout', name, '-n', namespace, '--kubeconfig', kubeconfig]);
		expect(admin.code, admin.stderr).toBe(0);
		expect(admin.stdout).toContain(name);
		expect(admin.stdout).toContain('Healthy');
		expect(admin.stdout).toMatch(/BlueGreen/);
		expect(admin.stdout).toMatch(/ReplicaSet/);

		// The read-only user can look, but not act.
		const viewer = await plugin(['get', 'rollout', name, '-n', namespace, '--kubeconfig', kubeconfigReadonly]);
		expect(viewer.code, viewer.stderr).toBe(0);
		expect(viewer.stdout).toContain('Healthy');
		const denied = await plugin(['restart', name, '-n', namespace, '--kubeconfig', kubeconfigReadonly]);
		expect(denied.code).not.toBe(0);
		expect(denied.stderr + denied.stdout).toMatch(/forbidden/i);
	});
});
