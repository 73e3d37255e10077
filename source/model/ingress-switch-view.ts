// The shapes of a hand-made blue-green switch (an Ingress rule whose backend
// is edited from one Service to another), as every output shows it.
import type {BackendPort} from '../domain/service.js';
import type {PodView} from './view.js';

/** One side of a switch: a Service and the Deployment whose pods it selects. */
export interface SwitchSide {
	service: string;
	deployment: string;
	images: string[];
	/** spec.replicas (1 when unset, as the API server defaults it). */
	desired: number;
	/** status.readyReplicas. */
	ready: number;
	/** Pods the Service selects that are ready: what traffic would reach. */
	servedReady: number;
	/** The count scale-down recorded, or null. */
	scaledDownFrom: number | null;
	/** The Deployment's pods (its selector), sorted. */
	pods: PodView[];
	deploymentResourceVersion: string;
}

export interface IngressSwitch {
	namespace: string;
	ingress: string;
	host: string;
	path: string;
	/** Where the backend sits in the Ingress (see IngressRoute). */
	rule: number;
	index: number;
	port: BackendPort;
	ingressResourceVersion: string;
	/** The side the rule's backend points at now. */
	live: SwitchSide;
	/** The other Deployments of the family, each with its Service. */
	idle: SwitchSide[];
	/** 'rule' when found by the detection rule, 'override' when declared by --switches. */
	found: 'rule' | 'override';
	/** Problems in words (no glyphs): no ready pods, a Service selecting nothing or two Deployments. */
	warnings: string[];
}

/** "x/y" as the JSON and the list show a side's readiness. */
export const readyText = (side: SwitchSide): string => `${side.ready}/${side.desired}`;

/** An explicit family for a switch the rule misses (from a --switches file). */
export interface SwitchOverride {
	namespace: string;
	ingress: string;
	/** Only this host's rules; all hosts when absent. */
	host?: string;
	/** The Service/Deployment pairs of the family; the backend names the live one. */
	sides: Array<{service: string; deployment: string}>;
}
