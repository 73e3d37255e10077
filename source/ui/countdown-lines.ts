// The controller's timers as text that ticks: the header's "Timers" line and
// the list's NEXT cell. Computed per render from the view's timestamps.
import {countdownText, headlineTimer} from '../model/countdowns.js';
import type {RolloutView} from '../model/view.js';
import {seg, type Line} from './lines.js';

/** "resumes in 4m 12s" (or "waiting for promote") for the list, '' when nothing is pending. */
export const listTimer = (view: RolloutView, now: number): string => headlineTimer(view, now);

/** Every timer of the rollout, each with what it concerns; empty when none runs. */
export function timerSegments(view: RolloutView, now: number): Line {
	const parts: string[] = [];
	if (view.pause !== null && view.pause.resumesAt === null) parts.push(view.pause.reason === 'Manual' ? 'paused: waiting for promote' : 'waiting for promote');
	for (const c of view.countdowns) parts.push(c.subject === '' ? countdownText(c, now) : `${c.subject} ${countdownText(c, now)}`);
	const line: Line = [];
	parts.forEach((text, i) => line.push(seg(i === 0 ? '' : ' · ', {dim: true}), seg(text, {color: 'yellow'})));
	return line;
}
