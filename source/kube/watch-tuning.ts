// The timings of the list+watch loops, and the readiness signal they share.
// Defaults for real clusters; tests pass shorter ones.
import type {KubeConfig} from '@kubernetes/client-node';
import {defaultBackoff, type BackoffPolicy} from './backoff.js';
import {defaultReachabilityTuning, Reachability, readyzProbe} from './reachability.js';

export interface WatchTuning {
	/** Items per LIST page. */
	pageSize: number;
	/** Asks the server to end each watch after this long; we then resume from the last resourceVersion. */
	watchTimeoutSeconds: number;
	/** The watchdog fires when nothing (not even a bookmark) arrived for watchTimeoutSeconds plus this. */
	idleGraceMs: number;
	/** Limit for response headers, and for reading each LIST page. */
	requestTimeoutMs: number;
	backoff: BackoffPolicy;
	/** Retry interval while the resource is not installed or forbidden. */
	slowRetryMs: number;
	/** A watch open this long counts as healthy: the backoff starts from the beginning again. */
	healthyAfterMs: number;
	/** Delays between readiness probes while the server is down or starting. */
	probe: BackoffPolicy;
	/** Limit for one readiness probe. */
	probeTimeoutMs: number;
	random: () => number;
	now: () => number;
}

export const defaultWatchTuning: WatchTuning = {
	pageSize: 500,
	watchTimeoutSeconds: 60,
	idleGraceMs: 15_000,
	requestTimeoutMs: 30_000,
	backoff: defaultBackoff,
	slowRetryMs: 30_000,
	healthyAfterMs: 5_000,
	probe: defaultReachabilityTuning.probe,
	probeTimeoutMs: 3_000,
	random: Math.random,
	now: Date.now,
};

/** The readiness signal the watches of one Source share. */
export function createReachability(kc: KubeConfig, overrides: Partial<WatchTuning> = {}): Reachability {
	const tuning = {...defaultWatchTuning, ...overrides};
	return new Reachability(readyzProbe(kc, tuning.probeTimeoutMs), {probe: tuning.probe, random: tuning.random});
}
