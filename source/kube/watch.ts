// A list+watch loop for one resource type that keeps itself alive:
// LIST (paged), then WATCH from the list's resourceVersion with bookmarks;
// reconnect from the last resourceVersion when the stream ends; re-list on
// 410 Gone; capped exponential backoff with jitter on errors; a watchdog for
// silent dead connections; slow retries while the resource is not installed
// or forbidden. Waits are shared with the other kinds through a Reachability:
// when the API server comes back, every waiting watch retries at once with
// its backoff reset. It reports through callbacks and never writes to the
// terminal (the Ink UI owns it).
import type {KubeConfig} from '@kubernetes/client-node';
import type {KubeObject} from '../domain/raw.js';
import {backoffDelay, jittered} from './backoff.js';
import {apiErrorFrom, openGet, readBody, type OpenResponse, type Query} from './kube-request.js';
import type {Reachability, TrackedRequest, WaitEnd} from './reachability.js';
import {collectionPath, objectKey, trimObject, type ResourceType} from './resources.js';
import {sleep} from './sleep.js';
import type {WatchState, WatchStatus} from './source.js';
import {classifyWatchError, displayServer, KubeApiError, type ErrorVerdict, type Verb} from './watch-errors.js';
import {consumeStream, type StreamEnd, type WatchedObjects} from './watch-stream.js';
import {createReachability, defaultWatchTuning, type WatchTuning} from './watch-tuning.js';

export type {WatchTuning};

export interface ResourceWatchCallbacks {
	/**
	 * The current objects, keyed by "namespace/name". Called after each LIST
	 * (a new map, so deleted objects vanish) and after each batch of watch
	 * events (the same map, updated). Treat it as read-only.
	 */
	onObjects(objects: ReadonlyMap<string, KubeObject>): void;
	onStatus(status: WatchStatus): void;
}

/** The server came back while this request waited for an answer: send it again now. */
class RetryNow extends Error {}

interface Counters {
	/** Errors since the last healthy watch; drives the backoff. */
	failures: number;
	/** Watches that ended (cleanly or 410) without doing anything useful. */
	quickEnds: number;
}

export class ResourceWatch {
	private readonly tuning: WatchTuning;
	private path: string;
	private readonly server: string;
	private readonly reachability: Reachability;
	private controller: AbortController | null = null;
	private currentStatus: WatchStatus;
	private readonly watched: WatchedObjects;

	constructor(
		private readonly kc: KubeConfig,
		private type: ResourceType,
		private readonly namespace: string | null,
		private readonly callbacks: ResourceWatchCallbacks,
		tuning: Partial<WatchTuning> = {},
		reachability?: Reachability,
	) {
		this.tuning = {...defaultWatchTuning, ...tuning};
		this.reachability = reachability ?? createReachability(kc, tuning);
		this.path = collectionPath(type, namespace);
		this.server = displayServer(kc.getCurrentCluster()?.server ?? '');
		this.watched = {type, map: new Map(), resourceVersion: null};
		this.currentStatus = {resource: type.resource, state: 'connecting', attempt: 0, nextRetryAt: null, reason: null};
	}

	get status(): WatchStatus {
		return this.currentStatus;
	}

	get objects(): ReadonlyMap<string, KubeObject> {
		return this.watched.map;
	}

	start(): void {
		if (this.controller) {
			return;
		}
		const controller = new AbortController();
		this.controller = controller;
		void this.run(controller.signal).catch(() => {
			// run() handles its own errors; this only guards against a bug killing the process.
		});
	}

	/** Aborts the stream and all timers; no callbacks fire afterwards. */
	stop(): void {
		this.controller?.abort();
		this.controller = null;
	}

	private async run(signal: AbortSignal): Promise<void> {
		const {tuning} = this;
		const counters: Counters = {failures: 0, quickEnds: 0};
		while (!signal.aborted) {
			const stream = {openedAt: null as number | null};
			try {
				if (this.watched.resourceVersion === null) {
					await this.list(signal);
				}
				const end = await this.watchOnce(signal, () => {
					stream.openedAt = tuning.now();
				});
				await this.afterStream(end, counters, signal);
			} catch (error) {
				if (signal.aborted) {
					return;
				}
				if (error instanceof RetryNow) {
					counters.failures = 0;
					continue;
				}
				// A stream that stayed open long enough was healthy, however it ended (e.g. the server restarted).
				if (stream.openedAt !== null && tuning.now() - stream.openedAt >= tuning.healthyAfterMs) {
					counters.failures = 0;
				}
				const verdict = classifyWatchError(error, {type: this.type, namespace: this.namespace, server: this.server});
				if (!(await this.afterError(error, verdict, counters, signal))) {
					return;
				}
			}
		}
	}

	private async afterStream(end: StreamEnd, counters: Counters, signal: AbortSignal): Promise<void> {
		const {tuning} = this;
		if (end.openMs >= tuning.healthyAfterMs) {
			counters.failures = 0;
		}
		if (end.gone) {
			this.watched.resourceVersion = null;
		}
		// A server that ends every watch at once must not become a hot loop.
		counters.quickEnds = end.progressed || end.openMs >= 1000 ? 0 : counters.quickEnds + 1;
		if (counters.quickEnds > 1) {
			await sleep(backoffDelay(counters.quickEnds - 1, tuning.backoff, tuning.random), signal);
		}
	}

	/** Waits as the verdict says; false when the loop must end. */
	private async afterError(error: unknown, verdict: ErrorVerdict, counters: Counters, signal: AbortSignal): Promise<boolean> {
		const {tuning} = this;
		switch (verdict.action) {
			case 'relist': {
				this.watched.resourceVersion = null;
				counters.quickEnds++;
				if (counters.quickEnds > 1) {
					await sleep(backoffDelay(counters.quickEnds - 1, tuning.backoff, tuning.random), signal);
				}
				return true;
			}
			case 'stop': {
				this.setStatus(signal, {state: 'failed', attempt: counters.failures, nextRetryAt: null, reason: verdict.reason});
				return false;
			}
			case 'slow': {
				if (this.reachability.inDoubt) {
					// A starting server says 404/403 before it has loaded its CRDs and RBAC rules: keep the objects, retry soon.
					return this.backoff(counters, `${verdict.reason} (the API server is starting)`, signal);
				}
				if (error instanceof KubeApiError && error.statusCode === 404 && this.useFallback()) {
					this.watched.resourceVersion = null;
					return true;
				}
				if (error instanceof KubeApiError && error.statusCode === 404 && this.watched.map.size > 0) {
					// The CRD was removed, and with it every object of this kind.
					this.watched.map = new Map();
					this.emitObjects(signal);
				}
				this.watched.resourceVersion = null;
				counters.failures = 0;
				const delay = jittered(tuning.slowRetryMs, tuning.backoff.jitter, tuning.random);
				await this.waitToRetry(signal, 'unavailable', 0, delay, verdict.reason);
				return true;
			}
			case 'backoff': {
				this.reachability.failed();
				return this.backoff(counters, verdict.reason, signal);
			}
		}
	}

	/** Switches to the kind's older API (core/v1 Events) once, when the preferred one is not served. */
	private useFallback(): boolean {
		const {fallback} = this.type as {fallback?: {group: string; version: string}};
		if (!fallback || (this.type.group === fallback.group && this.type.version === fallback.version)) return false;
		this.type = {...this.type, group: fallback.group, version: fallback.version} as ResourceType;
		this.path = collectionPath(this.type, this.namespace);
		this.watched.type = this.type;
		return true;
	}

	private async backoff(counters: Counters, reason: string, signal: AbortSignal): Promise<boolean> {
		counters.failures++;
		const delay = backoffDelay(counters.failures, this.tuning.backoff, this.tuning.random);
		if ((await this.waitToRetry(signal, 'reconnecting', counters.failures, delay, reason)) === 'recovered') {
			// The server answers again: the next failure starts from the first, short delay.
			counters.failures = 0;
		}
		return true;
	}

	private async waitToRetry(signal: AbortSignal, state: WatchState, attempt: number, delayMs: number, reason: string): Promise<WaitEnd> {
		this.setStatus(signal, {state, attempt, nextRetryAt: this.tuning.now() + delayMs, reason});
		const end = await this.reachability.wait(delayMs, signal);
		// Trying now: keep the state and reason until the attempt succeeds or fails.
		this.setStatus(signal, {state, attempt, nextRetryAt: null, reason});
		return end;
	}

	/**
	 * Sends one GET through the shared reachability: a request cut short
	 * because the server came back becomes RetryNow; a non-2xx answer becomes
	 * a KubeApiError; a 2xx tells the other watches the server answers.
	 */
	private async send(attempt: TrackedRequest, query: Query, verb: Verb): Promise<OpenResponse> {
		const {tuning} = this;
		let open: OpenResponse;
		try {
			open = await openGet(this.kc, this.path, query, attempt.signal, tuning.requestTimeoutMs);
		} catch (error) {
			throw attempt.wasCut() ? new RetryNow() : error;
		}
		attempt.answered();
		if (open.response.statusCode !== 200) {
			throw await apiErrorFrom(open, verb, tuning.requestTimeoutMs);
		}
		this.reachability.answered();
		return open;
	}

	/** Paged LIST into a fresh map; remembers the collection's resourceVersion. */
	private async list(signal: AbortSignal): Promise<void> {
		const {tuning} = this;
		const objects = new Map<string, KubeObject>();
		let continueToken: string | undefined;
		let resourceVersion = '';
		do {
			const attempt = this.reachability.track(signal);
			try {
				const open = await this.send(attempt, {limit: tuning.pageSize, continue: continueToken}, 'list');
				const page = parseListPage(await readBody(open, tuning.requestTimeoutMs));
				for (const item of page.items ?? []) {
					objects.set(objectKey(item), trimObject(item, this.type));
				}
				// Every page carries the resourceVersion of the snapshot the first page started.
				resourceVersion = page.metadata?.resourceVersion || resourceVersion;
				continueToken = page.metadata?.continue || undefined;
			} catch (error) {
				throw attempt.wasCut() ? new RetryNow() : error;
			} finally {
				attempt.done();
			}
		} while (continueToken);

		this.watched.map = objects;
		this.watched.resourceVersion = resourceVersion || null;
		this.emitObjects(signal);
	}

	/** One WATCH request; resolves when the stream ends cleanly or with 410, rejects on errors. */
	private async watchOnce(signal: AbortSignal, onOpen: () => void): Promise<StreamEnd> {
		const {tuning} = this;
		const attempt = this.reachability.track(signal);
		try {
			const query = {
				watch: 1,
				resourceVersion: this.watched.resourceVersion ?? undefined,
				allowWatchBookmarks: true,
				timeoutSeconds: tuning.watchTimeoutSeconds,
			};
			const open = await this.send(attempt, query, 'watch');
			onOpen();
			this.setStatus(signal, {state: 'live', attempt: 0, nextRetryAt: null, reason: null});
			return await consumeStream(open, this.watched, {
				idleMs: tuning.watchTimeoutSeconds * 1000 + tuning.idleGraceMs,
				now: tuning.now,
				onChanged: () => this.emitObjects(signal),
			}).catch((error: unknown) => {
				throw attempt.wasCut() ? new RetryNow() : error;
			});
		} finally {
			attempt.done();
		}
	}

	private emitObjects(signal: AbortSignal): void {
		if (!signal.aborted) {
			this.callbacks.onObjects(this.watched.map);
		}
	}

	private setStatus(signal: AbortSignal, next: Omit<WatchStatus, 'resource' | 'staleSince'>): void {
		const current = this.currentStatus;
		if (
			signal.aborted ||
			(current.state === next.state &&
				current.attempt === next.attempt &&
				current.nextRetryAt === next.nextRetryAt &&
				current.reason === next.reason)
		) {
			return;
		}
		// The objects on screen stopped being current when the stream was lost, not at each later retry.
		const staleSince = next.state === 'live' ? undefined : current.state === 'live' ? this.tuning.now() : current.staleSince;
		this.currentStatus = {resource: this.type.resource, ...next, ...(staleSince === undefined ? {} : {staleSince})};
		this.callbacks.onStatus(this.currentStatus);
	}
}

interface ListPage {
	metadata?: {resourceVersion?: string; continue?: string};
	items?: KubeObject[];
}

function parseListPage(text: string): ListPage {
	try {
		return JSON.parse(text) as ListPage;
	} catch {
		// Usually a body cut short; the retry lists again.
		throw new Error('malformed list response from the server');
	}
}
