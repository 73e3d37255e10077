/**
 * The data plane's network: a network namespace per cluster with a veth pair to
 * the host, so the kube-apiserver (host network namespace) reaches the pod IPs
 * that kwok hands out, and only them.
 *
 *   host  rtui<h>  100.X.0.1/30  --veth--  100.X.0.2/30 + every pod IP /32  rtui<h>n  (netns rtui-<h>)
 *   host route: 100.X.0.0/16 via 100.X.0.2
 *
 * X is chosen per cluster from 100.64.0.0/10 (shared address space, never routed on
 * this machine otherwise) so two clusters on one machine never share pod IPs.
 */
import {execFile, execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {promisify} from 'node:util';

const execFileP = promisify(execFile);

/** What the cluster records about its pod network (state.json `podNetwork`). */
export interface PodNetwork {
	/** The cluster's pod CIDR, e.g. 100.71.0.0/16; nodes get 100.X.<i>.0/24 from it. */
	cidr: string;
	/** Second octet X of 100.X.0.0/16. */
	octet: number;
	/** Network namespace name (rtui-<hash of the state dir>). */
	netns: string;
	/** Host end of the veth pair; the other end (hostIf + 'n') lives in the namespace. */
	hostIf: string;
	nsIf: string;
	hostAddress: string;
	nsAddress: string;
}

const hashOf = (stateDir: string) => createHash('sha256').update(stateDir).digest('hex').slice(0, 6);

/** The namespace and interface names of a cluster (fixed by its state directory, so down() finds them). */
export function networkNames(stateDir: string): {netns: string; hostIf: string; nsIf: string} {
	const h = hashOf(stateDir);
	return {netns: `rtui-${h}`, hostIf: `rtui${h}`, nsIf: `rtui${h}n`};
}

export function networkFor(stateDir: string, octet: number): PodNetwork {
	return {
		cidr: `100.${octet}.0.0/16`,
		octet,
		...networkNames(stateDir),
		hostAddress: `100.${octet}.0.1`,
		nsAddress: `100.${octet}.0.2`,
	};
}

/** Second octets 64..127 already used by a route on this machine (another cluster's data plane, a VPN). */
function usedOctets(): Set<number> {
	const used = new Set<number>();
	let text = '';
	try {
		text = execFileSync('ip', ['-4', 'route', 'show', 'table', 'all'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
	} catch {
		return used; // no `ip`: no data plane either, any choice is fine
	}
	for (const match of text.matchAll(/\b100\.(\d+)\.\d+\.\d+/g)) used.add(Number(match[1]));
	if (/\b100\.64\.0\.0\/10\b/.test(text)) for (let o = 64; o < 128; o++) used.add(o);
	return used;
}

/** A pod network for a new cluster: the hash of its state directory picks the first candidate. */
export function choosePodNetwork(stateDir: string): PodNetwork {
	const used = usedOctets();
	const first = Number.parseInt(hashOf(stateDir).slice(0, 2), 16) % 64;
	for (let i = 0; i < 64; i++) {
		const octet = 64 + ((first + i) % 64);
		if (!used.has(octet)) return networkFor(stateDir, octet);
	}
	return networkFor(stateDir, 64 + first);
}

/** Node i's pod range (1-based), inside the cluster's /16. */
export function nodePodCidr(network: PodNetwork | undefined, index: number): string {
	return network ? `100.${network.octet}.${index}.0/24` : `10.244.${index}.0/24`;
}

export async function ip(args: string[]): Promise<string> {
	try {
		const {stdout} = await execFileP('ip', args, {encoding: 'utf8'});
		return stdout;
	} catch (error) {
		const e = error as {stderr?: string; code?: string; message: string};
		const why = e.code === 'ENOENT' ? '`ip` (iproute2) is not installed' : (e.stderr || e.message).trim();
		throw new Error(`ip ${args.join(' ')}: ${why}`);
	}
}

/** Creates the namespace, the veth pair and the host route. Throws (with `ip`'s words) when it cannot. */
export async function createNetwork(network: PodNetwork): Promise<void> {
	await deleteNetwork(network.netns, network.hostIf);
	const {netns, hostIf, nsIf} = network;
	await ip(['netns', 'add', netns]);
	await ip(['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf, 'netns', netns]);
	await ip(['addr', 'add', `${network.hostAddress}/30`, 'dev', hostIf]);
	await ip(['link', 'set', hostIf, 'up']);
	await ip(['-n', netns, 'addr', 'add', `${network.nsAddress}/30`, 'dev', nsIf]);
	await ip(['-n', netns, 'link', 'set', nsIf, 'up']);
	await ip(['-n', netns, 'link', 'set', 'lo', 'up']);
	await ip(['route', 'add', network.cidr, 'via', network.nsAddress, 'dev', hostIf]);
}

/** Removes the namespace (which destroys the veth pair and so the route). No-op when absent. */
export async function deleteNetwork(netns: string, hostIf: string): Promise<void> {
	await ip(['netns', 'del', netns]).catch(() => {});
	await ip(['link', 'del', hostIf]).catch(() => {});
}

/** Pod addresses (/32) currently on the namespace's interface. */
export async function podAddresses(network: PodNetwork): Promise<Set<string>> {
	const text = await ip(['-n', network.netns, '-4', '-o', 'addr', 'show', 'dev', network.nsIf]);
	const found = new Set<string>();
	for (const match of text.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\/32/g)) found.add(match[1]!);
	return found;
}

export const addPodAddress = (network: PodNetwork, address: string) => ip(['-n', network.netns, 'addr', 'add', `${address}/32`, 'dev', network.nsIf]);
export const removePodAddress = (network: PodNetwork, address: string) => ip(['-n', network.netns, 'addr', 'del', `${address}/32`, 'dev', network.nsIf]);

/** True when `address` lies in the cluster's /16 (and is not the veth link itself). */
export function inPodNetwork(network: PodNetwork, address: string): boolean {
	const parts = address.split('.').map(Number);
	return parts.length === 4 && parts[0] === 100 && parts[1] === network.octet && parts[2]! > 0 && parts.every((p) => Number.isInteger(p) && p >= 0 && p < 256);
}
