// What a user's terminal shows: the chunks a program writes, replayed in order
// into a real terminal emulator (@xterm/headless), keeping each distinct
// screen with the arrival time of the chunk that produced it. "When did X
// first appear" is then a question about those screens, not about bytes.
import xterm from '@xterm/headless';
import type {Chunk} from './pty.js';
import {sleep} from './util.js';

export interface ScreenState {
	at: number;
	/** Visible rows; a row the terminal wrapped is joined to the row before it. */
	text: string;
}

export class Screen {
	readonly states: ScreenState[] = [];
	private readonly term: InstanceType<typeof xterm.Terminal>;
	private pending: Promise<void> = Promise.resolve();

	constructor(readonly cols: number, readonly rows: number) {
		this.term = new xterm.Terminal({cols, rows, scrollback: 0, allowProposedApi: true});
	}

	/** Queue a chunk; chunks are parsed strictly in order. */
	feed(chunk: Chunk): void {
		this.pending = this.pending.then(
			() =>
				new Promise<void>((resolve) => {
					this.term.write(chunk.data, () => {
						this.record(chunk.at);
						resolve();
					});
				}),
		);
	}

	/** Resolves once every chunk fed so far has been parsed. */
	settled(): Promise<void> {
		return this.pending;
	}

	/** The current screen text. */
	text(): string {
		const buffer = this.term.buffer.active;
		const rows: string[] = [];
		for (let y = 0; y < this.rows; y++) {
			const line = buffer.getLine(buffer.baseY + y);
			if (!line) continue;
			const text = line.translateToString(true);
			if (line.isWrapped && rows.length > 0) rows[rows.length - 1] += text;
			else rows.push(text);
		}
		return rows.join('\n');
	}

	/** Earliest time at or after `from` when the screen satisfied `test`. */
	firstTime(test: (text: string) => boolean, from: number): number | undefined {
		let low = 0;
		let high = this.states.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (this.states[mid]!.at < from) low = mid + 1;
			else high = mid;
		}
		// Start with the screen as it was at `from`: it may already show it (then the answer is `from`).
		for (let i = Math.max(0, low - 1); i < this.states.length; i++) {
			if (test(this.states[i]!.text)) return Math.max(from, this.states[i]!.at);
		}
		return undefined;
	}

	/** Polls firstTime until it is found or `timeoutMs` passed since `from`. */
	async waitFor(test: (text: string) => boolean, from: number, timeoutMs: number): Promise<number | undefined> {
		for (;;) {
			await this.settled();
			const at = this.firstTime(test, from);
			if (at !== undefined || performance.now() - from > timeoutMs) return at;
			await sleep(25);
		}
	}

	private record(at: number) {
		const text = this.text();
		const last = this.states.at(-1);
		if (last?.text !== text) this.states.push({at, text});
	}
}
