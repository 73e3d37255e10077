// Small hooks that connect the outside world (terminal size, a Source of
// objects, the clock) to React, each throttled so Ink redraws only as often
// as a person can notice.
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
 * Wraps a Source so listeners hear about a burst of watch events once:
 * the first change is delivered after `intervalMs`, later ones in that
 * window ride along. This caps renders at 1000/intervalMs per second.
 */
export function coalesce(source: Source, intervalMs: number) {
	return (listener: () => void) => {
		let timer: NodeJS.Timeout | undefined;
		const unsubscribe = source.subscribe(() => {
			timer ??= setTimeout(() => {
				timer = undefined;
				listener();
			}, intervalMs);
		});
		return () => {
			if (timer) clearTimeout(timer);
			unsubscribe();
		};
	};
}

export function useSnapshot(source: Source, intervalMs = 50): Snapshot {
	const [subscribe] = useState(() => coalesce(source, intervalMs));
	return useSyncExternalStore(subscribe, () => source.getSnapshot());
}

/** The current time, updated every `intervalMs` (ages and countdowns). */
export function useNow(intervalMs = 1000): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return now;
}
