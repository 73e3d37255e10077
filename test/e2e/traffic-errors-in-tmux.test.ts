// The traffic panel's honest errors on the local control plane: a read-only
// user without services/proxy sees the denial in words (and the TUI keeps
// running), and a Service with no ready endpoints says so.
import {existsSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {FAILURE_GLYPH} from '../../source/ui/traffic-lines.js';
import {
	blueGreenManifest,
	createBlueGreen,
	createHealthyBlueGreen,
	createNamespace,
	deleteNamespace,
	getCluster,
	serviceSelectorHash,
	waitFor,
} from '../integration/helpers.js';
import {strip, tmuxSession} from './tmux.js';

describe('the traffic panel says what keeps it from probing', () => {
	let namespace: string;
	let tui: ReturnType<typeof tmuxSession> | undefined;

	beforeAll(async () => {
		if (!existsSync('dist/rollouts-tui.mjs')) throw new Error('dist/rollouts-tui.mjs missing: run `npm run build` (npm test does)');
		namespace = await createNamespace('traffic-errors');
		await createHealthyBlueGreen(blueGreenManifest({name: 'guarded', namespace, replicas: 1}));
		await createBlueGreen(blueGreenManifest({name: 'empty', namespace, replicas: 0}));
		await waitFor(async () => Boolean(await serviceSelectorHash(namespace, 'empty')), {
			timeoutMs: 60_000,
			description: 'the controller to point the Service of the rollout without replicas at its hash',
		});
	}, 240_000);

	afterEach(() => tui?.kill());
	afterAll(async () => {
		if (namespace) await deleteNamespace(namespace);
	});

	it('a read-only user without services/proxy sees the denial on each strip, and the TUI keeps running', async () => {
		tui = tmuxSession(`rollouts-tui-traffic-ro-${process.pid}`);
		tui.start(`guarded -n ${namespace} --kubeconfig ${getCluster().kubeconfigReadonly} --readonly --traffic`);
		const text = await tui.waitFor(t => /not allowed to proxy to Service guarded /.test(t), 'the denial in the panel', 30_000);
		expect(text).toContain('READ-ONLY');
		expect(text).toMatch(new RegExp(`${FAILURE_GLYPH} not allowed to proxy to Service guarded \\(RBAC: services/proxy\\)`));
		expect(text).toMatch(/not allowed to proxy to Service guarded-preview \(RBAC: services\/proxy\)/);
		expect(strip(text, 'ACTIVE')).toMatch(new RegExp(`^${FAILURE_GLYPH}+$`));
		expect(text).not.toMatch(/at .*\.js:\d+/); // no stack trace
		// The denial does not repeat 20 times a second: the probe asks again every 2 s.
		const before = strip(text, 'ACTIVE').length;
		await new Promise(resolve => setTimeout(resolve, 2500));
		expect(strip(tui.screen(), 'ACTIVE').length - before).toBeLessThanOrEqual(3);
		tui.press('t');
		await tui.waitFor(t => strip(t, 'ACTIVE') === '', 'the panel to close');
		expect(tui.screen()).toContain('guarded');
	});

	it('a Service without ready endpoints says so', async () => {
		tui = tmuxSession(`rollouts-tui-traffic-empty-${process.pid}`);
		tui.start(`empty -n ${namespace} --kubeconfig ${getCluster().kubeconfig} --traffic`);
		const text = await tui.waitFor(t => /Service empty has no ready endpoints/.test(t), 'no endpoints in the panel', 30_000);
		expect(strip(text, 'ACTIVE')).toMatch(new RegExp(`^${FAILURE_GLYPH}+$`));
	});
});
