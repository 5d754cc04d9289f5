/** Intent evaluation: accuracy, per-intent precision/recall/F1, and the most frequent confusions. */
import type { Intent } from '../types.js';

export interface IntentEvalRow {
  id?: string;
  text: string;
  intent: string;
}

export interface IntentEvalReport {
  total: number;
  accuracy: number;
  perIntent: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  confusions: { expected: string; predicted: string; count: number; examples: string[] }[];
}

/** Scores predictions against labels. */
export function scoreIntents(rows: IntentEvalRow[], predict: (text: string) => Intent): IntentEvalReport {
  const labels = new Set<string>();
  const pairs = rows.map((r) => {
    const predicted = predict(r.text);
    labels.add(r.intent);
    labels.add(predicted);
    return { ...r, predicted };
  });
  const perIntent: IntentEvalReport['perIntent'] = {};
  for (const label of [...labels].sort()) {
    const tp = pairs.filter((p) => p.intent === label && p.predicted === label).length;
    const fp = pairs.filter((p) => p.intent !== label && p.predicted === label).length;
    const fn = pairs.filter((p) => p.intent === label && p.predicted !== label).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    const support = tp + fn;
    if (support === 0 && fp === 0) continue;
    perIntent[label] = { precision: r3(precision), recall: r3(recall), f1: r3(f1), support };
  }
  const confusionMap = new Map<string, { expected: string; predicted: string; count: number; examples: string[] }>();
  for (const p of pairs.filter((x) => x.intent !== x.predicted)) {
    const key = `${p.intent}->${p.predicted}`;
    const entry = confusionMap.get(key) ?? { expected: p.intent, predicted: p.predicted, count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(p.text);
    confusionMap.set(key, entry);
  }
  return {
    total: rows.length,
    accuracy: r3(pairs.filter((p) => p.intent === p.predicted).length / Math.max(1, rows.length)),
    perIntent,
    confusions: [...confusionMap.values()].sort((a, b) => b.count - a.count),
  };
}

function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
