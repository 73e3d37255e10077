// The built CLI as scripts use it: print modes against the real cluster, the
// action subcommands, and one-line errors for bad input.
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {blueGreenManifest, createBlueGreen, createNamespace, deleteNamespace, getCluster, getRollout, waitFor} from '../integration/helpers.js';

function cli(...args: string[]) {
	const result = spawnSync('node', ['dist/rollouts-tui.mjs', ...args], {encoding: 'utf8', timeout: 60_000, env: {...process.env, KUBECONFIG: ''}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

function expectOneLineError(result: ReturnType<typeof cli>, pattern: RegExp) {
	expect(result.code).not.toBe(0);
	expect(result.stderr.trim().split('\n')).toHaveLength(1);
	expect(result.stderr).toMatch(pattern);
	expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('bad input gives one clear line and a non-zero exit', () => {
	const dir = tmpdir();
	it.each([
		[['--kubeconfig', '/does/not/exist'], /kubeconfig \/does\/not\/exist: no such file/],
		[['--kubeconfig', writeTmp('broken.yaml', 'clusters: [')], /not valid YAML/],
		[['--kubeconfig', 'KUBECONFIG', '--context', 'nope'], /context "nope" not found/],
		[['--kubeconfig', 'UNREACHABLE'], /cannot reach https:\/\/127\.0\.0\.1:1: connection refused \(ECONNREFUSED\)/],
		[['--file', '/does/not/exist.yaml'], /cannot read --file .*: no such file/],
		[['--file', writeTmp('bad.yaml', 'a: [')], /not valid YAML or JSON/],
		[['--bogus'], /unknown flag --bogus/],
		[['-o', 'yaml', '--file', 'examples/bluegreen-paused.yaml'], /--output must be text or json/],
		[['nope', '--file', 'examples/bluegreen-paused.yaml'], /rollout "nope" not found/],
		[['--traffic', '--kubeconfig', 'KUBECONFIG'], /--traffic needs a ROLLOUT name/],
		[['bluegreen-demo', '--traffic', '--file', 'examples/bluegreen-paused.yaml'], /--traffic needs a cluster/],
	])('%j', (args, pattern) => {
		const real = args.map(a => (a === 'KUBECONFIG' ? getCluster().kubeconfig : a === 'UNREACHABLE' ? unreachableKubeconfig() : a));
		expectOneLineError(cli(...real), pattern);
	});

	function writeTmp(name: string, text: string) {
		const file = path.join(dir, `rollouts-tui-${process.pid}-${name}`);
		writeFileSync(file, text);
		return file;
	}
	function unreachableKubeconfig() {
		const text = readFileSync(getCluster().kubeconfig, 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1');
		return writeTmp('unreachable.yaml', text);
	}
});

describe('against the local control plane', () => {
	let namespace: string;
	const name = 'cli-demo';

	beforeAll(async () => {
		namespace = await createNamespace('cli');
		await createBlueGreen(blueGreenManifest({name, namespace, autoPromotionEnabled: false}));
		await waitFor(async () => (await getRollout(namespace, name)).status?.phase === 'Healthy', {timeoutMs: 90_000, description: 'Healthy'});
	}, 120_000);
	afterAll(async () => {
		if (namespace) await deleteNamespace(namespace);
	});

	it('-o json prints the documented shape with the active Service resolved', async () => {
		const rollout = await getRollout(namespace, name);
		const result = cli(name, '-n', namespace, '--kubeconfig', getCluster().kubeconfig, '-o', 'json');
		expect(result.code, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout);
		const view = json.rollouts[0];
		expect(view).toMatchObject({namespace, name, strategy: 'BlueGreen', status: 'Healthy', step: null});
		expect(view.services.active).toMatchObject({name, hash: rollout.status?.stableRS, revision: 1});
		expect(view.revisions[0].replicaSets[0].tags).toEqual(['stable', 'active']);
		expect(view.revisions[0].replicaSets[0].pods).toHaveLength(2);
	});

	it('text output (stdout not a terminal) prints the tree like get rollout', () => {
		const result = cli(name, '-n', namespace, '--kubeconfig', getCluster().kubeconfig);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/^Status: +✔ Healthy$/m);
		expect(result.stdout).toMatch(/⧉ cli-demo-\w+ +ReplicaSet +✔ Healthy .*stable,active/);
	});

	it('a read-only user is told exactly what was denied, and nothing changes', async () => {
		const before = await getRollout(namespace, name);
		const result = cli('pause', name, '-n', namespace, '--kubeconfig', getCluster().kubeconfigReadonly);
		expect(result.code).not.toBe(0);
		expect(result.stderr).toMatch(/forbidden: you cannot patch rollouts in namespace/);
		const after = await getRollout(namespace, name);
		expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
	});

	it('pause then promote as subcommands, with the plugin\'s words', async () => {
		const kubeconfig = getCluster().kubeconfig;
		const paused = cli('pause', name, '-n', namespace, '--kubeconfig', kubeconfig);
		expect(paused.code, paused.stderr).toBe(0);
		expect(paused.stdout).toContain(`rollout '${name}' paused`);
		await waitFor(async () => (await getRollout(namespace, name)).status?.phase === 'Paused', {timeoutMs: 30_000, description: 'Paused'});
		const again = cli('pause', name, '-n', namespace, '--kubeconfig', kubeconfig);
		expect(again.code).not.toBe(0);
		const promoted = cli('promote', name, '-n', namespace, '--kubeconfig', kubeconfig);
		expect(promoted.code, promoted.stderr).toBe(0);
		expect(promoted.stdout).toContain(`rollout '${name}' promoted`);
		await waitFor(async () => (await getRollout(namespace, name)).spec?.paused !== true, {timeoutMs: 30_000, description: 'unpaused'});
	});
});
