/** The components' command lines, main ports and environment. */
import path from 'node:path';
import type {ClusterPorts, ComponentName, Context} from './paths.js';

/** The command line of a component: its configuration comes from these flags only. */
export function componentArgs(component: ComponentName, {paths, ports, state}: Context): string[] {
	const pki = (file: string) => path.join(paths.pkiDir, file);
	const kc = paths.kubeconfig;
	switch (component) {
		case 'etcd':
			return [
				'--name=node0',
				`--data-dir=${paths.etcdDataDir}`,
				`--listen-client-urls=http://127.0.0.1:${ports.etcdClient}`,
				`--advertise-client-urls=http://127.0.0.1:${ports.etcdClient}`,
				`--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
				`--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
				`--initial-cluster=node0=http://127.0.0.1:${ports.etcdPeer}`,
				'--auto-compaction-retention=1',
				'--quota-backend-bytes=8589934592',
				'--unsafe-no-fsync',
			];
		case 'kube-apiserver':
			return [
				`--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
				'--etcd-prefix=/registry',
				'--allow-privileged=true',
				'--endpoint-reconciler-type=none',
				'--advertise-address=127.0.0.1',
				'--bind-address=127.0.0.1',
				`--secure-port=${ports.apiserver}`,
				'--service-cluster-ip-range=10.96.0.0/16',
				'--authorization-mode=Node,RBAC',
				...(state.watchCache ? [] : ['--watch-cache=false']),
				`--tls-cert-file=${pki('admin.crt')}`,
				`--tls-private-key-file=${pki('admin.key')}`,
				`--client-ca-file=${pki('ca.crt')}`,
				`--service-account-key-file=${pki('sa.pub')}`,
				`--service-account-signing-key-file=${pki('sa.key')}`,
				'--service-account-issuer=https://kubernetes.default.svc.cluster.local',
				`--proxy-client-cert-file=${pki('admin.crt')}`,
				`--proxy-client-key-file=${pki('admin.key')}`,
				`--requestheader-client-ca-file=${pki('ca.crt')}`,
				'--requestheader-allowed-names=kwok-admin',
				'--requestheader-username-headers=X-Remote-User',
				'--requestheader-group-headers=X-Remote-Group',
				'--requestheader-extra-headers-prefix=X-Remote-Extra-',
			];
		case 'kube-controller-manager':
			return [
				`--kubeconfig=${kc}`,
				'--bind-address=127.0.0.1',
				`--secure-port=${ports.controllerManager}`,
				'--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
				`--root-ca-file=${pki('ca.crt')}`,
				`--service-account-private-key-file=${pki('sa.key')}`,
				'--node-monitor-period=5s',
				'--node-monitor-grace-period=40s',
				'--leader-elect=false',
			];
		case 'kube-scheduler':
			return [
				`--kubeconfig=${kc}`,
				'--bind-address=127.0.0.1',
				`--secure-port=${ports.scheduler}`,
				'--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
				'--leader-elect=false',
			];
		case 'kwok':
			return [
				`--kubeconfig=${kc}`,
				`--config=${paths.kwokConfig}`,
				'--manage-all-nodes=true',
				'--node-lease-duration-seconds=40',
				`--cidr=${state.podNetwork?.cidr ?? '10.244.0.0/16'}`,
				'--node-ip=10.240.0.1',
				'--node-name=localhost',
				`--node-port=${ports.kwok}`,
				`--server-address=127.0.0.1:${ports.kwok}`,
				`--tls-cert-file=${pki('admin.crt')}`,
				`--tls-private-key-file=${pki('admin.key')}`,
			];
		case 'rollouts-controller':
			return [
				`--kubeconfig=${kc}`,
				'--leader-elect=false',
				`--healthzPort=${ports.rolloutsHealthz}`,
				`--metricsPort=${ports.rolloutsMetrics}`,
				'--loglevel=info',
			];
	}
}

/** Main port of a component (the one its health is checked on). */
export function componentPort(component: ComponentName, ports: ClusterPorts): number {
	switch (component) {
		case 'etcd':
			return ports.etcdClient;
		case 'kube-apiserver':
			return ports.apiserver;
		case 'kube-controller-manager':
			return ports.controllerManager;
		case 'kube-scheduler':
			return ports.scheduler;
		case 'kwok':
			return ports.kwok;
		case 'rollouts-controller':
			return ports.rolloutsHealthz;
	}
}

export function componentEnv(): NodeJS.ProcessEnv {
	const env = {...process.env};
	// Components get their configuration from flags only.
	for (const key of ['KUBECONFIG', 'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'POD_NAMESPACE', 'ETCDCTL_API']) delete env[key];
	for (const key of Object.keys(env)) if (key.startsWith('ETCD_')) delete env[key];
	return env;
}
