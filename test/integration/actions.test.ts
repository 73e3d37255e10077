/**
 * The action layer (plan → conditional PATCHes → result) against the real
 * kube-apiserver and the real Argo Rollouts controller: each action must make
 * the controller do what `kubectl argo rollouts` would make it do.
 */
import * as k8s from '@kubernetes/client-node';
import {describe, expect, test} from 'vitest';
import {readActionInputs, runActionCommand} from '../../source/actions/command.js';
import {executePlan} from '../../source/actions/execute.js';
import {isRefusal, planAction, type ActionName, type ActionPlan} from '../../source/actions/plan.js';
import {
	BLUE_IMAGE,
	GREEN_IMAGE,
	ROLLOUT,
	blueGreenManifest,
	createHealthyBlueGreen,
	createNamespace,
	getRollout,
	kubeConfig,
	readonlyKubeConfig,
	readyPods,
	rolloutReplicaSets,
	serviceSelectorHash,
	setRolloutImage,
	waitFor,
	type RolloutObject,
} from './helpers.js';

const SLOW = 120_000;

interface Deployed {
	namespace: string;
	name: string;
	blueHash: string;
}

interface Updating extends Deployed {
	greenHash: string;
}

/** A blue Rollout that is Healthy, its active Service on the blue hash. */
async function deployHealthy(prefix: string, {autoPromotionEnabled = false} = {}): Promise<Deployed> {
	const namespace = await createNamespace(prefix);
	const name = prefix;
	const manifest = blueGreenManifest({name, namespace, image: BLUE_IMAGE, autoPromotionEnabled, replicas: 2, scaleDownDelaySeconds: 3});
	// Scale the aborted preview down quickly instead of after the default 30 s.
	manifest.rollout.spec.strategy.blueGreen!['abortScaleDownDelaySeconds'] = 2;
	const rollout = await createHealthyBlueGreen(manifest);
	return {namespace, name, blueHash: rollout.status!.stableRS!};
}

/** Healthy on blue, then green rolled out and paused (BlueGreenPause) with its preview Ready. */
async function deployPausedUpdate(prefix: string): Promise<Updating> {
	const deployed = await deployHealthy(prefix);
	await setRolloutImage(deployed.namespace, deployed.name, GREEN_IMAGE);
	const rollout = await waitFor(
		async () => {
			const r = await getRollout(deployed.namespace, deployed.name);
			const paused = r.status?.pauseConditions?.some((c) => c.reason === 'BlueGreenPause');
			return paused && r.status?.currentPodHash !== deployed.blueHash && r.status?.phase === 'Paused' ? r : undefined;
		},
		{timeoutMs: 45_000, description: `${deployed.namespace}/${deployed.name} to pause on BlueGreenPause`},
	);
	return {...deployed, greenHash: rollout.status!.currentPodHash!};
}

async function run(action: ActionName, target: Deployed, kc = kubeConfig(), extra: {toRevision?: number} = {}) {
	return runActionCommand({action, name: target.name, namespace: target.namespace, kc, ...extra});
}

/** Plans with the rollout as read now, the way the TUI does. */
async function planNow(action: ActionName, target: Deployed): Promise<ActionPlan> {
	const inputs = await readActionInputs(kubeConfig(), target.namespace, target.name);
	if ('kind' in inputs) throw new Error(inputs.message);
	const plan = planAction(action, inputs.rollout, inputs.replicaSets);
	if (isRefusal(plan)) throw new Error(`refused: ${plan.reason}`);
	return plan;
}

async function waitForPhase(target: Deployed, phase: string, extra: (r: RolloutObject) => boolean = () => true, timeoutMs = 45_000) {
	return waitFor(
		async () => {
			const r = await getRollout(target.namespace, target.name);
			return r.status?.phase === phase && extra(r) ? r : undefined;
		},
		{timeoutMs, description: `${target.namespace}/${target.name} to reach phase ${phase}`},
	);
}

describe('actions against the real Argo Rollouts controller', () => {
	test(
		'promote: a paused blue-green switches the active Service to the preview hash',
		async () => {
			const target = await deployPausedUpdate('act-promote');
			expect(await serviceSelectorHash(target.namespace, target.name)).toBe(target.blueHash);

			// The TUI path: plan from what is on screen, then execute.
			const plan = await planNow('promote', target);
			expect(plan.patches).toEqual([{subresource: 'status', type: 'merge', body: {status: {pauseConditions: null}}}]);
			expect(plan.summary).toMatch(/^Switch active Service act-promote from revision 1 \(argoproj\/rollouts-demo:blue\) to revision 2 \(argoproj\/rollouts-demo:green\)\?$/);
			const result = await executePlan(kubeConfig(), plan);
			expect(result).toMatchObject({ok: true, message: "rollout 'act-promote' promoted"});

			await waitFor(async () => (await serviceSelectorHash(target.namespace, target.name)) === target.greenHash, {
				timeoutMs: 45_000,
				description: 'the active Service to select the green hash',
			});
			await waitForPhase(target, 'Healthy', (r) => r.status?.stableRS === target.greenHash);
		},
		SLOW,
	);

	test(
		'abort: the active Service stays on / goes back to stable and the rollout becomes Degraded (RolloutAborted)',
		async () => {
			const target = await deployPausedUpdate('act-abort');
			const outcome = await run('abort', target);
			expect(outcome).toEqual({exitCode: 0, output: "rollout 'act-abort' aborted"});

			const rollout = await waitForPhase(target, 'Degraded', (r) => r.status?.abort === true);
			expect(rollout.status?.message).toMatch(/^RolloutAborted/);
			expect(await serviceSelectorHash(target.namespace, target.name)).toBe(target.blueHash);
			// The preview (green) ReplicaSet is scaled down after abortScaleDownDelaySeconds.
			await waitFor(async () => (await rolloutReplicaSets(target.namespace, target.name)).get(target.greenHash)?.spec?.replicas === 0, {
				timeoutMs: 30_000,
				description: 'the aborted green ReplicaSet to be scaled to 0',
			});
			// A second abort is refused instead of sent again.
			expect(await run('abort', target)).toEqual({
				exitCode: 1,
				output: 'rollout is already aborted: use retry (r) to try again, or undo (u) to roll back the template',
			});
		},
		SLOW,
	);

	test(
		'retry: leaves the aborted state and tries the update again',
		async () => {
			const target = await deployPausedUpdate('act-retry');
			expect((await run('abort', target)).exitCode).toBe(0);
			await waitForPhase(target, 'Degraded');

			// Plain promote is refused while aborted.
			expect(await run('promote', target)).toEqual({
				exitCode: 1,
				output: 'rollout is aborted: use retry (r) to try again, or promote-full (P) to skip all steps',
			});

			expect(await run('retry', target)).toEqual({exitCode: 0, output: "rollout 'act-retry' retried"});
			const rollout = await waitForPhase(target, 'Paused', (r) => !r.status?.abort && !!r.status?.pauseConditions?.length);
			expect(rollout.status?.currentPodHash).toBe(target.greenHash);
			expect(rollout.status?.message ?? '').not.toMatch(/RolloutAborted/);
		},
		SLOW,
	);

	test(
		'promote-full: an aborted rollout is completed on the new revision',
		async () => {
			const target = await deployPausedUpdate('act-full');
			expect((await run('abort', target)).exitCode).toBe(0);
			await waitForPhase(target, 'Degraded');

			expect(await run('promote', target, kubeConfig())).toMatchObject({exitCode: 1});
			const outcome = await runActionCommand({action: 'promote', full: true, name: target.name, namespace: target.namespace, kc: kubeConfig()});
			expect(outcome).toEqual({exitCode: 0, output: "rollout 'act-full' fully promoted"});

			const rollout = await waitForPhase(target, 'Healthy', (r) => r.status?.stableRS === target.greenHash, 60_000);
			expect(rollout.status?.abort).toBeFalsy();
			expect(await serviceSelectorHash(target.namespace, target.name)).toBe(target.greenHash);
			// Now there is nothing left to promote.
			expect(await run('promote-full', target)).toEqual({exitCode: 1, output: 'nothing to promote: revision 2 is already fully promoted'});
		},
		SLOW,
	);

	test(
		'undo: restores the previous template and the controller makes that revision active',
		async () => {
			const target = await deployHealthy('act-undo', {autoPromotionEnabled: true});
			await setRolloutImage(target.namespace, target.name, GREEN_IMAGE);
			const green = await waitForPhase(target, 'Healthy', (r) => !!r.status?.stableRS && r.status.stableRS !== target.blueHash, 60_000);
			const greenHash = green.status!.stableRS!;

			// Undo to the current revision is skipped without writing.
			expect(await run('undo', target, kubeConfig(), {toRevision: 2})).toEqual({
				exitCode: 1,
				output: 'skipped: current template already matches revision 2',
			});
			expect(await run('undo', target, kubeConfig(), {toRevision: 9})).toEqual({
				exitCode: 1,
				output: 'unable to find specified revision 9 in history',
			});

			expect(await run('undo', target)).toEqual({exitCode: 0, output: "rollout 'act-undo' undo"});
			const after = await getRollout(target.namespace, target.name);
			expect(after.spec.template.spec?.containers[0]?.image).toBe(BLUE_IMAGE);
			expect(after.spec.template.metadata?.labels?.['rollouts-pod-template-hash']).toBeUndefined();

			// The controller reuses the blue ReplicaSet (same hash) and switches back to it.
			await waitFor(async () => (await serviceSelectorHash(target.namespace, target.name)) === target.blueHash, {
				timeoutMs: 60_000,
				description: 'the active Service to select the blue hash again',
			});
			const healthy = await waitForPhase(target, 'Healthy', (r) => r.status?.stableRS === target.blueHash, 60_000);
			expect(healthy.status?.currentPodHash).toBe(target.blueHash);
			expect(greenHash).not.toBe(target.blueHash);
			const blue = (await rolloutReplicaSets(target.namespace, target.name)).get(target.blueHash);
			expect(blue?.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe('3');
		},
		SLOW,
	);

	test(
		'restart: sets restartAt and the pods are replaced',
		async () => {
			const target = await deployHealthy('act-restart');
			const before = (await readyPods(target.namespace, target.blueHash)).map((p) => p.metadata!.name!);
			expect(before).toHaveLength(2);

			const outcome = await run('restart', target);
			expect(outcome).toEqual({exitCode: 0, output: "rollout 'act-restart' restarts in 0s"});
			const restartAt = (await getRollout(target.namespace, target.name)).spec['restartAt'];
			expect(restartAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

			await waitFor(
				async () => {
					const pods = (await readyPods(target.namespace, target.blueHash)).map((p) => p.metadata!.name!);
					return pods.length === 2 && pods.every((name) => !before.includes(name));
				},
				{timeoutMs: 90_000, intervalMs: 500, description: 'both pods to be replaced by new ones'},
			);
			await waitFor(async () => (await getRollout(target.namespace, target.name)).status?.['restartedAt'] === restartAt, {
				timeoutMs: 30_000,
				description: 'status.restartedAt to equal spec.restartAt',
			});
		},
		SLOW,
	);

	test(
		'pause: spec.paused is set and the phase becomes Paused; a second pause is refused',
		async () => {
			const target = await deployHealthy('act-pause');
			expect(await run('pause', target)).toEqual({exitCode: 0, output: "rollout 'act-pause' paused"});
			const rollout = await waitForPhase(target, 'Paused');
			expect(rollout.spec['paused']).toBe(true);
			expect(await run('pause', target)).toEqual({exitCode: 1, output: 'rollout is already paused: use promote (p) to resume it'});

			// promote resumes a manual pause, like the plugin.
			expect(await run('promote', target)).toEqual({exitCode: 0, output: "rollout 'act-pause' promoted"});
			const resumed = await waitForPhase(target, 'Healthy');
			expect(resumed.spec['paused']).toBeFalsy();
		},
		SLOW,
	);

	test(
		'promote with both a manual pause and BlueGreenPause: two chained patches, promoted in one go',
		async () => {
			const target = await deployPausedUpdate('act-two-step');
			await kubeConfig()
				.makeApiClient(k8s.CustomObjectsApi)
				.patchNamespacedCustomObject(
					{...ROLLOUT, namespace: target.namespace, name: target.name, body: {spec: {paused: true}}},
					k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
				);
			// Let the controller note the manual pause first, so the plan is not stale from the start.
			await waitForPhase(target, 'Paused', (r) => r.status?.message === 'manually paused');
			const plan = await planNow('promote', target);
			// Spec first: in the plugin's order the controller re-adds BlueGreenPause.
			expect(plan.patches.map((p) => p.subresource)).toEqual([null, 'status']);
			const result = await executePlan(kubeConfig(), plan);
			expect(result, JSON.stringify(result)).toMatchObject({ok: true, message: "rollout 'act-two-step' promoted"});
			await waitFor(async () => (await serviceSelectorHash(target.namespace, target.name)) === target.greenHash, {
				timeoutMs: 45_000,
				description: 'the active Service to select the green hash',
			});
			const rollout = await waitForPhase(target, 'Healthy');
			expect(rollout.spec['paused']).toBeFalsy();
		},
		SLOW,
	);

	test(
		'canary: promote at a pause step moves to the next step, also with a manual pause on top',
		async () => {
			const namespace = await createNamespace('act-canary');
			const name = 'act-canary';
			const labels = {app: name};
			await kubeConfig()
				.makeApiClient(k8s.CustomObjectsApi)
				.createNamespacedCustomObject({
					...ROLLOUT,
					namespace,
					body: {
						apiVersion: 'argoproj.io/v1alpha1',
						kind: 'Rollout',
						metadata: {name, namespace, labels},
						spec: {
							replicas: 4,
							selector: {matchLabels: labels},
							template: {metadata: {labels}, spec: {containers: [{name, image: BLUE_IMAGE, ports: [{name: 'http', containerPort: 8080}]}]}},
							strategy: {canary: {steps: [{setWeight: 25}, {pause: {}}, {setWeight: 50}, {pause: {}}]}},
						},
					},
				});
			const target = {namespace, name, blueHash: ''};
			await waitForPhase(target, 'Healthy');
			await setRolloutImage(namespace, name, GREEN_IMAGE);
			const atPause = (index: number) => (r: RolloutObject) =>
				r.status?.['currentStepIndex'] === index && !!r.status?.pauseConditions?.some((c) => c.reason === 'CanaryPauseStep');
			await waitForPhase(target, 'Paused', atPause(1));

			const plan = await planNow('promote', target);
			expect(plan.summary).toBe('Promote act-canary: end the pause at step 2 of 4 (pause) and go on to step 3 of 4 (setWeight: 50)?');
			expect((await executePlan(kubeConfig(), plan)).ok).toBe(true);
			await waitForPhase(target, 'Paused', atPause(3));

			// spec.paused on top of the step pause: still one promote to the end.
			expect((await run('pause', target)).exitCode).toBe(0);
			await waitForPhase(target, 'Paused', (r) => r.spec['paused'] === true);
			expect(await run('promote', target)).toEqual({exitCode: 0, output: "rollout 'act-canary' promoted"});
			const done = await waitForPhase(target, 'Healthy', (r) => r.status?.['currentStepIndex'] === 4, 60_000);
			expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
			expect(await run('promote', target)).toEqual({exitCode: 1, output: 'nothing to promote: all 4 steps are done'});
		},
		SLOW,
	);

	test(
		'read-only user: a clear forbidden message and the rollout is unchanged',
		async () => {
			const target = await deployPausedUpdate('act-readonly');
			const before = await getRollout(target.namespace, target.name);

			expect(await run('promote', target, readonlyKubeConfig())).toEqual({
				exitCode: 1,
				output: `forbidden: you cannot patch rollouts/status in namespace ${target.namespace}`,
			});
			expect(await run('pause', target, readonlyKubeConfig())).toEqual({
				exitCode: 1,
				output: `forbidden: you cannot patch rollouts in namespace ${target.namespace}`,
			});

			const after = await getRollout(target.namespace, target.name);
			expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
			expect(after.spec['paused']).toBeFalsy();
			expect(after.status?.pauseConditions?.[0]?.reason).toBe('BlueGreenPause');
		},
		SLOW,
	);

	test(
		'stale resourceVersion: refused as a conflict and nothing is written (merge and JSON patch)',
		async () => {
			const target = await deployPausedUpdate('act-stale');
			const pause = await planNow('pause', target);
			const undo = await planNow('undo', target);
			expect(undo.patches[0]!.type).toBe('json');

			// Someone else changes the rollout after the operator looked at it.
			const custom = kubeConfig().makeApiClient(k8s.CustomObjectsApi);
			await custom.patchNamespacedCustomObject(
				{...ROLLOUT, namespace: target.namespace, name: target.name, body: {metadata: {labels: {touched: 'yes'}}}},
				k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
			);
			const changed = await getRollout(target.namespace, target.name);
			expect(changed.metadata.resourceVersion).not.toBe(pause.rollout.resourceVersion);

			const merge = await executePlan(kubeConfig(), pause);
			expect(merge.ok).toBe(false);
			expect(merge).toMatchObject({kind: 'conflict'});
			expect((merge as {message: string}).message).toMatch(
				/^rollout changed since you looked at it \(now at resourceVersion \d+\); nothing was written — review and try again$/,
			);

			const json = await executePlan(kubeConfig(), undo);
			expect(json).toMatchObject({ok: false, kind: 'conflict'});
			expect((json as {message: string}).message).toMatch(/^rollout changed since you looked at it \(now at resourceVersion \d+\)/);

			const after = await getRollout(target.namespace, target.name);
			expect(after.spec['paused']).toBeFalsy();
			expect(after.spec.template.spec?.containers[0]?.image).toBe(GREEN_IMAGE);

			// Re-planned on the fresh version, the same action goes through.
			expect(await executePlan(kubeConfig(), await planNow('pause', target))).toMatchObject({ok: true});
		},
		SLOW,
	);
});
