import {describe, expect, it} from 'vitest';
import {FAILURE_GLYPH, trafficLines, versionColors, versionLetters} from '../../source/ui/traffic-lines.js';
import {lineWidth, plain} from '../../source/ui/lines.js';
import type {ProbeSample} from '../../source/model/traffic.js';

const at = (i: number, outcome: ProbeSample['outcome']): ProbeSample => ({at: 10_000 + i * 50, latencyMs: 7, outcome});
const blue = {kind: 'answer', version: 'blue'} as const;
const green = {kind: 'answer', version: 'green'} as const;
const denied = {kind: 'error', error: 'denied', detail: 'not allowed to proxy to Service demo (RBAC: services/proxy): forbidden'} as const;

describe('traffic panel lines', () => {
	it('letters versions distinctly and never by colour alone', () => {
		expect([...versionLetters(['blue', 'green'])]).toEqual([['blue', 'B'], ['green', 'G']]);
		expect([...versionLetters(['black', 'blue', 'v1', 'v2'])]).toEqual([['black', 'B'], ['blue', 'L'], ['v1', 'V'], ['v2', '2']]);
		expect(versionColors(['green', 'v2']).get('green')).toBe('green');
		expect(versionColors(['green', 'v2']).get('v2')).toBe('cyan');
	});

	it('draws the strip turning from blue to green with failures marked, and the last 5 s beside it', () => {
		const samples = [...Array.from({length: 10}, (_, i) => at(i, blue)), at(10, {kind: 'error', error: 'server-error', detail: 'the app answered 500'}), ...Array.from({length: 9}, (_, i) => at(11 + i, green))];
		const lines = trafficLines({rate: 20, now: 11_000, strips: [{label: 'ACTIVE', service: 'demo', samples}]}, 100);
		const text = lines.map(plain);
		expect(text[1]).toMatch(/^ACTIVE\s+demo$/);
		expect(text[2]).toContain(`BBBBBBBBBB${FAILURE_GLYPH}GGGGGGGGG`);
		expect(text[2]).toContain('B blue 50%');
		expect(text[2]).toContain('G green 45%');
		expect(text[2]).toContain(`${FAILURE_GLYPH} 5%`);
		expect(text[2]).toContain('p50 7ms p95 7ms');
		expect(text[3]).toContain('the app answered 500');
		for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(100);
	});

	it('says a denial in words and shows the strip width fixed', () => {
		const lines = trafficLines({rate: 20, now: 11_000, strips: [{label: 'PREVIEW', service: 'demo-preview', samples: [at(0, denied)]}]}, 120);
		expect(plain(lines[3]!)).toContain('not allowed to proxy to Service demo (RBAC: services/proxy)');
		const empty = trafficLines({rate: 20, now: 0, strips: [{label: 'PREVIEW', service: 'demo-preview', samples: []}]}, 120);
		expect(plain(empty[2]!)).toContain('waiting for answers');
		expect(plain(empty[2]!).indexOf('waiting')).toBe(plain(lines[2]!).indexOf(FAILURE_GLYPH + ' 100%'));
	});
});
