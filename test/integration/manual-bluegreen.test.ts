// Hand-made blue-green on the real control plane: kube-controller-manager runs
// the Deployments, kwok makes the pods Ready; rollouts-tui switch, scale-down
// and scale-up write the Ingress and the Deployments, and refuse what is unsafe.
import {spawnSync} from 'node:child_process';
import * as k8s from '@kubernetes/client-node';
import {beforeAll, describe, expect, it} from 'vitest';
import {executeManualPlan} from '../../source/actions/manual-execute.js';
import {isManualRefusal, planSwitch} from '../../source/actions/manual-plan.js';
import {readManualSets, type ManualSets} from '../../source/kube/manual-read.js';
import {ingressSwitches} from '../../source/model/ingress-switch.js';
import {createManualBlueGreen, MANUAL_INGRESS} from '../cluster/manual-manifests.js';
import YAML from 'yaml';
import {createNamespace, getCluster, getRollout, kubeConfig, readonlyKubeConfig, waitFor} from './helpers.js';
import {ROLLOUT} from '../cluster/manifests.js';

function cli(kubeconfig: string, ...args: string[]) {
	const r = spawnSync('node', ['dist/rollouts-tui.mjs', ...args, '--kubeconfig', kubeconfig], {encoding: 'utf8', env: {...process.env, KUBECONFIG: ''}, timeout: 60_000});
	return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

let ns: string;
const kc = kubeConfig();
const apps = kc.makeApiClient(k8s.AppsV1Api);
const net = kc.makeApiClient(k8s.NetworkingV1Api);
const admin = (...args: string[]) => cli(getCluster().kubeconfig, ...args, '-n', ns);
const backend = async () => (await net.readNamespacedIngress({name: MANUAL_INGRESS, namespace: ns})).spec?.rules?.[0]?.http?.paths[0]?.backend.service?.name;
const ready = async (name: string) => (await apps.readNamespacedDeployment({name, namespace: ns})).status?.readyReplicas ?? 0;

async function sets(): Promise<ManualSets> {
	const s = await readManualSets(kc, ns);
	if ('kind' in s) throw new Error(s.message);
	return s;
}

beforeAll(async () => {
	ns = await createNamespace('manual-bg');
	await createManualBlueGreen(kc, ns);
	await waitFor(async () => (await ready('blue')) === 3 && (await ready('green')) === 3, {timeoutMs: 90_000, description: 'blue and green 3/3 ready'});
}, 120_000);

describe('hand-made blue-green on the real control plane', () => {
	it('detects the switch with blue live and green idle', async () => {
		const [sw, ...rest] = ingressSwitches(await sets());
		expect(rest).toEqual([]);
		expect(sw).toMatchObject({ingress: MANUAL_INGRESS, host: 'bluegreen.demo', live: {deployment: 'blue', service: 'blue-service', servedReady: 3}});
		expect(sw!.idle.map((s) => `${s.service} ${s.deployment} ${s.ready}/${s.desired}`)).toEqual(['green-service green 3/3']);
	});

	it('refuses a stale resourceVersion and writes nothing', async () => {
		const [seen] = ingressSwitches(await sets());
		const plan = planSwitch(seen!);
		if (isManualRefusal(plan)) throw new Error(plan.reason);
		// Someone else edits the Ingress after we looked.
		await net.patchNamespacedIngress(
			{name: MANUAL_INGRESS, namespace: ns, body: {metadata: {annotations: {touched: 'yes'}}}},
			k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
		);
		const result = await executeManualPlan(kc, plan);
		expect(result).toMatchObject({ok: false, kind: 'conflict'});
		expect(result.message).toMatch(/^Ingress demo-ingress changed since you looked at it \(now at resourceVersion \d+\); nothing was written/);
		expect(await backend()).toBe('blue-service');
	});

	it('names the read-only user\'s RBAC denial', async () => {
		const [seen] = ingressSwitches(await sets());
		const plan = planSwitch(seen!);
		if (isManualRefusal(plan)) throw new Error(plan.reason);
		expect(await executeManualPlan(readonlyKubeConfig(), plan)).toEqual({ok: false, kind: 'forbidden', message: `forbidden: you cannot patch ingresses in namespace ${ns}`});
		const r = cli(getCluster().kubeconfigReadonly, 'scale-up', 'green', '--replicas', '4', '-n', ns);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe(`rollouts-tui: forbidden: you cannot patch deployments in namespace ${ns}\n`);
		expect(cli(getCluster().kubeconfigReadonly, 'switch', MANUAL_INGRESS, '-n', ns)).toMatchObject({code: 1, stderr: `rollouts-tui: forbidden: you cannot patch ingresses in namespace ${ns}\n`});
		expect(await backend()).toBe('blue-service');
	});

	it('switch moves the backend to green-service and the detection follows', async () => {
		const r = admin('switch', MANUAL_INGRESS);
		expect(r.stderr).toBe('');
		expect(r.stdout).toBe('bluegreen.demo traffic now goes to green-service (green) via Ingress demo-ingress\n');
		expect(r.code).toBe(0);
		expect(await backend()).toBe('green-service');
		const [sw] = ingressSwitches(await sets());
		expect(sw).toMatchObject({live: {deployment: 'green'}, idle: [{deployment: 'blue'}]});
	});

	it('scale-down refuses the live side and takes the idle one to 0/0, recording 3', async () => {
		const live = admin('scale-down', 'green');
		expect(live).toMatchObject({code: 1, stderr: 'rollouts-tui: green is live: demo-ingress (bluegreen.demo) sends traffic to it: switch the traffic to another side first\n'});
		expect(admin('scale-down', 'blue')).toMatchObject({code: 0, stdout: "deployment 'blue' scaled down to 0 (was 3; scale-up restores it)\n"});
		await waitFor(async () => {
			const d = await apps.readNamespacedDeployment({name: 'blue', namespace: ns});
			return d.spec?.replicas === 0 && (d.status?.replicas ?? 0) === 0 && d.metadata?.annotations?.['rollouts-tui/scaled-down-from'] === '3';
		}, {timeoutMs: 60_000, description: 'blue 0/0'});
	});

	it('a switch back to the side with 0 ready pods is refused and writes nothing', async () => {
		const before = (await net.readNamespacedIngress({name: MANUAL_INGRESS, namespace: ns})).metadata?.resourceVersion;
		const r = admin('switch', MANUAL_INGRESS, '--to', 'blue-service');
		expect(r.code).toBe(1);
		expect(r.stderr).toBe(
			'rollouts-tui: blue-service has no ready pods (blue 0/0 ready): traffic to bluegreen.demo would fail: scale it up first (rollouts-tui scale-up blue)\n',
		);
		expect((await net.readNamespacedIngress({name: MANUAL_INGRESS, namespace: ns})).metadata?.resourceVersion).toBe(before);
	});

	it('scale-up restores the recorded count, then the switch back works', async () => {
		expect(admin('scale-up', 'blue')).toMatchObject({code: 0, stdout: "deployment 'blue' scaled up to 3\n"});
		await waitFor(async () => (await ready('blue')) === 3, {timeoutMs: 60_000, description: 'blue 3/3 ready again'});
		const d = await apps.readNamespacedDeployment({name: 'blue', namespace: ns});
		expect(d.metadata?.annotations?.['rollouts-tui/scaled-down-from']).toBeUndefined();
		// The Service's pods are Ready once the Deployment says so.
		await waitFor(async () => ingressSwitches(await sets())[0]?.idle[0]?.servedReady === 3, {timeoutMs: 30_000, description: 'blue-service serving 3'});
		expect(admin('switch', MANUAL_INGRESS, '--to', 'blue-service', '--host', 'bluegreen.demo')).toMatchObject({code: 0});
		expect(await backend()).toBe('blue-service');
	});

	it('convert prints a Rollout the API server accepts and the Argo controller makes Healthy', async () => {
		const custom = kc.makeApiClient(k8s.CustomObjectsApi);
		const ref = admin('convert', 'green', '--active-service', 'green-service', '--workload-ref', '--name', 'green-ref');
		expect(ref.code).toBe(0);
		const refManifest = YAML.parse(ref.stdout);
		expect(refManifest.spec).toMatchObject({workloadRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'green'}, strategy: {blueGreen: {activeService: 'green-service', autoPromotionEnabled: false}}});
		await custom.createNamespacedCustomObject({...ROLLOUT, namespace: ns, body: refManifest, dryRun: 'All'});

		const r = admin('convert', 'blue', '--active-service', 'blue-service', '--name', 'blue-rollout');
		expect(r.stderr).toBe('');
		expect(r.stdout).toMatch(/^# Generated by rollouts-tui convert from deployment 'blue'/);
		const manifest = YAML.parse(r.stdout);
		expect(manifest).toMatchObject({apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: {name: 'blue-rollout', namespace: ns}, spec: {replicas: 3}});
		expect(manifest.spec.template.spec.containers[0].image).toBe('argoproj/rollouts-demo:blue');
		await custom.createNamespacedCustomObject({...ROLLOUT, namespace: ns, body: manifest, dryRun: 'All'});
		// Dry run wrote nothing; then apply for real and let the controller work.
		await expect(getRollout(ns, 'blue-rollout')).rejects.toMatchObject({code: 404});
		await custom.createNamespacedCustomObject({...ROLLOUT, namespace: ns, body: manifest});
		await waitFor(async () => (await getRollout(ns, 'blue-rollout')).status?.phase === 'Healthy', {timeoutMs: 90_000, description: 'blue-rollout Healthy'});

		const wrong = admin('convert', 'blue', '--active-service', 'green-service');
		expect(wrong.code).toBe(1);
		expect(wrong.stderr).toContain("Service green-service selects app=bluegreen-demo,color=green, which the pods of blue do not carry");
		expect(admin('convert', 'nope', '--active-service', 'blue-service').stderr).toBe(`rollouts-tui: deployment 'nope' not found in namespace ${ns}\n`);
	}, 120_000);
});
