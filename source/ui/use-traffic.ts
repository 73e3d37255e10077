// The traffic panel's probe session: one probe per Service of the shown
// rollout while the panel is open, bounded sample buffers, rate changes
// passed on, everything stopped when the panel closes or the Services change.
// Answers arrive up to 100 times a second; the panel re-renders at most
// 10 times a second (and once a second while nothing arrives, so the 5 s
// window moves on).
import {useEffect, useMemo, useRef, useState} from 'react';
import type {StartTraffic} from '../kube/service-probe.js';
import type {ProbeSample} from '../model/traffic.js';
import type {RolloutView} from '../model/view.js';
import type {TrafficPanel} from './traffic-lines.js';

export interface TrafficTarget {
	label: string;
	namespace: string;
	service: string;
}

/** Enough for the widest strip and for 5 s at the top rate. */
export const MAX_SAMPLES = 300;
export const PANEL_FRAME_MS = 100;
const IDLE_FRAME_MS = 1000;

/** The Services the panel probes: active and preview (blue/green), or stable and canary. */
export function trafficTargets(view: RolloutView): TrafficTarget[] {
	const roles = [
		['ACTIVE', view.services.active],
		['PREVIEW', view.services.preview],
		['STABLE', view.services.stable],
		['CANARY', view.services.canary],
	] as const;
	return roles.flatMap(([label, ref]) => (ref ? [{label, namespace: view.namespace, service: ref.name}] : []));
}

/** Appends, keeping at most MAX_SAMPLES (trimmed in batches, so a push is cheap). */
export function keepSample(samples: ProbeSample[], sample: ProbeSample): void {
	samples.push(sample);
	if (samples.length > MAX_SAMPLES * 1.5) samples.splice(0, samples.length - MAX_SAMPLES);
}

const targetsKey = (targets: readonly TrafficTarget[]) => targets.map(t => `${t.label}=${t.namespace}/${t.service}`).join(',');

/** The panel to show, or null when it is closed (or there is nothing to probe with). */
export function useTraffic(start: StartTraffic | undefined, open: {rate: number} | null, targets: readonly TrafficTarget[]): TrafficPanel | null {
	const [frame, setFrame] = useState(0);
	const buffers = useRef(new Map<string, ProbeSample[]>());
	const handles = useRef<{setRate(rate: number): void}[]>([]);
	const rate = open?.rate ?? 0;
	const rateNow = useRef(rate);
	rateNow.current = rate;
	const key = targetsKey(targets);
	const running = Boolean(start && open && targets.length > 0);

	useEffect(() => {
		if (!running || !start) return;
		const fresh = new Map<string, ProbeSample[]>();
		buffers.current = fresh;
		let dirty = true;
		let shownAt = 0;
		const probes = targets.map(target => {
			const samples: ProbeSample[] = [];
			fresh.set(target.label, samples);
			return start(target, rateNow.current, sample => {
				keepSample(samples, sample);
				dirty = true;
			});
		});
		handles.current = probes;
		const timer = setInterval(() => {
			const now = Date.now();
			if (!dirty && now - shownAt < IDLE_FRAME_MS) return;
			dirty = false;
			shownAt = now;
			setFrame(n => n + 1);
		}, PANEL_FRAME_MS);
		return () => {
			clearInterval(timer);
			for (const probe of probes) probe.stop();
			handles.current = [];
		};
		// `targets` is read through its key: a new array with the same Services must not restart the probes.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [running, start, key]);

	useEffect(() => {
		for (const handle of handles.current) handle.setRate(rate);
	}, [rate]);

	return useMemo(() => {
		if (!open || !start) return null;
		const strips = targets.map(t => ({label: t.label, service: t.service, samples: buffers.current.get(t.label) ?? []}));
		return {rate: open.rate, now: Date.now(), strips};
		// A new frame (or rate, or Services) makes a new panel; the buffers are read at that moment.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [frame, open, key, start]);
}
