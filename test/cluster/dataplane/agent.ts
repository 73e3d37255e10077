/**
 * The data plane's agent, on the host (it needs the API server on 127.0.0.1):
 * watches every pod and keeps the network namespace's addresses equal to the
 * IPs of the Running pods in the cluster's pod network, telling the server in
 * the namespace which pod (and so which image) owns each address first.
 *
 *   node --import tsx agent.ts STATE_DIR
 */
import * as k8s from '@kubernetes/client-node';
import {clusterPaths, readStateSync} from '../paths.js';
import {controlSocketPath, putPods} from './control.js';
import {addPodAddress, inPodNetwork, podAddresses, removePodAddress, type PodNetwork} from './network.js';
import {DEMO_PORT, type PodEntry} from './protocol.js';

const stateDir = process.argv[2];
if (!stateDir) {
	console.error('usage: agent.ts STATE_DIR');
	process.exit(2);
}
const paths = clusterPaths(stateDir);
const network = readStateSync(paths)?.podNetwork;
if (!network) {
	console.error(`no podNetwork in ${paths.stateFile}`);
	process.exit(2);
}
const socket = controlSocketPath(paths);

function entryOf(pod: k8s.V1Pod, net: PodNetwork): PodEntry | undefined {
	const ip = pod.status?.podIP;
	if (pod.status?.phase !== 'Running' || !ip || !inPodNetwork(net, ip)) return undefined;
	const container = pod.spec?.containers[0];
	const ports = (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
	return {
		ip,
		namespace: pod.metadata?.namespace ?? '',
		name: pod.metadata?.name ?? '',
		image: container?.image ?? '',
		ports: ports.length > 0 ? ports : [DEMO_PORT],
	};
}

let current: Set<string> | undefined;
let running = false;
let again = false;

/** Brings the server's map and the addresses in line with the informer's pods; one pass at a time. */
async function reconcile(listPods: () => readonly k8s.V1Pod[], net: PodNetwork): Promise<void> {
	if (running) {
		again = true;
		return;
	}
	running = true;
	try {
		do {
			again = false;
			// Read the informer's pods on every pass: events that came in during the last one are in them.
			const entries = listPods().map((pod) => entryOf(pod, net)).filter((e): e is PodEntry => e !== undefined);
			const wanted = new Set(entries.map((e) => e.ip));
			current ??= await podAddresses(net);
			// The server learns of a pod before its address exists, and forgets it after the address is gone.
			await putPods(socket, entries.filter((e) => current!.has(e.ip) || wanted.has(e.ip)));
			for (const address of wanted) {
				if (current.has(address)) continue;
				await addPodAddress(net, address).catch((error: Error) => console.error(error.message));
				current.add(address);
			}
			for (const address of [...current]) {
				if (wanted.has(address)) continue;
				await removePodAddress(net, address).catch((error: Error) => console.error(error.message));
				current.delete(address);
			}
			await putPods(socket, entries);
		} while (again);
	} catch (error) {
		console.error(`reconcile: ${(error as Error).message}`);
		setTimeout(() => void reconcile(listPods, net), 500);
	} finally {
		running = false;
	}
}

function startInformer(net: PodNetwork): void {
	const kc = new k8s.KubeConfig();
	kc.loadFromFile(paths.kubeconfig);
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const informer = k8s.makeInformer(kc, '/api/v1/pods', () => core.listPodForAllNamespaces());
	const sync = () => void reconcile(() => informer.list(), net);
	informer.on('add', sync);
	informer.on('update', sync);
	informer.on('delete', sync);
	informer.on('connect', sync);
	informer.on('error', (error: unknown) => {
		console.error(`pod watch: ${error instanceof Error ? error.message : String(error)}; restarting in 1s`);
		setTimeout(() => void informer.start().catch(() => {}), 1000);
	});
	informer.start().then(sync, (error: Error) => {
		console.error(`pod watch failed to start: ${error.message}`);
		process.exit(1);
	});
}

startInformer(network);
console.log(`data plane agent: pods of ${network.cidr} -> netns ${network.netns}`);
process.on('SIGTERM', () => process.exit(0));
