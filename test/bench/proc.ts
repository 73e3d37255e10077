// CPU time and peak memory of a running process, from /proc (Linux).
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;

/** User + system CPU seconds used so far. */
export function cpuSeconds(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after "(comm)": state is field 3, utime 14, stime 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Peak resident set size so far (VmHWM), in bytes. */
export function peakRssBytes(pid: number): number {
	const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) * 1024 : Number.NaN;
}
