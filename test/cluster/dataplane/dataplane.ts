/**
 * Starting and stopping the data plane of a local cluster: the network
 * namespace (network.ts), the server inside it (server.ts) and the agent on the
 * host (agent.ts). Needs root for `ip netns`; without it (or without iproute2)
 * the cluster runs as before and `dataPlaneStatus()` says why there is none.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type {ClusterPaths, Context} from '../paths.js';
import {clusterDir, repoRoot} from '../paths.js';
import {sleep} from '../util.js';
import {controlSocketPath, dataPlaneDir, serverState} from './control.js';
import {createNetwork, deleteNetwork, networkNames, type PodNetwork} from './network.js';

type Part = 'dataplane-server' | 'dataplane-agent';
const PARTS: Part[] = ['dataplane-agent', 'dataplane-server'];
const scriptOf: Record<Part, string> = {
	'dataplane-server': path.join(clusterDir, 'dataplane', 'server.ts'),
	'dataplane-agent': path.join(clusterDir, 'dataplane', 'agent.ts'),
};

export type DataPlaneStatus = {available: true; network: PodNetwork; socket: string} | {available: false; reason: string};

const statusFile = (paths: ClusterPaths) => path.join(dataPlaneDir(paths), 'status.json');
const pidFile = (part: Part, paths: ClusterPaths) => path.join(paths.pidsDir, `${part}.pid`);
export const dataPlaneLog = (part: Part, paths: ClusterPaths) => path.join(paths.logsDir, `${part}.log`);

function partPid(part: Part, paths: ClusterPaths): number | undefined {
	try {
		const pid = Number.parseInt(fs.readFileSync(pidFile(part, paths), 'utf8'), 10);
		const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		return cmdline.includes(scriptOf[part]) ? pid : undefined;
	} catch {
		return undefined;
	}
}

function spawnPart(part: Part, command: string, args: string[], paths: ClusterPaths): number {
	const log = dataPlaneLog(part, paths);
	fs.appendFileSync(log, `\n===== ${new Date().toISOString()} starting ${part} =====\n`);
	const fd = fs.openSync(log, 'a');
	try {
		// cwd = the repository, so `--import tsx` resolves from its node_modules.
		const child = spawn(command, args, {cwd: repoRoot, detached: true, stdio: ['ignore', fd, fd]});
		child.on('error', () => {});
		child.unref();
		if (child.pid === undefined) throw new Error(`${part} did not start (see ${log})`);
		fs.writeFileSync(pidFile(part, paths), `${child.pid}\n`);
		return child.pid;
	} finally {
		fs.closeSync(fd);
	}
}

async function waitFor(what: string, part: Part, paths: ClusterPaths, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (partPid(part, paths) === undefined) throw new Error(`${part} exited while waiting for ${what} (see ${dataPlaneLog(part, paths)})`);
		if (await check().catch(() => false)) return;
		await sleep(150);
	}
	throw new Error(`timed out waiting for ${what} (see ${dataPlaneLog(part, paths)})`);
}

async function writeStatus(paths: ClusterPaths, status: DataPlaneStatus): Promise<void> {
	await fsp.mkdir(dataPlaneDir(paths), {recursive: true});
	await fsp.writeFile(statusFile(paths), JSON.stringify(status, null, '\t'));
}

/** Why this machine cannot have a data plane, or undefined when it can try. */
function unavailableReason(network: PodNetwork | undefined): string | undefined {
	if (!network) return 'the cluster was started without a pod network (older state); restart it with cluster:down and cluster:up';
	if (process.platform !== 'linux') return 'network namespaces need Linux';
	if (process.getuid?.() !== 0) return 'not root: `ip netns add` needs root (run the cluster as root, as CI does)';
	return undefined;
}

/** Starts the namespace, the server and the agent; on failure logs one line, records why and carries on. */
export async function startDataPlane(ctx: Context, log: (message: string) => void): Promise<DataPlaneStatus> {
	const {paths} = ctx;
	const network = ctx.state.podNetwork;
	await stopDataPlane(paths);
	const reason = unavailableReason(network);
	let status: DataPlaneStatus;
	if (reason || !network) {
		status = {available: false, reason: reason ?? 'no pod network'};
	} else {
		try {
			status = await startParts(network, paths);
		} catch (error) {
			await stopDataPlane(paths);
			status = {available: false, reason: (error as Error).message};
		}
	}
	await writeStatus(paths, status);
	log(status.available ? `data plane ready: pod IPs ${status.network.cidr} answer in netns ${status.network.netns}` : `no data plane (traffic tests will fail): ${status.reason}`);
	return status;
}

async function startParts(network: PodNetwork, paths: ClusterPaths): Promise<DataPlaneStatus> {
	await createNetwork(network);
	await fsp.mkdir(dataPlaneDir(paths), {recursive: true});
	const socket = controlSocketPath(paths);
	spawnPart('dataplane-server', 'ip', ['netns', 'exec', network.netns, process.execPath, '--import', 'tsx', scriptOf['dataplane-server'], socket], paths);
	await waitFor('the data plane server', 'dataplane-server', paths, async () => (await serverState(socket)).ports.length > 0);
	spawnPart('dataplane-agent', process.execPath, ['--import', 'tsx', scriptOf['dataplane-agent'], paths.stateDir], paths);
	await waitFor('the data plane agent to list the pods', 'dataplane-agent', paths, async () => (await serverState(socket)).synced);
	return {available: true, network, socket};
}

/** Starts the data plane again when a reused cluster lost it (e.g. after a reboot of the processes). */
export async function ensureDataPlane(ctx: Context, log: (message: string) => void): Promise<void> {
	const status = readDataPlaneStatus(ctx.paths);
	if (status && !status.available) return; // it could not run here; up() said so when it started
	if (PARTS.every((part) => partPid(part, ctx.paths) !== undefined)) return;
	await startDataPlane(ctx, log);
}

/** Stops the agent and the server and removes the namespace (its veth pair and route go with it). */
export async function stopDataPlane(paths: ClusterPaths): Promise<void> {
	for (const part of PARTS) {
		const pid = partPid(part, paths);
		if (pid !== undefined) {
			try {
				process.kill(pid, 'SIGTERM');
			} catch {
				// already gone
			}
			for (let i = 0; i < 50 && partPid(part, paths) !== undefined; i++) await sleep(100);
			if (partPid(part, paths) !== undefined) process.kill(pid, 'SIGKILL');
		}
		await fsp.rm(pidFile(part, paths), {force: true});
	}
	if (process.getuid?.() === 0) {
		const {netns, hostIf} = networkNames(paths.stateDir);
		await deleteNetwork(netns, hostIf);
	}
}

function readDataPlaneStatus(paths: ClusterPaths): DataPlaneStatus | undefined {
	try {
		return JSON.parse(fs.readFileSync(statusFile(paths), 'utf8')) as DataPlaneStatus;
	} catch {
		return undefined;
	}
}

/** Whether the data plane runs now; when not, the reason in words (for tests that need it). */
export function dataPlaneStatus(paths: ClusterPaths): DataPlaneStatus {
	const recorded = readDataPlaneStatus(paths);
	if (!recorded) return {available: false, reason: `no data plane recorded in ${dataPlaneDir(paths)} (cluster not started by this version?)`};
	if (!recorded.available) return recorded;
	const dead = PARTS.filter((part) => partPid(part, paths) === undefined);
	if (dead.length > 0) return {available: false, reason: `${dead.join(' and ')} not running (see ${paths.logsDir})`};
	return recorded;
}
