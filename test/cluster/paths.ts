/**
 * Names, paths and state files of the local cluster: where `.cluster/` lives, the
 * components and their binaries, and the ports/state JSON that `up()` records.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {PodNetwork} from './dataplane/network.js';
import {ClusterError} from './util.js';

/** This directory (test/cluster/): build.sh and the Go wrapper modules live here. */
export const clusterDir = path.dirname(fileURLToPath(import.meta.url));

/** Repository root, derived from this file's location (test/cluster/paths.ts). */
export const repoRoot = path.resolve(clusterDir, '..', '..');

/** Components in start order; `down()` stops them in reverse. */
export const COMPONENTS = [
	'etcd',
	'kube-apiserver',
	'kube-controller-manager',
	'kube-scheduler',
	'kwok',
	'rollouts-controller',
] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export const binaryNames: Record<ComponentName, string> = {
	etcd: 'etcd',
	'kube-apiserver': 'kube-apiserver',
	'kube-controller-manager': 'kube-controller-manager',
	'kube-scheduler': 'kube-scheduler',
	kwok: 'kwok',
	'rollouts-controller': 'rollouts-controller',
};

export interface ClusterPaths {
	/** `.cluster/` at the repository root. */
	stateDir: string;
	pkiDir: string;
	/** Admin kubeconfig (CN=kwok-admin, O=system:masters). Never print its contents. */
	kubeconfig: string;
	/** Kubeconfig of the read-only user `rollouts-viewer`. */
	kubeconfigReadonly: string;
	etcdDataDir: string;
	logsDir: string;
	pidsDir: string;
	portsFile: string;
	stateFile: string;
	kwokConfig: string;
	lockDir: string;
	usersDir: string;
}

export interface ClusterPorts {
	etcdClient: number;
	etcdPeer: number;
	apiserver: number;
	controllerManager: number;
	scheduler: number;
	kwok: number;
	rolloutsHealthz: number;
	rolloutsMetrics: number;
}

/** What `up()` records besides the ports: where the binaries came from and who asked for the cluster. */
export interface ClusterState {
	binDir: string;
	/** Resolved path of each component's binary at start time (restarts use the same binaries). */
	binaries: Record<ComponentName, string>;
	startedAt: string;
	/** 'test' when a test run started it (so the test run may stop it again), 'cli' otherwise. */
	owner: 'test' | 'cli';
	nodes: string[];
	/** Whether kube-apiserver runs with its watch cache (see UpOptions.watchCache). */
	watchCache: boolean;
	/** The cluster's own pod CIDR and data-plane names (absent in state written before the data plane). */
	podNetwork?: PodNetwork;
}

/** Everything needed to start or probe a component of a cluster whose state is recorded. */
export interface Context {
	paths: ClusterPaths;
	ports: ClusterPorts;
	state: ClusterState;
}

/** Paths of the cluster state; `stateDir` defaults to `<repo>/.cluster`, overridable with ROLLOUTS_TUI_CLUSTER_DIR. */
export function clusterPaths(stateDir = process.env.ROLLOUTS_TUI_CLUSTER_DIR ?? path.join(repoRoot, '.cluster')): ClusterPaths {
	return {
		stateDir,
		pkiDir: path.join(stateDir, 'pki'),
		kubeconfig: path.join(stateDir, 'kubeconfig'),
		kubeconfigReadonly: path.join(stateDir, 'kubeconfig-readonly'),
		etcdDataDir: path.join(stateDir, 'etcd'),
		logsDir: path.join(stateDir, 'logs'),
		pidsDir: path.join(stateDir, 'pids'),
		portsFile: path.join(stateDir, 'ports.json'),
		stateFile: path.join(stateDir, 'state.json'),
		kwokConfig: path.join(stateDir, 'kwok.yaml'),
		lockDir: path.join(stateDir, '.lock'),
		usersDir: path.join(stateDir, 'users'),
	};
}

/** `.cluster/logs/<component>.log`. */
export function logFile(component: ComponentName, paths: ClusterPaths): string {
	return path.join(paths.logsDir, `${component}.log`);
}

/** Where build.sh links the binaries: `${ROLLOUTS_TUI_CACHE:-~/.cache/rollouts-tui}/bin/current`, or ROLLOUTS_TUI_BIN_DIR. */
export function defaultBinDir(): string {
	if (process.env.ROLLOUTS_TUI_BIN_DIR) return process.env.ROLLOUTS_TUI_BIN_DIR;
	const cache = process.env.ROLLOUTS_TUI_CACHE ?? path.join(os.homedir(), '.cache', 'rollouts-tui');
	return path.join(cache, 'bin', 'current');
}

/** The official kubectl plugin built alongside the controller. */
export function pluginBinary(binDir = readStateSync()?.binDir ?? defaultBinDir()): string {
	return path.join(binDir, 'kubectl-argo-rollouts');
}

function readJsonSync<T>(file: string): T | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

export function readPortsSync(paths = clusterPaths()): ClusterPorts | undefined {
	return readJsonSync<ClusterPorts>(paths.portsFile);
}

export function readStateSync(paths = clusterPaths()): ClusterState | undefined {
	return readJsonSync<ClusterState>(paths.stateFile);
}

/** The recorded state of the cluster; throws when there is none (up() has not run). */
export function requireRunningState(paths: ClusterPaths): Context {
	const ports = readPortsSync(paths);
	const state = readStateSync(paths);
	if (!ports || !state || !fs.existsSync(paths.pkiDir)) {
		throw new ClusterError(`no cluster state in ${paths.stateDir}; run up() first`);
	}
	return {paths, ports, state};
}
