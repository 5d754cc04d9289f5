/** One benchmark figure, printed by `npm run bench`. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}
