/** Reading the components' logs (`.cluster/logs/<component>.log`), and errors that quote them. */
import fs from 'node:fs';
import {clusterPaths, logFile, type ClusterPaths, type ComponentName} from './paths.js';
import {ClusterError} from './util.js';

/** Last `lines` lines of a component's log (empty string if there is none). */
export function logTail(component: ComponentName, lines = 30, paths = clusterPaths()): string {
	const file = logFile(component, paths);
	try {
		const size = fs.statSync(file).size;
		const fd = fs.openSync(file, 'r');
		try {
			const length = Math.min(size, 64 * 1024);
			const buffer = Buffer.alloc(length);
			fs.readSync(fd, buffer, 0, length, size - length);
			return buffer.toString('utf8').split('\n').slice(-lines - 1).join('\n').trimEnd();
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return '';
	}
}

/** What a component logged after byte `offset` (see spawnComponent's logOffset). */
export function logSince(component: ComponentName, offset: number, paths: ClusterPaths): string {
	const file = logFile(component, paths);
	try {
		const size = fs.statSync(file).size;
		if (size <= offset) return '';
		const fd = fs.openSync(file, 'r');
		try {
			const buffer = Buffer.alloc(size - offset);
			fs.readSync(fd, buffer, 0, buffer.length, offset);
			return buffer.toString('utf8');
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return '';
	}
}

/** A ClusterError for `component` with the tail of its log. */
export function failure(component: ComponentName, message: string, paths: ClusterPaths): ClusterError {
	const tail = logTail(component, 30, paths);
	return new ClusterError(
		`${component}: ${message}\n--- last lines of ${logFile(component, paths)} ---\n${tail || '(empty)'}\n---`,
		component,
	);
}
