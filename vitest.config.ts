import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		env: {FORCE_COLOR: '0'},
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.{ts,tsx}', 'test/ui/**/*.test.{ts,tsx}'],
					env: {FORCE_COLOR: '0'},
				},
			},
			{
				test: {
					name: 'integration',
					include: ['test/integration/**/*.test.{ts,tsx}', 'test/e2e/**/*.test.{ts,tsx}'],
					// One local control plane per run, started (or reused) here.
					globalSetup: ['test/integration/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 300_000,
					// The tests share one cluster and one CPU budget; run files one at a time.
					fileParallelism: false,
					env: {FORCE_COLOR: '0'},
				},
			},
		],
	},
});
