/**
 * Launcher for a real local Kubernetes control plane (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler), kwok for fake nodes and the pod
 * lifecycle, and the real Argo Rollouts controller.
 *
 * Every process is started detached, bound to 127.0.0.1 on a free port (the Argo
 * controller's healthz/metrics ports bind 0.0.0.0, so those are checked free on
 * all interfaces), with its output in `.cluster/logs/<component>.log` and its pid
 * in `.cluster/pids/<component>.pid`. Binaries come from `test/cluster/build.sh`.
 *
 * Used by the vitest global setup, the integration helpers and `cli.ts`/`demo.ts`.
 * This module is the public API; each job lives in its own module:
 *
 *   paths.ts       names, `.cluster/` paths, ports/state files
 *   util.ts        ClusterError, error texts, sleep
 *   logs.ts        component logs, errors quoting them
 *   net.ts         free ports, the node:http(s) request helper
 *   pki.ts         openssl certificates, kubeconfigs
 *   gomod.ts       Go module cache lookups
 *   kwok.ts        kwok's stage configuration
 *   components.ts  command lines, ports and environment of the components
 *   processes.ts   spawning, pids, stopping
 *   readiness.ts   waiting for components to become healthy
 *   kube.ts        client-node helpers (admin KubeConfig, create, ServiceAccount)
 *   crds.ts        Argo CRDs and namespace
 *   nodes.ts       kwok nodes
 *   rbac.ts        the read-only user's RBAC
 *   locks.ts       the cluster lock, registered test-run users
 *   status.ts      status(), isUp()
 *   start.ts       starting a new cluster
 *   lifecycle.ts   up(), down(), stopComponent(), startComponent()
 *   etcd.ts        compactEtcd()
 *   build.ts       build() (runs build.sh)
 *   dataplane/     pod IPs that answer: netns + agent + demo-protocol server
 */
export {build} from './build.js';
export {dataPlaneStatus, type DataPlaneStatus} from './dataplane/dataplane.js';
export {putFaults, serverState} from './dataplane/control.js';
export {compactEtcd} from './etcd.js';
export {goModuleDir} from './gomod.js';
export {adminKubeConfig, waitForDefaultServiceAccount} from './kube.js';
export {down, startComponent, stopComponent, up, type StopComponentOptions} from './lifecycle.js';
export {otherLiveUsers, registerUser, unregisterUser} from './locks.js';
export {logTail} from './logs.js';
export {
	clusterPaths,
	COMPONENTS,
	defaultBinDir,
	pluginBinary,
	readPortsSync,
	readStateSync,
	repoRoot,
	type ClusterPaths,
	type ClusterPorts,
	type ClusterState,
	type ComponentName,
} from './paths.js';
export {type UpOptions, type UpResult} from './start.js';
export {isUp, status, type ClusterStatus, type ComponentStatus} from './status.js';
export {ClusterError} from './util.js';
