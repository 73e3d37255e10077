// End to end, as an operator would: the built CLI runs in a real terminal
// (tmux) against the local control plane and the real Argo controller; we
// press keys and read the screen.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	GREEN_IMAGE,
	blueGreenManifest,
	createBlueGreen,
	createNamespace,
	deleteNamespace,
	getCluster,
	getRollout,
	serviceSelectorHash,
	setRolloutImage,
	waitFor,
} from '../integration/helpers.js';

const session = `rollouts-tui-e2e-${process.pid}`;
// A tmux server of our own (its own socket), started from this process's
// environment, so nothing of a developer's tmux leaks in (CI=true included).
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', session, ...args], {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', session);
const press = (...keys: string[]) => tmux('send-keys', '-t', session, ...keys);

async function waitForScreen(test: (text: string) => boolean, description: string, timeoutMs = 30_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let text = '';
	while (Date.now() < deadline) {
		text = screen();
		if (test(text)) return text;
		await new Promise(resolve => setTimeout(resolve, 250));
	}
	throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${description}; the screen was:\n${text}`);
}

describe('promote from the keyboard in a real terminal', () => {
	let namespace: string;
	const name = 'bluegreen-demo';

	beforeAll(async () => {
		if (!existsSync('dist/rollouts-tui.mjs')) throw new Error('dist/rollouts-tui.mjs missing: run `npm run build` (npm test does)');
		namespace = await createNamespace('e2e');
		await createBlueGreen(blueGreenManifest({name, namespace, autoPromotionEnabled: false, replicas: 2}));
		await waitFor(async () => (await getRollout(namespace, name)).status?.phase === 'Healthy', {
			timeoutMs: 90_000,
			description: 'rollout Healthy',
		});
		await setRolloutImage(namespace, name, GREEN_IMAGE);
		await waitFor(async () => (await getRollout(namespace, name)).status?.phase === 'Paused', {
			timeoutMs: 90_000,
			description: 'rollout Paused (BlueGreenPause) with the green revision as preview',
		});
		const kubeconfigPath = getCluster().kubeconfig;
		// The shell stays after the CLI exits, so its exit code (or error) stays on screen.
		const command = `node dist/rollouts-tui.mjs ${name} -n ${namespace} --kubeconfig ${kubeconfigPath}; echo "[exited $?]"; sleep 60`;
		tmux('new-session', '-d', '-s', session, '-x', '110', '-y', '36', command);
	}, 240_000);

	afterAll(async () => {
		try {
			tmux('kill-server');
		} catch {}
		if (namespace) await deleteNamespace(namespace);
	});

	it('p then y switches the active Service to the preview revision, and the screen shows it', async () => {
		// The detail view opens on the rollout: paused, green as preview.
		await waitForScreen(t => /Paused/.test(t) && /^ PREVIEW +rev 2/m.test(t), 'paused rollout with a preview lane');
		expect(screen()).toMatch(/^ ACTIVE +rev 1/m);
		const previewHash = (await getRollout(namespace, name)).status?.blueGreen?.previewSelector;
		expect(previewHash).toBeTruthy();

		press('p');
		await waitForScreen(t => t.includes('CONFIRM') && t.includes('Switch active Service'), 'confirmation');
		press('y');
		await waitForScreen(t => t.includes(`rollout '${name}' promoted`), 'success message');

		// The controller, not the TUI, switches the Service; the TUI shows the result live.
		await waitFor(async () => (await serviceSelectorHash(namespace, name)) === previewHash, {
			timeoutMs: 60_000,
			description: 'active Service selects the preview hash',
		});
		const text = await waitForScreen(
			t => new RegExp(`^ active +${name} +→ ${previewHash} → revision 2`, 'm').test(t) && /^ ACTIVE +rev 2/m.test(t),
			'active Service shown on revision 2',
			60_000,
		);
		expect(text).toMatch(/Healthy/);
	});

	it('q then q leaves the terminal cleanly with exit code 0', async () => {
		press('q');
		press('q');
		const text = await waitForScreen(t => t.includes('[exited'), 'the CLI to exit');
		expect(text).toContain('[exited 0]');
		// The alternate screen is gone: nothing of the UI is left on the terminal.
		expect(text).not.toContain('TRAFFIC');
	});
});
