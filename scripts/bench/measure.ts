export interface Stats {
  p50: number;
  p95: number;
  mean: number;
  n: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: q(0.5), p95: q(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length, n: s.length };
}

/**
 * Runs the contenders interleaved (a, b, a, b, …) after a warm-up, so both see the same
 * machine state; returns each one's samples in milliseconds.
 */
export async function sideBySide(contenders: Record<string, () => Promise<unknown>>, iterations: number, warmup = 20): Promise<Record<string, Stats>> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < warmup + iterations; i++) {
    for (const name of names) {
      const t = performance.now();
      await contenders[name]();
      if (i >= warmup) samples[name].push(performance.now() - t);
    }
  }
  return Object.fromEntries(names.map((n) => [n, stats(samples[n])]));
}

export const ms = (x: number) => `${x.toFixed(2)} ms`;

export function printRow(label: string, s: Stats, baseline?: Stats) {
  const ratio = baseline ? `  ratio p50 ${(s.p50 / baseline.p50).toFixed(2)}×  p95 ${(s.p95 / baseline.p95).toFixed(2)}×` : "";
  console.log(`  ${label.padEnd(44)} p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}${ratio}`);
}
