/**
 * The cluster lock and the registry of test runs using the cluster, so concurrent
 * test runs / CLI calls do not trip over each other.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {clusterPaths, type ClusterPaths} from './paths.js';
import {ClusterError, sleep} from './util.js';

/**
 * Runs `fn` holding the lock directory `.cluster/.lock` (with the holder's pid);
 * a lock whose holder is gone is taken over.
 */
export async function withLock<T>(paths: ClusterPaths, fn: () => Promise<T>, timeoutMs = 10 * 60_000): Promise<T> {
	await fsp.mkdir(paths.stateDir, {recursive: true});
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			fs.mkdirSync(paths.lockDir);
			fs.writeFileSync(path.join(paths.lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number.parseInt(fs.readFileSync(path.join(paths.lockDir, 'pid'), 'utf8').trim() || '0', 10);
			let ownerAlive = false;
			if (owner > 0) {
				try {
					process.kill(owner, 0);
					ownerAlive = true;
				} catch {
					ownerAlive = false;
				}
			}
			// A lock without a pid file is one being created right now, unless it is old.
			const age = Date.now() - fs.statSync(paths.lockDir).mtimeMs;
			if ((owner > 0 && !ownerAlive) || (owner === 0 && age > 30_000) || owner === process.pid) {
				fs.rmSync(paths.lockDir, {recursive: true, force: true});
				continue;
			}
			if (Date.now() > deadline) throw new ClusterError(`timed out waiting for the cluster lock ${paths.lockDir} held by pid ${owner}`);
			await sleep(250);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(paths.lockDir, {recursive: true, force: true});
	}
}

/** Records that process `pid` uses the cluster (test runs); see `otherLiveUsers`. */
export function registerUser(pid = process.pid, paths = clusterPaths()): void {
	fs.mkdirSync(paths.usersDir, {recursive: true});
	fs.writeFileSync(path.join(paths.usersDir, String(pid)), new Date().toISOString());
}

export function unregisterUser(pid = process.pid, paths = clusterPaths()): void {
	fs.rmSync(path.join(paths.usersDir, String(pid)), {force: true});
}

/** Registered users other than `pid` whose process still exists. */
export function otherLiveUsers(pid = process.pid, paths = clusterPaths()): number[] {
	let entries: string[] = [];
	try {
		entries = fs.readdirSync(paths.usersDir);
	} catch {
		return [];
	}
	return entries
		.map((entry) => Number.parseInt(entry, 10))
		.filter((other) => {
			if (!Number.isFinite(other) || other === pid) return false;
			try {
				process.kill(other, 0);
				return true;
			} catch {
				return false;
			}
		});
}
