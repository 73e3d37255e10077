// Wall time of short commands (process start to exit), as a shell user waits
// for them: one warm-up run for the page cache, then the median of several.
import {spawnSync} from 'node:child_process';
import {median} from './util.js';

export interface Timing {
	medianMs: number;
	minMs: number;
	runs: number;
	/** Exit codes seen, e.g. "0". */
	codes: string;
	outputLines: number;
}

export function timeCommand(command: string[], runs = 9): Timing {
	const env = {...process.env, NODE_OPTIONS: ''};
	const once = () => {
		const t0 = performance.now();
		const result = spawnSync(command[0]!, command.slice(1), {encoding: 'utf8', timeout: 60_000, env, maxBuffer: 16 << 20});
		return {ms: performance.now() - t0, code: result.status ?? -1, lines: (result.stdout ?? '').trimEnd().split('\n').length};
	};
	once();
	const results = Array.from({length: runs}, once);
	const times = results.map((r) => r.ms);
	return {
		medianMs: median(times),
		minMs: Math.min(...times),
		runs,
		codes: [...new Set(results.map((r) => r.code))].join(','),
		outputLines: results[0]!.lines,
	};
}
