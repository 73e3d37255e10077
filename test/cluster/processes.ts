/**
 * The components' processes: spawning them detached with their output in
 * `.cluster/logs/<component>.log`, their pids in `.cluster/pids/<component>.pid`,
 * checking and stopping them.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {componentArgs, componentEnv} from './components.js';
import {failure} from './logs.js';
import {binaryNames, logFile, type ClusterPaths, type ComponentName, type Context} from './paths.js';
import {ClusterError, sleep} from './util.js';

function pidFile(component: ComponentName, paths: ClusterPaths): string {
	return path.join(paths.pidsDir, `${component}.pid`);
}

function readPid(component: ComponentName, paths: ClusterPaths): number | undefined {
	try {
		const pid = Number.parseInt(fs.readFileSync(pidFile(component, paths), 'utf8').trim(), 10);
		return Number.isFinite(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/**
 * True when `pid` is alive (not a zombie) and is the component's binary: the
 * recorded pid could have been reused by an unrelated process.
 */
export function isOurProcess(pid: number, component: ComponentName): boolean {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const stateChar = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		if (stateChar === 'Z' || stateChar === 'X') return false;
		const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
		return path.basename(argv0) === binaryNames[component];
	} catch {
		return false;
	}
}

export function componentRunning(component: ComponentName, paths: ClusterPaths): {pid: number | undefined; running: boolean} {
	const pid = readPid(component, paths);
	return {pid, running: pid !== undefined && isOurProcess(pid, component)};
}

async function waitForExit(pid: number, component: ComponentName, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!isOurProcess(pid, component)) return true;
		await sleep(100);
	}
	return !isOurProcess(pid, component);
}

/**
 * Default grace before SIGKILL. kube-apiserver's graceful shutdown waits for open
 * watch streams (up to --request-timeout, 60 s) while its clients are still
 * connected, so it only gets a short grace; the others exit within a second.
 */
export const stopGraceMs: Record<ComponentName, number> = {
	etcd: 10_000,
	'kube-apiserver': 3_000,
	'kube-controller-manager': 10_000,
	'kube-scheduler': 10_000,
	kwok: 10_000,
	'rollouts-controller': 10_000,
};

/** Sends `signal` (SIGTERM) to the recorded pid, SIGKILL after `timeoutMs`; removes the pid file. No-op if not running. */
export async function stopProcess(
	component: ComponentName,
	paths: ClusterPaths,
	timeoutMs = stopGraceMs[component],
	signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
): Promise<void> {
	const pid = readPid(component, paths);
	if (pid !== undefined && isOurProcess(pid, component)) {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
		if (!(await waitForExit(pid, component, timeoutMs))) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
			await waitForExit(pid, component, 5000);
		}
	}
	await fsp.rm(pidFile(component, paths), {force: true});
}

/** `<component>.stopped-by`: the pid of the process that stopped it on purpose (stopComponent). */
export function stoppedMarker(component: ComponentName, paths: ClusterPaths): string {
	return path.join(paths.pidsDir, `${component}.stopped-by`);
}

/** True when stopComponent() stopped `component` on behalf of a process that still runs. */
export function stoppedByLiveProcess(component: ComponentName, paths: ClusterPaths): boolean {
	try {
		const pid = Number.parseInt(fs.readFileSync(stoppedMarker(component, paths), 'utf8').trim(), 10);
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Starts one component detached; returns its pid and the log size before start (to scan new log output). */
export async function spawnComponent(component: ComponentName, ctx: Context): Promise<{pid: number; logOffset: number}> {
	const {paths, state} = ctx;
	await fsp.mkdir(paths.logsDir, {recursive: true});
	await fsp.mkdir(paths.pidsDir, {recursive: true});
	const binary = state.binaries[component];
	if (!fs.existsSync(binary)) {
		throw new ClusterError(`${component}: binary ${binary} not found; run \`bash test/cluster/build.sh\` first`, component);
	}
	const log = logFile(component, paths);
	// Debugging aid: ROLLOUTS_TUI_ARGS_KUBE_APISERVER="--v=4" etc. appends flags to one component.
	const extra = process.env[`ROLLOUTS_TUI_ARGS_${component.toUpperCase().replace(/-/g, '_')}`];
	const args = [...componentArgs(component, ctx), ...(extra ? extra.split(/\s+/).filter(Boolean) : [])];
	fs.appendFileSync(log, `\n===== ${new Date().toISOString()} starting ${component} =====\n`);
	const logOffset = fs.statSync(log).size;
	const fd = fs.openSync(log, 'a');
	try {
		const child = spawn(binary, args, {
			cwd: paths.stateDir,
			detached: true,
			stdio: ['ignore', fd, fd],
			env: componentEnv(),
		});
		const pid = child.pid;
		if (pid === undefined) {
			const spawnError = await new Promise<Error | undefined>((resolve) => {
				child.once('error', resolve);
				setTimeout(() => resolve(undefined), 200);
			});
			throw failure(component, `failed to start: ${spawnError?.message ?? 'no pid'}`, paths);
		}
		child.on('error', () => {});
		child.unref();
		fs.writeFileSync(pidFile(component, paths), `${pid}\n`);
		return {pid, logOffset};
	} finally {
		fs.closeSync(fd);
	}
}
