// The traffic panel end to end: the built CLI in a real terminal (tmux) on the
// local control plane, its probes going through the real API server's service
// proxy to the data plane's pods. Promoting from the keyboard must turn the
// active strip from blue to green within 3 s of the controller switching the
// Service, while the preview strip stays green.
import {execFileSync} from 'node:child_process';
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

const session = `rollouts-tui-traffic-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', session, ...args], {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', session);
const press = (...keys: string[]) => tmux('send-keys', '-t', session, ...keys);
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitForScreen(test: (text: string) => boolean, description: string, timeoutMs = 30_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let text = '';
	while (Date.now() < deadline) {
		text = screen();
		if (test(text)) return text;
		await pause(200);
	}
	throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${description}; the screen was:\n${text}`);
}

/** The cells of a strip (oldest first, padding dropped): the line under "LABEL  service". */
function strip(text: string, label: string): string {
	const lines = text.split('\n');
	const at = lines.findIndex(line => new RegExp(`^${label}\\s+\\S`).test(line));
	if (at < 0) return '';
	return /^\s+([^\s]+)/.exec(lines[at + 1] ?? '')?.[1]?.replace(/·/g, '') ?? '';
}

const greenShare = (cells: string) => (cells.length === 0 ? 0 : [...cells].filter(c => c === 'G').length / cells.length);

function startTui(args: string) {
	const command = `node dist/cli.js ${args}; echo "[exited $?]"; sleep 60`;
	tmux('new-session', '-d', '-s', session, '-x', '110', '-y', '36', command);
}

describe('the traffic panel turns from blue to green when promoting from the keyboard', () => {
	let namespace: string;
	const name = 'traffic-demo';

	beforeAll(async () => {
		if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js missing: run `npm run build` (npm test does)');
		namespace = await createNamespace('traffic');
		await createHealthyBlueGreen(blueGreenManifest({name, namespace, autoPromotionEnabled: false, replicas: 2}));
		await setRolloutImage(namespace, name, GREEN_IMAGE);
		await waitFor(async () => (await getRollout(namespace, name)).status?.phase === 'Paused', {
			timeoutMs: 90_000,
			description: 'rollout Paused with the green revision as preview',
		});
		startTui(`${name} -n ${namespace} --kubeconfig ${getCluster().kubeconfig} --traffic`);
	}, 240_000);

	afterAll(async () => {
		try {
			tmux('kill-server');
		} catch {}
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
