// One shared answer per Source to "is the API server there?", so the seven
// watches do not each find out on their own exponential timer. A watch that
// hits a transient failure reports it; one probe (GET /readyz) then asks at a
// short, steady interval while the server is down or starting, and the moment
// it is ready again every waiting watch is woken and retries at once, with its
// backoff reset. Requests still waiting for headers, and watches opened
// while the server was starting, are cut short and sent again too.
import type {KubeConfig} from '@kubernetes/client-node';
import {backoffDelay, type BackoffPolicy} from './backoff.js';
import {openGet} from './kube-request.js';
import {sleep} from './sleep.js';

/** 'ready': /readyz said so, or the server answers but will not tell us (401/403/404). */
export type ProbeResult = 'ready' | 'unready';
export type Probe = (signal: AbortSignal) => Promise<ProbeResult>;

export interface ReachabilityTuning {
	/** Delays between probes while the server is not ready: short, and capped low. */
	probe: BackoffPolicy;
	random: () => number;
}

export const defaultReachabilityTuning: ReachabilityTuning = {
	probe: {initialMs: 250, maxMs: 1000, factor: 2, jitter: 0.2},
	random: Math.random,
};

/** How a wait ended: its own timer ran out, or the server came back after an outage. */
export type WaitEnd = 'timer' | 'recovered';

export interface TrackedRequest {
	signal: AbortSignal;
	wasCut(): boolean;
	answered(): void;
	done(): void;
}

export class Reachability {
	private readonly tuning: ReachabilityTuning;
	private readonly waiters = new Set<(end: WaitEnd) => void>();
	private readonly pending = new Set<AbortController>();
	private probing: AbortController | null = null;
	private down = false;

	constructor(
		private readonly probe: Probe,
		tuning: Partial<ReachabilityTuning> = {},
	) {
		this.tuning = {...defaultReachabilityTuning, ...tuning};
	}

	/**
	 * True while the server's health is in doubt: a probe is running, or the
	 * last one found it down or starting. Answers such as 404 or 403 are not
	 * to be believed then (a starting server gives them before it has loaded
	 * its CRDs and RBAC rules).
	 */
	get inDoubt(): boolean {
		return this.down || this.probing !== null;
	}

	/** A request failed in a way that may mean the server is down; probe until it is ready. */
	failed(): void {
		if (this.probing) {
			return;
		}
		const controller = new AbortController();
		this.probing = controller;
		void this.probeUntilReady(controller.signal);
	}

	/** A request got a 2xx: the server answers, so every watch waiting out an outage may try now. */
	answered(): void {
		if (this.down) {
			this.wake(false);
		}
	}

	/** Sleeps up to `ms`; ends early when the server is back after an outage, or when `signal` aborts. */
	wait(ms: number, signal: AbortSignal): Promise<WaitEnd> {
		return new Promise((resolve) => {
			if (signal.aborted) {
				resolve('timer');
				return;
			}
			const done = (end: WaitEnd) => {
				clearTimeout(timer);
				this.waiters.delete(done);
				signal.removeEventListener('abort', onAbort);
				resolve(end);
			};
			const onAbort = () => done('timer');
			const timer = setTimeout(() => done('timer'), ms);
			this.waiters.add(done);
			signal.addEventListener('abort', onAbort, {once: true});
		});
	}

	/**
	 * A signal for one request (and its response). It is also aborted when the
	 * server comes back from an outage, unless the request was answered while
	 * the server was not in doubt: a request sent to a dead or half-started
	 * server may hang, and a watch opened on a starting server (its watch cache
	 * still filling) may stay silent; one sent now will not. `wasCut()` tells
	 * that case from other aborts. Call `answered()` when the response headers
	 * arrived, and `done()` when the request and its response are finished.
	 */
	track(signal: AbortSignal): TrackedRequest {
		const controller = new AbortController();
		const forward = () => controller.abort(signal.reason);
		signal.addEventListener('abort', forward, {once: true});
		this.pending.add(controller);
		return {
			signal: controller.signal,
			wasCut: () => controller.signal.aborted && !signal.aborted,
			answered: () => {
				// An answer from a server in doubt (a watch opened while it was starting) may not deliver events: renew it too.
				if (!this.inDoubt) {
					this.pending.delete(controller);
				}
			},
			done: () => {
				this.pending.delete(controller);
				signal.removeEventListener('abort', forward);
			},
		};
	}

	stop(): void {
		this.probing?.abort();
		this.probing = null;
		for (const waiter of [...this.waiters]) waiter('timer');
	}

	private async probeUntilReady(signal: AbortSignal): Promise<void> {
		for (let attempt = 1; !signal.aborted; attempt++) {
			let result: ProbeResult;
			try {
				result = await this.probe(signal);
			} catch {
				result = 'unready';
			}
			if (signal.aborted) {
				return;
			}
			if (result === 'ready') {
				const wasDown = this.down;
				this.down = false;
				this.probing = null;
				if (wasDown) {
					this.wake(true);
				}
				return;
			}
			this.down = true;
			await sleep(backoffDelay(attempt, this.tuning.probe, this.tuning.random), signal);
		}
	}

	/** Wakes every waiting watch; after the probe saw the server come back, also cuts requests still without an answer. */
	private wake(cutPending: boolean): void {
		if (cutPending) {
			for (const controller of [...this.pending]) {
				this.pending.delete(controller);
				controller.abort(new Error('the server is back; sending again'));
			}
		}
		for (const waiter of [...this.waiters]) waiter('recovered');
	}
}

/** GET /readyz: 200 is ready; 5xx, 429 and no answer are not; any other answer means the server is serving. */
export function readyzProbe(kc: KubeConfig, timeoutMs: number): Probe {
	return async (signal) => {
		const open = await openGet(kc, '/readyz', {}, signal, timeoutMs);
		const status = open.response.statusCode ?? 0;
		open.close();
		return status >= 500 || status === 429 ? 'unready' : 'ready';
	};
}
