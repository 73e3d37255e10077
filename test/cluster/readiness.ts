/** Waiting for components to become healthy, failing early (with their log) when they die. */
import {componentPort} from './components.js';
import {failure, logSince} from './logs.js';
import {httpRequest, type TlsOptions} from './net.js';
import type {ClusterPaths, ClusterPorts, ComponentName, Context} from './paths.js';
import {adminTls} from './pki.js';
import {isOurProcess} from './processes.js';
import {errorText, sleep} from './util.js';

/** GET for health probes: 3 s timeout, only the start of the body. */
const probe = (url: string, tls?: TlsOptions) => httpRequest(url, {tls, timeoutMs: 3000, maxBodyChars: 4096});

interface WaitOptions {
	timeoutMs: number;
	intervalMs?: number;
	what: string;
}

/**
 * Polls `check` until it returns true; fails early when the component's process
 * dies, and on timeout; both errors include the tail of the component's log.
 */
export async function waitComponent(
	component: ComponentName,
	pid: number | undefined,
	ctx: Context,
	check: () => Promise<boolean>,
	{timeoutMs, intervalMs = 250, what}: WaitOptions,
): Promise<void> {
	const started = Date.now();
	let lastError = '';
	for (;;) {
		if (pid !== undefined && !isOurProcess(pid, component)) {
			throw failure(component, `process ${pid} exited while waiting for ${what}`, ctx.paths);
		}
		try {
			if (await check()) return;
		} catch (error) {
			lastError = errorText(error);
		}
		if (Date.now() - started > timeoutMs) {
			throw failure(component, `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`, ctx.paths);
		}
		await sleep(intervalMs);
	}
}

export async function apiserverReady(paths: ClusterPaths, ports: ClusterPorts): Promise<boolean> {
	try {
		const response = await probe(`https://127.0.0.1:${ports.apiserver}/readyz`, adminTls(paths));
		return response.status === 200;
	} catch {
		return false;
	}
}

/** Waits until a freshly started component serves its health endpoint (and, for Argo, has synced its caches). */
export async function waitReady(component: ComponentName, pid: number, logOffset: number, ctx: Context, timeoutMs?: number): Promise<void> {
	const {paths, ports} = ctx;
	switch (component) {
		case 'etcd':
			return waitComponent(component, pid, ctx, async () => {
				const response = await probe(`http://127.0.0.1:${ports.etcdClient}/health`);
				return response.status === 200 && response.body.includes('"health":"true"');
			}, {timeoutMs: timeoutMs ?? 60_000, what: 'GET /health'});
		case 'kube-apiserver':
			return waitComponent(component, pid, ctx, () => apiserverReady(paths, ports), {timeoutMs: timeoutMs ?? 180_000, what: 'GET /readyz'});
		case 'kube-controller-manager':
		case 'kube-scheduler':
		case 'kwok': {
			const port = componentPort(component, ports);
			return waitComponent(component, pid, ctx, async () => {
				const response = await probe(`https://127.0.0.1:${port}/healthz`, {insecure: true});
				return response.status === 200;
			}, {timeoutMs: timeoutMs ?? 120_000, what: 'GET /healthz'});
		}
		case 'rollouts-controller':
			await waitComponent(component, pid, ctx, async () => {
				const response = await probe(`http://127.0.0.1:${ports.rolloutsHealthz}/healthz`);
				return response.status === 200;
			}, {timeoutMs: timeoutMs ?? 120_000, what: 'GET /healthz'});
			// healthz answers before the informers have synced; "Started controller" follows the sync.
			return waitComponent(component, pid, ctx, async () => logSince(component, logOffset, paths).includes('Started controller'), {
				timeoutMs: timeoutMs ?? 120_000,
				what: 'the "Started controller" log line (informer caches synced)',
			});
	}
}
