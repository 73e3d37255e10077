/**
 * Bringing the whole cluster up (or reusing it) and down, and stopping/starting
 * single components (resilience tests), all under the cluster lock.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {componentPort} from './components.js';
import {ensureDataPlane, stopDataPlane} from './dataplane/dataplane.js';
import {withLock} from './locks.js';
import {portIsFree} from './net.js';
import {clusterPaths, COMPONENTS, requireRunningState, type ClusterPaths, type ComponentName} from './paths.js';
import {componentRunning, spawnComponent, stopGraceMs, stoppedByLiveProcess, stoppedMarker, stopProcess} from './processes.js';
import {startFresh, type UpOptions, type UpResult} from './start.js';
import {waitReady} from './readiness.js';
import {status} from './status.js';
import {sleep} from './util.js';

/** Stops whatever this launcher recorded (reverse order) and removes all state except logs/. */
async function stopAllAndClean(paths: ClusterPaths): Promise<void> {
	await stopDataPlane(paths);
	for (const component of [...COMPONENTS].reverse()) {
		await stopProcess(component, paths);
	}
	let entries: string[] = [];
	try {
		entries = await fsp.readdir(paths.stateDir);
	} catch {
		return;
	}
	for (const entry of entries) {
		if (entry === 'logs' || entry === '.lock' || entry === 'users') continue;
		await fsp.rm(path.join(paths.stateDir, entry), {recursive: true, force: true});
	}
}

/**
 * Brings the cluster up, or reuses it when every component runs and the apiserver
 * is ready. A partially running cluster is stopped and started afresh.
 */
export async function up(options: UpOptions = {}): Promise<UpResult> {
	const paths = clusterPaths(options.stateDir);
	const log = options.log ?? (() => {});
	const t0 = Date.now();
	let partialSince: number | undefined;
	let announced = false;
	for (;;) {
		// Waiting happens outside the lock: whoever stopped a component needs it to start it again.
		const outcome = await withLock(paths, async (): Promise<UpResult | 'wait'> => {
			const current = await status(paths);
			if (current.healthy && current.ports && current.state) {
				// An explicit `cluster:up` takes ownership so a test run will not stop it.
				if (options.owner === 'cli' && current.state.owner !== 'cli') {
					current.state.owner = 'cli';
					await fsp.writeFile(paths.stateFile, JSON.stringify(current.state, null, '\t'));
				}
				await ensureDataPlane({paths, ports: current.ports, state: current.state}, log);
				return {reused: true, paths, ports: current.ports, state: current.state, elapsedMs: Date.now() - t0};
			}
			const running = current.components.filter((c) => c.running);
			if (running.length > 0) {
				// Another process may be restarting a component (e.g. a resilience test on a shared
				// cluster): wait for it rather than tearing the cluster down under its feet.
				partialSince ??= Date.now();
				const stopped = current.components.filter((c) => !c.running).map((c) => c.name);
				const deliberate = stopped.every((name) => stoppedByLiveProcess(name, paths));
				if (Date.now() - partialSince < (deliberate ? 120_000 : 10_000)) return 'wait';
				log(`found a partial cluster (${stopped.join(', ')} not running); stopping it`);
				await stopAllAndClean(paths);
			} else if (fs.existsSync(paths.portsFile)) {
				log('found a stale cluster; cleaning it up');
				await stopAllAndClean(paths);
			}
			try {
				return await startFresh(paths, options, log, t0);
			} catch (error) {
				// Leave nothing half-running behind; logs stay for debugging.
				await stopAllAndClean(paths).catch(() => {});
				throw error;
			}
		});
		if (outcome !== 'wait') return outcome;
		if (!announced) log('cluster partially running (a component is being restarted?); waiting');
		announced = true;
		await sleep(500);
	}
}

/** Stops the processes this launcher started (SIGTERM in reverse order, then SIGKILL) and removes state except logs. */
export async function down(options: {log?: (message: string) => void; stateDir?: string} = {}): Promise<void> {
	const paths = clusterPaths(options.stateDir);
	const log = options.log ?? (() => {});
	await withLock(paths, async () => {
		await stopDataPlane(paths);
		for (const component of [...COMPONENTS].reverse()) {
			const {running} = componentRunning(component, paths);
			await stopProcess(component, paths);
			if (running) log(`stopped ${component}`);
		}
		await stopAllAndClean(paths);
	});
}

export interface StopComponentOptions {
	/** Grace before SIGKILL (default 3 s for kube-apiserver, 10 s otherwise). */
	timeoutMs?: number;
	/** 'SIGKILL' simulates a crash (default 'SIGTERM'). */
	signal?: 'SIGTERM' | 'SIGKILL';
	/** The cluster's state directory (default: clusterPaths().stateDir); see UpOptions.stateDir. */
	stateDir?: string;
}

/** Stops one component; its data, certificates and port are kept for startComponent. */
export async function stopComponent(name: ComponentName, options: StopComponentOptions = {}): Promise<void> {
	const paths = clusterPaths(options.stateDir);
	requireRunningState(paths);
	await withLock(paths, async () => {
		await stopProcess(name, paths, options.timeoutMs ?? stopGraceMs[name], options.signal ?? 'SIGTERM');
		await fsp.mkdir(paths.pidsDir, {recursive: true});
		await fsp.writeFile(stoppedMarker(name, paths), `${process.pid}\n`);
	});
}

/**
 * Starts one component again with the same binary, port and data, and waits until
 * it is healthy. No-op when it is already running.
 */
export async function startComponent(name: ComponentName, options: {timeoutMs?: number; stateDir?: string} = {}): Promise<void> {
	const paths = clusterPaths(options.stateDir);
	const ctx = requireRunningState(paths);
	await withLock(paths, async () => {
		if (componentRunning(name, paths).running) {
			await fsp.rm(stoppedMarker(name, paths), {force: true});
			return;
		}
		const port = componentPort(name, ctx.ports);
		// The old process may have just released the port; give the kernel a moment.
		const host = name === 'rollouts-controller' ? '0.0.0.0' : '127.0.0.1';
		const deadline = Date.now() + 15_000;
		while (!(await portIsFree(port, host)) && Date.now() < deadline) await sleep(200);
		const {pid, logOffset} = await spawnComponent(name, ctx);
		await fsp.rm(stoppedMarker(name, paths), {force: true});
		await waitReady(name, pid, logOffset, ctx, options.timeoutMs);
	});
}
