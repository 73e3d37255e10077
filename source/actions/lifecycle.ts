// The abort, retry, restart and pause rules.
import {refuse, specMerge, statusMerge, type Facts, type Planned} from './facts.js';
import {describeRevision, revisionLabel} from './replicasets.js';

export function planAbort(facts: Facts): Planned {
	if (facts.aborted) {
		return refuse('abort', 'rollout is already aborted', 'use retry (r) to try again, or undo (u) to roll back the template');
	}
	if (facts.current.hash && facts.current.hash === facts.stable.hash) {
		return refuse('abort', `nothing to abort: ${revisionLabel(facts.stable.rs, facts.stable.hash)} is stable and no update is in progress`);
	}
	const stable = revisionLabel(facts.stable.rs, facts.stable.hash);
	const current = revisionLabel(facts.current.rs, facts.current.hash);
	const back = facts.isBlueGreen
		? `point active Service ${facts.activeService} back to stable ${stable}`
		: `send all traffic back to stable ${stable}`;
	return {
		patches: [statusMerge({abort: true})],
		summary: `Abort rollout ${facts.name}: ${back} and scale down ${current}?`,
	};
}

export function planRetry(facts: Facts): Planned {
	if (!facts.aborted) return refuse('retry', 'rollout is not aborted: nothing to retry');
	return {
		patches: [statusMerge({abort: false})],
		summary: `Retry rollout ${facts.name}: leave the aborted state and roll out ${describeRevision(facts.current.rs, facts.current.hash)} again?`,
	};
}

/**
 * RFC 3339 in UTC with seconds precision, rounded UP to the next second. The
 * controller restarts pods created *before* restartAt (compared at the API's
 * one-second precision), so truncating would spare pods created earlier in
 * the same second; a restartAt up to 1 s ahead is simply waited for.
 */
export function rfc3339Seconds(epochMs: number): string {
	return new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function planRestart(facts: Facts, now: number): Planned {
	return {
		patches: [specMerge({restartAt: rfc3339Seconds(now)})],
		summary: `Restart all pods of ${facts.name}? They are evicted and recreated a few at a time.`,
	};
}

export function planPause(facts: Facts): Planned {
	if (facts.specPaused) return refuse('pause', 'rollout is already paused', 'use promote (p) to resume it');
	return {
		patches: [specMerge({paused: true})],
		summary: `Pause ${facts.name}? It stays paused until you promote it.`,
	};
}
