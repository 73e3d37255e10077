// The traffic panel end to end: the built CLI in a real terminal (tmux) on the
// local control plane, its probes going through the real API server's service
// proxy to the data plane's pods. Promoting from the keyboard must turn the
// active strip from blue to green within 3 s of the controller switching the
// Service, while the preview strip stays green.
import {existsSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	GREEN_IMAGE,
	blueGreenManifest,
	createHealthyBlueGreen,
	createNamespace,
	deleteNamespace,
	getCluster,
	getRollout,
	serviceSelectorHash,
	setRolloutImage,
	waitFor,
} from '../integration/helpers.js';
import {pause, strip, tmuxSession} from './tmux.js';

const tui = tmuxSession(`rollouts-tui-traffic-${process.pid}`);
const {screen, press} = tui;
const waitForScreen = tui.waitFor;

const greenShare = (cells: string) => (cells.length === 0 ? 0 : [...cells].filter(c => c === 'G').length / cells.length);

describe('the traffic panel turns from blue to green when promoting from the keyboard', () => {
	let namespace: string;
	const name = 'traffic-demo';

	beforeAll(async () => {
		if (!existsSync('dist/rollouts-tui.mjs')) throw new Error('dist/rollouts-tui.mjs missing: run `npm run build` (npm test does)');
		namespace = await createNamespace('traffic');
		await createHealthyBlueGreen(blueGreenManifest({name, namespace, autoPromotionEnabled: false, replicas: 2}));
		await setRolloutImage(namespace, name, GREEN_IMAGE);
		await waitFor(async () => (await getRollout(namespace, name)).status?.phase === 'Paused', {
			timeoutMs: 90_000,
			description: 'rollout Paused with the green revision as preview',
		});
		tui.start(`${name} -n ${namespace} --kubeconfig ${getCluster().kubeconfig} --traffic`);
	}, 240_000);

	afterAll(async () => {
		tui.kill();
		if (namespace) await deleteNamespace(namespace);
	});

	it('shows blue on the active strip and green on the preview strip before the promotion', async () => {
		// 20 answers of each: the pods' Endpoints are ready and the probes run at 20/s.
		const text = await waitForScreen(
			t => /B{20}$/.test(strip(t, 'ACTIVE')) && /G{20}$/.test(strip(t, 'PREVIEW')),
			'a blue active strip and a green preview strip',
			60_000,
		);
		expect(text).toMatch(/20\/s per Service/);
		expect(text).toMatch(/B blue 100%/);
		expect(text).toMatch(/G green 100%/);
	});

	it('p then y: within 3 s of the Service switch the active strip is green, the preview strip green throughout', async () => {
		const previewHash = (await getRollout(namespace, name)).status?.blueGreen?.previewSelector;
		expect(previewHash).toBeTruthy();
		press('p');
		await waitForScreen(t => t.includes('CONFIRM'), 'confirmation');
		press('y');

		let switchedAt: number | undefined;
		let greenAt: number | undefined;
		const previewSeen: string[] = [];
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline && greenAt === undefined) {
			const [hash, text] = [await serviceSelectorHash(namespace, name), screen()];
			const now = Date.now();
			if (switchedAt === undefined && hash === previewHash) switchedAt = now;
			previewSeen.push(strip(text, 'PREVIEW'));
			// The last second of answers at 20/s.
			if (switchedAt !== undefined && greenShare(strip(text, 'ACTIVE').slice(-20)) > 0.95) greenAt = now;
			await pause(100);
		}
		expect(switchedAt, 'the controller switched the active Service').toBeDefined();
		expect(greenAt, `the active strip turned green; last screen:\n${screen()}`).toBeDefined();
		expect(greenAt! - switchedAt!).toBeLessThanOrEqual(3000);
		for (const cells of previewSeen) expect(cells).toMatch(/^G+$/);
		console.log(`active strip green ${greenAt! - switchedAt!} ms after the Service switch (polled every ~100 ms)`);
	});

	it('t closes the panel (its probes stop) and q q exits cleanly', async () => {
		press('t');
		await waitForScreen(t => strip(t, 'ACTIVE') === '' && !t.includes('per Service'), 'the panel to close');
		press('q');
		press('q');
		const text = await waitForScreen(t => t.includes('[exited'), 'the CLI to exit');
		expect(text).toContain('[exited 0]');
	});
});
