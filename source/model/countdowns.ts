// The controller's timers, each from its own timestamps: a timed canary
// pause (pause condition start + step duration), blue-green auto-promotion
// (BlueGreenPause start + autoPromotionSeconds), each ReplicaSet's
// scale-down-deadline annotation (scaleDownDelaySeconds, or
// abortScaleDownDelaySeconds after an abort), and the progress deadline
// (the Progressing condition's lastUpdateTime + progressDeadlineSeconds).
// Views are derived once per change; the texts are computed per clock tick.
import type {ReplicaSetObject} from '../domain/replicaset.js';
import type {RolloutObject} from '../domain/rollout.js';
import {time} from '../domain/read.js';
import {pauseEndsAt} from './pause.js';
import type {CountdownKind, CountdownView, PauseView, RolloutView} from './view.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** When blue-green auto-promotion fires, from the BlueGreenPause start; null when it does not apply. */
export function autoPromotionAt(ro: RolloutObject): string | null {
	const bg = ro.blueGreen;
	if (bg === null || !bg.autoPromotionEnabled || bg.autoPromotionSeconds === null || ro.specPaused) return null;
	const start = ro.status.pauseConditions.find((c) => c.reason === 'BlueGreenPause')?.startMs;
	return start === undefined ? null : iso(start + bg.autoPromotionSeconds * 1000);
}

/** The pause in force and when it ends by itself; null when the rollout is not paused. */
export function pauseView(ro: RolloutObject): PauseView | null {
	const first = ro.status.pauseConditions[0];
	if (first === undefined) return ro.specPaused ? {reason: 'Manual', startedAt: null, resumesAt: null} : null;
	// spec.paused holds the rollout whatever the timers say.
	const resumesAt = ro.specPaused ? null : first.reason === 'CanaryPauseStep' ? pauseEndsAt(ro) : first.reason === 'BlueGreenPause' ? autoPromotionAt(ro) : null;
	return {reason: first.reason, startedAt: first.startTime, resumesAt};
}

/** Reasons the Progressing condition carries when no deadline runs (done, paused, aborted, already timed out). */
const NO_DEADLINE = new Set(['NewReplicaSetAvailable', 'RolloutPaused', 'RolloutAborted', 'ProgressDeadlineExceeded']);

export function progressDeadlineAt(ro: RolloutObject, phase: string): string | null {
	if (phase !== 'Progressing') return null;
	const cond = ro.status.conditions.find((c) => c.type === 'Progressing');
	if (cond === undefined || cond.status !== 'True' || NO_DEADLINE.has(cond.reason) || cond.lastUpdateMs === undefined) return null;
	return iso(cond.lastUpdateMs + ro.progressDeadlineSeconds * 1000);
}

/** Every timer of the rollout, soonest first. `replicaSets` are the rollout's own. */
export function countdowns(ro: RolloutObject, replicaSets: readonly ReplicaSetObject[], phase: string): CountdownView[] {
	const out: CountdownView[] = [];
	const add = (kind: CountdownKind, at: string | null, subject = '') => {
		if (at !== null) out.push({kind, at, subject});
	};
	const pause = pauseView(ro);
	if (pause?.resumesAt) add(pause.reason === 'BlueGreenPause' ? 'autoPromotion' : 'pause', pause.resumesAt);
	add('progressDeadline', progressDeadlineAt(ro, phase));
	for (const rs of replicaSets) {
		const at = time(rs.scaleDownDeadline);
		if (at === undefined || (rs.desired ?? 0) === 0) continue;
		// After an abort the deadline on the current (aborted) ReplicaSet is abortScaleDownDelaySeconds'.
		const aborted = ro.status.aborted && rs.hash !== '' && rs.hash === ro.status.currentPodHash;
		add(aborted ? 'abortScaleDown' : 'scaleDown', iso(at), rs.meta.name);
	}
	return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** "4m 12s", "30s", "1h 5m", "2d 3h": two units, for a countdown that ticks. */
export function remainingText(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const d = Math.floor(total / 86_400);
	const h = Math.floor((total % 86_400) / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const units: Array<[number, string]> = [[d, 'd'], [h, 'h'], [m, 'm'], [s, 's']];
	const first = units.findIndex(([n]) => n > 0);
	if (first === -1) return '0s';
	return units
		.slice(first, first + 2)
		.filter(([n], i) => i === 0 || n > 0)
		.map(([n, u]) => `${n}${u}`)
		.join(' ');
}

/** Whole seconds left (0 once passed); null without a time. */
export function remainingSeconds(at: string | null, now: number): number | null {
	const t = time(at);
	return t === undefined ? null : Math.max(0, Math.ceil((t - now) / 1000));
}

const WORDS: Record<CountdownKind, [before: string, after: string]> = {
	pause: ['resumes in', 'resuming'],
	autoPromotion: ['auto-promotes in', 'auto-promoting'],
	scaleDown: ['scales down in', 'scaling down'],
	abortScaleDown: ['scales down (aborted) in', 'scaling down (aborted)'],
	progressDeadline: ['deadline in', 'deadline passed'],
};

/** "resumes in 4m 12s", "auto-promotes in 30s", "deadline in 8m", "resuming" once the time has come. */
export function countdownText(c: CountdownView, now: number): string {
	const left = Date.parse(c.at) - now;
	const [before, after] = WORDS[c.kind];
	return left > 0 ? `${before} ${remainingText(left)}` : after;
}

/** The one timer or wait a list row shows: the pause first, then the deadline, then scale-downs. */
export function headlineTimer(view: Pick<RolloutView, 'countdowns' | 'pause'>, now: number): string {
	const first = view.countdowns.find((c) => c.kind === 'pause' || c.kind === 'autoPromotion') ?? view.countdowns[0];
	if (view.pause !== null && view.pause.resumesAt === null) return 'waiting for promote';
	return first === undefined ? '' : countdownText(first, now);
}
