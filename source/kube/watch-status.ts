// One line for the status bar out of the per-kind watch states. Pure.
//
// Worst first: failed (error) > reconnecting (warn) > unavailable (warn) >
// connecting (ok) > live (ok). Kinds that fail the same way are grouped, and
// the kind names are left out when every watched kind shares the problem
// (the usual case when the API server is down).
import {qualifiedName, resourceType} from './resources.js';
import type {WatchStatus} from './source.js';

export type WatchSeverity = 'ok' | 'warn' | 'error';

export interface WatchSummary {
	summary: string;
	severity: WatchSeverity;
}

export function describeWatches(all: WatchStatus[], now: number): WatchSummary {
	// An optional kind the user may not read (or the cluster lacks) is not a degraded connection.
	const watches = all.filter((watch) => !(watch.state === 'unavailable' && resourceType(watch.resource).optional));
	const failed = watches.filter((watch) => watch.state === 'failed');
	const reconnecting = watches.filter((watch) => watch.state === 'reconnecting');
	const unavailable = watches.filter((watch) => watch.state === 'unavailable');
	const connecting = watches.filter((watch) => watch.state === 'connecting');

	const parts: string[] = [];
	for (const group of groupByReason(failed)) {
		parts.push(withKinds(group, watches, mergedReason(group, 'failed')));
	}
	for (const group of groupByReason(reconnecting)) {
		parts.push(withKinds(group, watches, reconnectingText(group, now)));
	}
	for (const group of groupByReason(unavailable)) {
		parts.push(withKinds(group, watches, mergedReason(group, 'unavailable')));
	}
	if (connecting.length > 0 && parts.length === 0) {
		parts.push(connecting.length === watches.length ? 'connecting' : `connecting (${kinds(connecting)})`);
	}

	const severity: WatchSeverity =
		failed.length > 0 ? 'error' : reconnecting.length > 0 || unavailable.length > 0 ? 'warn' : 'ok';
	return {summary: parts.length > 0 ? parts.join('; ') : 'live', severity};
}

/**
 * Since when the oldest objects on screen are no longer current (a kind lost
 * its stream and is not live again yet), or null when everything shown is
 * current. Kinds that were never live have nothing on screen to be stale.
 */
export function staleSince(watches: WatchStatus[]): number | null {
	const since = watches.filter((watch) => watch.state !== 'live' && watch.staleSince !== undefined).map((watch) => watch.staleSince!);
	return since.length > 0 ? Math.min(...since) : null;
}

function reconnectingText(group: WatchStatus[], now: number): string {
	const attempt = Math.max(...group.map((watch) => watch.attempt));
	const retries = group.map((watch) => watch.nextRetryAt).filter((at): at is number => at !== null);
	const details = [`attempt ${attempt}`];
	if (retries.length > 0) {
		const seconds = Math.ceil((Math.min(...retries) - now) / 1000);
		details.push(seconds > 0 ? `next try in ${seconds}s` : 'retrying now');
	} else {
		details.push('retrying now');
	}
	const reason = group[0]!.reason;
	return `reconnecting (${details.join(', ')})${reason ? `: ${reason}` : ''}`;
}

/** Prefix "pods, services: " unless every watched kind is in the group or the text names them. */
function withKinds(group: WatchStatus[], all: WatchStatus[], text: string): string {
	if (group.length === all.length || group.every((watch) => text.includes(qualifiedName(resourceType(watch.resource))))) {
		return text;
	}
	return `${kinds(group)}: ${text}`;
}

/**
 * "not installed (no CRD for rollouts.argoproj.io, experiments.argoproj.io)":
 * reasons that differ only in the resource they name are said once.
 */
function mergedReason(group: WatchStatus[], fallback: string): string {
	const first = group[0]!;
	const reason = first.reason ?? fallback;
	if (group.length === 1) {
		return reason;
	}
	const names = group.map((watch) => qualifiedName(resourceType(watch.resource)));
	return reason.replace(names[0]!, names.join(', '));
}

function kinds(group: WatchStatus[]): string {
	return group.map((watch) => watch.resource).join(', ');
}

/** Groups equal reasons, treating the resource each one names as equal too. */
function groupByReason(watches: WatchStatus[]): WatchStatus[][] {
	const groups = new Map<string, WatchStatus[]>();
	for (const watch of watches) {
		const key = (watch.reason ?? '').replace(qualifiedName(resourceType(watch.resource)), '\u0000');
		const group = groups.get(key);
		if (group) {
			group.push(watch);
		} else {
			groups.set(key, [watch]);
		}
	}
	return [...groups.values()];
}
