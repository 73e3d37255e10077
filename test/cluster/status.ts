/** What runs: each component's process and port, and whether the apiserver is ready. */
import fs from 'node:fs';
import {componentPort} from './components.js';
import {clusterPaths, COMPONENTS, logFile, readPortsSync, readStateSync, type ClusterPaths, type ClusterPorts, type ClusterState, type ComponentName} from './paths.js';
import {componentRunning} from './processes.js';
import {apiserverReady} from './readiness.js';

export interface ComponentStatus {
	name: ComponentName;
	pid: number | undefined;
	running: boolean;
	/** Main port of the component, if it has one. */
	port: number | undefined;
	log: string;
}

export interface ClusterStatus {
	/** True when every component runs and the apiserver answers /readyz. */
	healthy: boolean;
	apiserverReady: boolean;
	components: ComponentStatus[];
	paths: ClusterPaths;
	ports: ClusterPorts | undefined;
	state: ClusterState | undefined;
}

/** Status of every component and of the apiserver (no lock; cheap). */
export async function status(paths = clusterPaths()): Promise<ClusterStatus> {
	const ports = readPortsSync(paths);
	const state = readStateSync(paths);
	const components = COMPONENTS.map((name): ComponentStatus => {
		const {pid, running} = componentRunning(name, paths);
		return {name, pid, running, port: ports ? componentPort(name, ports) : undefined, log: logFile(name, paths)};
	});
	const apiserverIsReady = ports !== undefined && fs.existsSync(paths.pkiDir) ? await apiserverReady(paths, ports) : false;
	return {
		healthy: apiserverIsReady && components.every((c) => c.running),
		apiserverReady: apiserverIsReady,
		components,
		paths,
		ports,
		state,
	};
}

/** True when the cluster runs and is healthy. */
export async function isUp(): Promise<boolean> {
	return (await status()).healthy;
}
