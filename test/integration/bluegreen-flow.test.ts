/**
 * Blue-green flow against the real Argo Rollouts controller on the local control
 * plane (kwok nodes make the pods Ready).
 */
import {describe, expect, test} from 'vitest';
import {
	BLUE_IMAGE,
	GREEN_IMAGE,
	blueGreenManifest,
	createHealthyBlueGreen,
	createNamespace,
	getRollout,
	promoteRollout,
	readyPods,
	rolloutReplicaSets,
	serviceSelectorHash,
	setRolloutImage,
	waitFor,
	type RolloutObject,
} from './helpers.js';

// Argo v1.10 annotates the old ReplicaSet with this key (no prefix) when it switches the active Service.
const SCALE_DOWN_DEADLINE = 'scale-down-deadline';

/** Creates the rollout and waits until it is Healthy with the active Service on its stable hash. */
async function createHealthy(namespace: string, name: string, autoPromotionEnabled: boolean, replicas = 2): Promise<string> {
	const rollout = await createHealthyBlueGreen(blueGreenManifest({name, namespace, image: BLUE_IMAGE, autoPromotionEnabled, replicas, scaleDownDelaySeconds: 3}));
	const stable = rollout.status!.stableRS!;
	expect(rollout.status?.currentPodHash).toBe(stable);
	expect(await serviceSelectorHash(namespace, name)).toBe(stable);
	expect(await readyPods(namespace, stable)).toHaveLength(replicas);
	return stable;
}

/** Waits for the second ReplicaSet after an image change and for all its pods to be Ready. */
async function waitForGreenReplicaSet(namespace: string, name: string, blueHash: string, replicas: number): Promise<string> {
	const greenHash = await waitFor(
		async () => {
			const sets = await rolloutReplicaSets(namespace, name);
			for (const [hash, rs] of sets) {
				if (hash !== blueHash && rs.spec?.template?.spec?.containers?.[0]?.image === GREEN_IMAGE) return hash;
			}
			return undefined;
		},
		{timeoutMs: 30_000, description: 'a second ReplicaSet with the green image'},
	);
	await waitFor(async () => (await readyPods(namespace, greenHash)).length === replicas, {
		timeoutMs: 30_000,
		description: `${replicas} Ready pods of the green ReplicaSet ${greenHash}`,
	});
	return greenHash;
}

describe('blue-green with the real Argo Rollouts controller', () => {
	test('auto-promotion: Healthy, green ReplicaSet, active switch, old ReplicaSet scaled down after the delay', async () => {
		const namespace = await createNamespace('bg-auto');
		const name = 'bg-auto';
		const replicas = 2;
		const blueHash = await createHealthy(namespace, name, true, replicas);

		await setRolloutImage(namespace, name, GREEN_IMAGE);
		const greenHash = await waitForGreenReplicaSet(namespace, name, blueHash, replicas);
		expect(greenHash).not.toBe(blueHash);

		// Promotion switches the active Service to the green hash.
		let deadline: string | undefined;
		const observeBlue = async () => {
			const blue = (await rolloutReplicaSets(namespace, name)).get(blueHash);
			deadline ??= blue?.metadata?.annotations?.[SCALE_DOWN_DEADLINE];
			return blue;
		};
		await waitFor(
			async () => {
				await observeBlue();
				return (await serviceSelectorHash(namespace, name)) === greenHash;
			},
			{timeoutMs: 30_000, intervalMs: 100, description: `active Service ${name} to select ${greenHash}`},
		);
		const promoted = await waitFor(
			async () => {
				const r = await getRollout(namespace, name);
				return r.status?.stableRS === greenHash && r.status.phase === 'Healthy' ? r : undefined;
			},
			{timeoutMs: 30_000, description: 'the green ReplicaSet to become stable and the rollout Healthy'},
		);
		expect(promoted.status?.blueGreen?.activeSelector).toBe(greenHash);

		// The old ReplicaSet goes to 0 only after scaleDownDelaySeconds (3 s).
		await waitFor(
			async () => {
				const blue = await observeBlue();
				return blue?.spec?.replicas === 0 && (blue.status?.replicas ?? 0) === 0;
			},
			{timeoutMs: 30_000, intervalMs: 100, description: `the blue ReplicaSet ${blueHash} to scale to 0`},
		);
		const scaledDownAt = Date.now();
		// The controller set a deadline (RFC 3339, whole seconds) when it switched, and scaled down only after it.
		expect(deadline, 'the blue ReplicaSet carried a scale-down deadline before scaling down').toBeTruthy();
		expect(scaledDownAt).toBeGreaterThanOrEqual(Date.parse(deadline!));
		await waitFor(async () => (await readyPods(namespace, blueHash)).length === 0, {
			timeoutMs: 20_000,
			description: 'the blue pods to be deleted',
		});
		expect(await readyPods(namespace, greenHash)).toHaveLength(replicas);
	});

	test('autoPromotionEnabled: false pauses with BlueGreenPause until pauseConditions are cleared on /status', async () => {
		const namespace = await createNamespace('bg-manual');
		const name = 'bg-manual';
		const replicas = 2;
		const blueHash = await createHealthy(namespace, name, false, replicas);

		await setRolloutImage(namespace, name, GREEN_IMAGE);
		const greenHash = await waitForGreenReplicaSet(namespace, name, blueHash, replicas);

		const isPaused = (r: RolloutObject) =>
			r.status?.phase === 'Paused' && (r.status.pauseConditions ?? []).some((c) => c.reason === 'BlueGreenPause');
		await waitFor(async () => isPaused(await getRollout(namespace, name)), {
			timeoutMs: 30_000,
			description: 'the rollout to pause with BlueGreenPause',
		});
		// The preview Service already points at green; the active one stays on blue while paused.
		await waitFor(async () => (await serviceSelectorHash(namespace, `${name}-preview`)) === greenHash, {
			timeoutMs: 15_000,
			description: 'the preview Service to select the green hash',
		});
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const stillPaused = await getRollout(namespace, name);
		expect(isPaused(stillPaused)).toBe(true);
		expect(stillPaused.status?.stableRS).toBe(blueHash);
		expect(await serviceSelectorHash(namespace, name)).toBe(blueHash);
		expect(await readyPods(namespace, blueHash)).toHaveLength(replicas);

		await promoteRollout(namespace, name);

		await waitFor(async () => (await serviceSelectorHash(namespace, name)) === greenHash, {
			timeoutMs: 30_000,
			description: `active Service ${name} to switch to ${greenHash} after promotion`,
		});
		const promoted = await waitFor(
			async () => {
				const r = await getRollout(namespace, name);
				return r.status?.phase === 'Healthy' && r.status.stableRS === greenHash ? r : undefined;
			},
			{timeoutMs: 30_000, description: 'the rollout to become Healthy on green'},
		);
		expect(promoted.status?.pauseConditions ?? []).toHaveLength(0);
		await waitFor(
			async () => (await rolloutReplicaSets(namespace, name)).get(blueHash)?.spec?.replicas === 0,
			{timeoutMs: 30_000, description: 'the blue ReplicaSet to scale to 0 after the delay'},
		);
	});
});
