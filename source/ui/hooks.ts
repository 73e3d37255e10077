// Small hooks that connect the outside world (terminal size, a Source of
// objects, the clock) to React, each throttled so the app re-renders only as
// often as a person can notice.
import {useEffect, useState, useSyncExternalStore} from 'react';
import {useStdout} from 'ink';
import type {Snapshot, Source} from '../kube/source.js';

export interface TerminalSize {
	columns: number;
	rows: number;
}

/** Ink 6 has no useWindowSize; follow stdout's resize events ourselves. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

/**
 * Wraps a Source so listeners hear about a burst of watch events at most once
 * per `windowMs`: the first change is delivered at once (on the next turn of
 * the event loop, so events parsed from one chunk arrive together), changes
 * within the window after a delivery ride along on one delivery at its end.
 */
export function coalesce(source: Source, windowMs: number, clock: () => number = () => performance.now()) {
	return (listener: () => void) => {
		let timer: NodeJS.Timeout | undefined;
		let lastDelivery = -Infinity;
		const deliver = () => {
			timer = undefined;
			lastDelivery = clock();
			listener();
		};
		const unsubscribe = source.subscribe(() => {
			timer ??= setTimeout(deliver, Math.max(0, lastDelivery + windowMs - clock()));
		});
		return () => {
			if (timer) clearTimeout(timer);
			unsubscribe();
		};
	};
}

export function useSnapshot(source: Source, windowMs = 30): Snapshot {
	const [subscribe] = useState(() => coalesce(source, windowMs));
	return useSyncExternalStore(subscribe, () => source.getSnapshot());
}

/**
 * The current time, updated every `intervalMs` (ages and countdowns), on the
 * wall clock's whole intervals so a displayed age turns over when it should.
 * A tick whose frame shows the same text writes nothing (the screen writer
 * compares cells).
 */
export function useNow(intervalMs = 1000): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		let timer: NodeJS.Timeout;
		const schedule = () => {
			timer = setTimeout(() => {
				setNow(Date.now());
				schedule();
			}, intervalMs - (Date.now() % intervalMs) + 1);
		};
		schedule();
		return () => clearTimeout(timer);
	}, [intervalMs]);
	return now;
}

const SPINNER = ['-', '\\', '|', '/'];

/** A spinner glyph that turns every `intervalMs` while `active` (and costs nothing when not). */
export function useSpinner(active: boolean, intervalMs = 130): string {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => setFrame(f => (f + 1) % SPINNER.length), intervalMs);
		return () => clearInterval(timer);
	}, [active, intervalMs]);
	return SPINNER[frame]!;
}
